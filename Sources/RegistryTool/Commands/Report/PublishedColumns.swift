import Registry

/// The columns `report coverage --published` adds: for each measure (registered, active) the
/// latest published figure of the row's area dated on or before the report date, the coverage
/// it implies on its own date, its date and its source. Empty when the area has none. Named
/// `published_…` so that no reader, person or script, takes them for the computed columns.
struct PublishedColumns {
    static let columns: [TextTable.Column] = PublishedCount.Measure.allCases.flatMap { measure in
        let prefix = "published_\(measure.rawValue)"
        return [
            TextTable.Column(name: prefix, numeric: true), TextTable.Column(name: "\(prefix)_pct", numeric: true),
            TextTable.Column(name: "\(prefix)_as_of"), TextTable.Column(name: "\(prefix)_source"),
        ]
    }

    private var figures: [CoverageArea: [PublishedCount.Measure: PublishedCoverage]] = [:]

    init(_ published: [PublishedCoverage]) {
        for figure in published {
            figures[figure.figure.area, default: [:]][figure.figure.measure] = figure
        }
    }

    /// Whether `area` has a published figure.
    func has(_ area: CoverageArea) -> Bool { figures[area] != nil }

    /// The cells of ``columns`` for a row about `area`.
    func cells(for area: CoverageArea) -> [String?] {
        PublishedCount.Measure.allCases.flatMap { measure -> [String?] in
            guard let figure = figures[area]?[measure] else { return [nil, nil, nil, nil] }
            return [Cell.number(figure.headCount), Cell.percent(figure.basisPoints), figure.figure.asOf.isoString,
                    figure.figure.source]
        }
    }
}
