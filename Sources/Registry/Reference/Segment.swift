import SQLiteDB

/// A membership segment (segmen kepesertaan): who the worker is to the scheme, which decides
/// the programs they may join and how their dues are priced.
public enum Segment: String, Sendable, Hashable, CaseIterable, Codable, DatabaseValueConvertible, CustomStringConvertible {
    /// Works for an employer (Penerima Upah, PU); dues are a share of the monthly wage.
    case wageEarner = "wage_earner"
    /// Informal or self-employed (Bukan Penerima Upah, BPU); dues on declared income.
    case informal
    /// Works on a construction project (Jasa Konstruksi, JAKON); dues on the contract value.
    case construction
    /// Placed abroad (Pekerja Migran Indonesia, PMI); fixed amounts per placement.
    case migrant

    /// The Indonesian abbreviation clerks use: PU, BPU, JAKON, PMI.
    public var shortCode: String {
        switch self {
        case .wageEarner: "PU"
        case .informal: "BPU"
        case .construction: "JAKON"
        case .migrant: "PMI"
        }
    }

    /// Parses the database code (`informal`) or the abbreviation (`BPU`), any case.
    public init?(code: String) {
        let lowered = code.lowercased()
        guard let match = Segment.allCases.first(where: { $0.rawValue == lowered || $0.shortCode.lowercased() == lowered })
        else { return nil }
        self = match
    }

    public var description: String {
        switch self {
        case .wageEarner: "wage earners (PU)"
        case .informal: "informal workers (BPU)"
        case .construction: "construction workers (JAKON)"
        case .migrant: "migrant workers (PMI)"
        }
    }
}
