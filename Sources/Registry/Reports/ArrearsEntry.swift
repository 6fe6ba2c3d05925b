import SQLiteDB

/// A membership owing money at a date: a row of the view `arrears`, with the worker's NIK
/// masked (reports are printed, mailed and left on desks; the full NIK never leaves the
/// database through this type).
public struct ArrearsEntry: Sendable, Hashable {
    public var membership: Membership.ID
    public var worker: Worker.ID
    /// `3402**********0001` (``NIK/mask(_:)``).
    public var maskedNIK: String
    /// The membership card number, the worker's reference at the counter.
    public var kpj: String
    public var fullName: String
    public var segment: Segment
    public var status: MembershipStatus.State
    public var date: CalendarDate
    /// The status run: owed months since the last settled one.
    public var unpaidMonths: Int
    /// Every owed month with a bill, older holes before the last settled one included.
    public var overdueBills: Int
    /// Owed months no billing run has billed (wage earners and informal workers: a month is
    /// owed from its due date, billed or not).
    public var unbilledMonths: Int
    public var firstUnpaidMonth: ContributionMonth
    public var lastUnpaidMonth: ContributionMonth
    /// Σ (due − paid) over the owed bills, plus ``unbilledAmount``.
    public var amountOwed: Rupiah
    /// The owed unbilled months, each priced by the rules of its month (a month no rule prices
    /// adds nothing); the view `arrears` leaves this part out of its `amount_owed`.
    public var unbilledAmount: Rupiah
}

/// Which owing memberships an arrears list keeps. Every filter runs in the query, so a
/// branch's list does not decode the whole country's.
public struct ArrearsFilter: Sendable, Hashable {
    /// Memberships of this segment.
    public var segment: Segment?
    /// Workers resident in this area: a province, regency, district or village.
    public var region: RegionCode?
    /// Workers whose file this office holds: a branch, or any office below a regional or
    /// the head office (the worker's `branch_office_id`, not the regency they live in).
    public var office: Office.ID?

    public init(segment: Segment? = nil, region: RegionCode? = nil, office: Office.ID? = nil) {
        self.segment = segment
        self.region = region
        self.office = office
    }

    var parameters: [String: DatabaseValue] {
        [
            ":segment": segment.map { .text($0.rawValue) } ?? .null,
            ":region": region.map { .text($0.code) } ?? .null,
            ":office": office.map { .integer($0.rawValue) } ?? .null,
        ]
    }
}

extension RegistrySession {
    /// Every membership with an overdue, unsettled bill at `date` (ended and not yet started
    /// memberships included) that `filter` keeps, by membership id: the view `arrears` when
    /// `report_as_of` is `date`, the NIK masked.
    public func arrears(on date: CalendarDate, filter: ArrearsFilter = ArrearsFilter()) throws -> [ArrearsEntry] {
        try requireCurrentStanding()
        let parameters = ReportDate(date).parameters.merging(filter.parameters) { $1 }
        var entries = try reportRows(Self.arrearsSQL, parameters) { row in try Self.arrearsEntry(row, on: date) }
        // Sorted here, not by an ORDER BY: SQLite's sorter would copy every row, names
        // included, into sorter records and compare them as records. The index hands the rows
        // over in long runs already in membership order (one per pair of span dates), which
        // Swift's merge sort takes as they come.
        entries.sort { $0.membership.rawValue < $1.membership.rawValue }
        return entries
    }

    /// An entry from the first fourteen columns of ``arrearsSQL`` (and of the paged list's query).
    static func arrearsEntry(_ row: CursorRow, on date: CalendarDate) throws -> ArrearsEntry {
        ArrearsEntry(
            membership: try row.get(0), worker: try row.get(1),
            maskedNIK: try Self.maskedText(row, 2),
            kpj: try row.get(3), fullName: try row.get(4), segment: try row.get(5), status: try row.get(6),
            date: date, unpaidMonths: try row.get(7), overdueBills: try row.get(8), unbilledMonths: try row.get(12),
            firstUnpaidMonth: try row.get(9), lastUnpaidMonth: try row.get(10),
            amountOwed: Rupiah(try row.get(11, as: Int64.self) + (try row.get(13, as: Int64.self))),
            unbilledAmount: Rupiah(try row.get(13, as: Int64.self)))
    }

