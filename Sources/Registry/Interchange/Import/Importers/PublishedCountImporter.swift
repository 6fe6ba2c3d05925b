/// `published-counts`: `area_kind,area_code,segment,measure,as_of,head_count,source,replaces_as_of`.
///
/// A row with `replaces_as_of` empty records a new figure. With `replaces_as_of`, it replaces
/// the current figure of the same area, segment and measure dated that day: a corrected figure
/// when `head_count` is given, a withdrawal when it is empty (`as_of` is then the withdrawn
/// figure's date, and `source` says why). The area is as for targets: `office` by code,
/// `province` or `regency` by region code.
struct PublishedCountImporter: RowImporter {
    static let columns = [
        ImportColumn("area_kind", required: true), ImportColumn("area_code", required: true), ImportColumn("segment"),
        ImportColumn("measure", required: true), ImportColumn("as_of", required: true),
        ImportColumn("head_count", required: true, numeric: true), ImportColumn("source", required: true),
        ImportColumn("replaces_as_of"),
    ]
    static let fieldColumns = [
        "office_code": "area_code", "province_code": "area_code", "regency_code": "area_code",
        "area": "area_code", "published_count_id": "replaces_as_of",
    ]

    mutating func importRow(_ row: ImportRow, into session: RegistrySession) throws {
        let area = try row.area()
        let segment = try row.segment("segment")
        let measure = try row.requiredCode("measure", as: PublishedCount.Measure.self)
        let asOf = try row.requiredDate("as_of")
        let headCount = try row.integer("head_count")
        let source = try row.required("source")
        guard let replacedDate = try row.date("replaces_as_of") else {
            guard let headCount else {
                throw RegistryError.invalid(field: "head_count", value: "",
                                            reason: .headCountRequired)
            }
            try session.recordPublishedCount(NewPublishedCount(
                area: area, segment: segment, measure: measure, asOf: asOf, headCount: headCount, source: source))
            return
        }
        guard let replaced = try session.publishedCounts(of: area).first(where: {
            $0.segment == segment && $0.measure == measure && $0.asOf == replacedDate
        }) else {
            throw RegistryError.notFound(field: "replaces_as_of", value: replacedDate.isoString)
        }
        guard let headCount else {
            guard asOf == replacedDate else {
                throw RegistryError.invalid(field: "as_of", value: asOf.isoString,
                                            reason: .withdrawalKeepsDate(replaced: replacedDate))
            }
            try session.withdrawPublishedCount(replaced.id, reason: source)
            return
        }
        try session.correctPublishedCount(replaced.id, with: NewPublishedCount(
            area: area, segment: segment, measure: measure, asOf: asOf, headCount: headCount, source: source))
    }
}
