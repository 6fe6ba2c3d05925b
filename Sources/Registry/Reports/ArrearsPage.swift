import SQLiteDB

/// Where a page of the arrears list ends: the last entry's position in the index of owing
/// spans (`membership_status_spans_owing_by_length`: length class, start, worker, end,
/// membership), and the date the list is for.
///
/// Its text form (`2026-10-20,3,2026-09-16,1234,2026-11-16,5678`) is what `registry report
/// arrears --after` takes: opaque to a clerk, but plain enough to pass between a script's calls.
/// Commas, not slashes: the tool masks any 16 digits joined by single separators, and the
/// dates would be.
public struct ArrearsCursor: Sendable, Hashable, LosslessStringConvertible {
    public let date: CalendarDate
    let lengthClass: Int
    let fromDate: String
    let worker: Int64
    let untilDate: String
    let membership: Int64

    init(date: CalendarDate, lengthClass: Int, fromDate: String, worker: Int64, untilDate: String, membership: Int64) {
        self.date = date
        self.lengthClass = lengthClass
        self.fromDate = fromDate
        self.worker = worker
        self.untilDate = untilDate
        self.membership = membership
    }

    public init?(_ description: String) {
        let parts = description.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, let date = CalendarDate(iso: parts[0]), let lengthClass = Int(parts[1]),
              ArrearsPaging.lengthClasses.contains(lengthClass),
              CalendarDate(iso: parts[2]) != nil || parts[2] == "0000-01-01",
              let worker = Int64(parts[3]), CalendarDate(iso: parts[4]) != nil, let membership = Int64(parts[5]) else {
            return nil
        }
        self.init(date: date, lengthClass: lengthClass, fromDate: parts[2], worker: worker, untilDate: parts[4], membership: membership)
    }

    public var description: String {
        "\(date.isoString),\(lengthClass),\(fromDate),\(worker),\(untilDate),\(membership)"
    }
}

/// One page of the arrears list, and where the next one starts.
public struct ArrearsPage: Sendable, Hashable {
    /// At most the page size, in index order (length class, start of the span, worker): not in
    /// membership order, which only the whole list can give.
    public var entries: [ArrearsEntry]
    /// Nil when this page is the last.
    public var next: ArrearsCursor?
}

/// How the arrears list is read a page at a time.
enum ArrearsPaging {
    /// The length classes of owing spans in index order: 0 open, 3–14 closed spans of at most
    /// 2^k days, 15 longer (see `0015_owing_spans_by_length.sql`).
    static let lengthClasses = [0] + Array(3...14) + [15]

    /// The first start date a span of `lengthClass` holding `date` can have: a closed span of at
    /// most 2^k days holding the date started within 2^k days before it; open and longest spans
    /// may have started any time.
    static func earliestStart(of lengthClass: Int, holding date: CalendarDate) -> String {
        guard (3...14).contains(lengthClass) else { return "0000-01-01" }
        return date.adding(days: -(1 << lengthClass) + 1).isoString
    }

    /// The owing spans of one length class holding `:as_of`, from `:from` (the window's first
    /// start, or after the cursor), in index order, with what an entry shows. `afterCursor`
    /// continues strictly after the cursor's index key; otherwise the window is read from its
    /// start. The columns and filters are those of ``RegistrySession/arrearsSQL``, shared.
    static func sql(afterCursor: Bool) -> String {
        let position = afterCursor
            ? "(s.from_date, s.worker_id, s.until_date, s.membership_id) > (:from, :worker, :until, :membership)"
            : "s.from_date >= :from"
        return """
            WITH RECURSIVE \(RegistrySession.filingOfficesCTE)
            SELECT \(RegistrySession.arrearsColumns), s.from_date, s.until_date
            FROM membership_status_spans s INDEXED BY membership_status_spans_owing_by_length
            JOIN workers w ON w.id = s.worker_id
            WHERE s.owes = 1 AND s.length_class = :class AND \(position)
              AND s.from_date <= :as_of AND s.until_date > :as_of
              AND \(RegistrySession.arrearsFilters)
            ORDER BY s.from_date, s.worker_id, s.until_date, s.membership_id
            LIMIT :limit
            """
    }
}

extension RegistrySession {
    /// A page of at most `size` entries of ``arrears(on:filter:)``, in the order of the index of
    /// owing spans, starting after `after` (from the beginning when nil). Each page reads only
    /// what it returns and the spans its filters pass over, so the first page of a national list
    /// costs what a branch's does, and memory stays that of one page however long the list.
    ///
    /// Pages are read in separate transactions when the caller asks for them one at a time, so
    /// a page may see writes made since the previous one; the cursor never repeats an entry or
    /// skips one that stayed put.
    ///
    /// - Throws: ``RegistryError/invalid(field:value:reason:)`` on `size` below 1, or on a
    ///   cursor made for another date.
    public func arrears(on date: CalendarDate, filter: ArrearsFilter = ArrearsFilter(), pageSize size: Int,
                        after: ArrearsCursor? = nil) throws -> ArrearsPage {
        guard size >= 1 else {
            throw RegistryError.invalid(field: "page_size", value: String(size), reason: .mustBeAtLeastOne)
        }
        if let after, after.date != date {
            throw RegistryError.invalid(field: "after", value: after.description,
                                        reason: .cursorOfAnotherDay(cursor: after.date, date: date))
        }
        try requireCurrentStanding()
        var parameters = ReportDate(date).parameters.merging(filter.parameters) { $1 }
        var entries: [ArrearsEntry] = []
        var last: ArrearsCursor?
        for lengthClass in ArrearsPaging.lengthClasses where lengthClass >= (after?.lengthClass ?? 0) {
            let continuing = after.map { $0.lengthClass == lengthClass } ?? false
            parameters[":class"] = .integer(Int64(lengthClass))
            parameters[":limit"] = .integer(Int64(size - entries.count))
            if continuing, let after {
                parameters[":from"] = .text(after.fromDate)
                parameters[":worker"] = .integer(after.worker)
                parameters[":until"] = .text(after.untilDate)
                parameters[":membership"] = .integer(after.membership)
            } else {
                parameters[":from"] = .text(ArrearsPaging.earliestStart(of: lengthClass, holding: date))
            }
            try forEachReportRow(ArrearsPaging.sql(afterCursor: continuing), parameters) { row in
                let entry = try Self.arrearsEntry(row, on: date)
                entries.append(entry)
                last = ArrearsCursor(date: date, lengthClass: lengthClass, fromDate: try row.get(14),
                                     worker: entry.worker.rawValue, untilDate: try row.get(15), membership: entry.membership.rawValue)
            }
            if entries.count == size { break }
        }
        // A full page may be the last: the next call then returns an empty page with no cursor.
        return ArrearsPage(entries: entries, next: entries.count == size ? last : nil)
    }
}