    /// Column `index` masked with ``NIK/mask(utf8:)`` from SQLite's bytes: the full NIK is never
    /// copied into a `String`.
    private static func maskedText(_ row: CursorRow, _ index: Int) throws -> String {
        let column = row.columnSlot(uncheckedIndex: index)
        guard column.storageClass == .text else {
            return NIK.mask(try row.get(index, as: String.self))   // not text: the typed error, or SQLite's conversion
        }
        return column.withUTF8(NIK.mask(utf8:))
    }

    /// Two reads of the partial covering index `membership_status_spans_owing_by_length`:
    /// what a membership owes is kept on its status spans (`0012_arrears_on_spans.sql`), so no
    /// bill is read here. The index orders the owing spans by length class, then start
    /// (`0015_owing_spans_by_length.sql`): a closed span of at most 2^k days that holds the date
    /// started within 2^k days before it, so each class is read over that window only and a
    /// date far in the past does not walk the spans of every later month; open spans (class 0)
    /// and the rare longest (15) are read from their first start. Within a start date the
    /// entries come in worker order, so the workers are looked up in a few ordered passes.
    /// `INDEXED BY` because without statistics SQLite may prefer to scan the whole table in
    /// membership order, and a plan that cannot use the index is an error rather than a silent
    /// full scan. The rows come in index order; ``arrears(on:filter:)`` sorts them.
    ///
    /// The segment and the region's regency are tested on the index entry, before the worker
    /// is read; a district or village, and the office holding the file, on the worker.
    static let arrearsSQL = """
        WITH RECURSIVE \(filingOfficesCTE),
        closed_length_classes(length_class, max_days) AS (
            VALUES (3, 8)
            UNION ALL SELECT length_class + 1, max_days * 2 FROM closed_length_classes WHERE length_class < 14),
        owing AS (
            SELECT s.* FROM closed_length_classes c
            JOIN membership_status_spans s INDEXED BY membership_status_spans_owing_by_length
              ON s.length_class = c.length_class AND s.from_date > date(:as_of, '-' || c.max_days || ' days')
             AND s.from_date <= :as_of
            WHERE s.owes = 1 AND s.until_date > :as_of
            UNION ALL
            SELECT * FROM membership_status_spans INDEXED BY membership_status_spans_owing_by_length
            WHERE owes = 1 AND length_class IN (0, 15) AND from_date <= :as_of AND until_date > :as_of)
        SELECT \(arrearsColumns)
        FROM owing s
        JOIN workers w ON w.id = s.worker_id
        WHERE \(arrearsFilters)
        """

    /// The offices under `:office` (itself included), for the filing-office filter.
    static let filingOfficesCTE = """
        filing_offices(id) AS (
            SELECT id FROM offices WHERE id = :office
            UNION SELECT o.id FROM offices o JOIN filing_offices f ON o.parent_office_id = f.id)
        """

    /// What an entry shows, from owing spans `s` and their workers `w` (``arrearsEntry(_:on:)``).
    static let arrearsColumns = """
        s.membership_id, w.id, w.nik, w.kpj, w.full_name, s.segment_code, s.status,
               s.unpaid_months, s.overdue_bills, s.first_unpaid_month, s.last_unpaid_month, s.amount_owed,
               s.unbilled_months, s.unbilled_amount
        """

    /// ``ArrearsFilter`` on owing spans `s` and their workers `w`.
    static let arrearsFilters = """
        (:segment IS NULL OR s.segment_code = :segment)
          AND (:region IS NULL OR s.regency_code = substr(:region, 1, 5)
               OR substr(s.regency_code, 1, length(:region) + 1) = :region || '.')
          AND (:region IS NULL OR w.village_code = :region
               OR substr(w.village_code, 1, length(:region) + 1) = :region || '.')
          AND (:office IS NULL OR w.branch_office_id IN filing_offices)
        """
}
