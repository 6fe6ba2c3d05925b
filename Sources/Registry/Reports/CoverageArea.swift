/// The area a coverage figure or a target is about.
///
/// Workers belong to the regency of their *residence* (`workers.village_code`), never to the
/// branch holding their file, so every area is resolved to a set of regencies:
///
/// - ``regency(_:)``: that regency or city;
/// - ``province(_:)``: the province's regencies and cities;
/// - ``office(code:)``: by the office's unique `offices.code`. The head office covers every
///   regency (national); a regional office, the regencies its branches serve at the date; a
///   branch or pioneer branch, the regencies it serves at the date (`branch_regencies`).
///   Offices are named by code rather than row id so callers need no office lookup first.
public enum CoverageArea: Sendable, Hashable, CustomStringConvertible {
    case regency(RegionCode)
    case province(RegionCode)
    case office(code: String)

    public var description: String {
        switch self {
        case .regency(let code): "regency \(code)"
        case .province(let code): "province \(code)"
        case .office(let code): "office \(code)"
        }
    }
}
