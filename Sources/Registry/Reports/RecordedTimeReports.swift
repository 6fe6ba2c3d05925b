import SQLiteDB

/// The status counts and the arrears list as the register said them on a past day: recorded
/// time, what an audit asks ("what did the branch report on 31 March?").
///
/// The standing tables answer valid time from everything recorded now; these read the
/// memberships registered and the ledger rows recorded by the end of the Jakarta day `knownOn`
/// and evaluate each such membership from them (``RegistrySession/membershipStatuses(on:asKnownOn:)``),
/// so they cost a pass over the register rather than an index read. A membership registered
/// later is left out: the register did not hold it on that day. For the whole register as it was, with every report,
/// restore a replica at that time instead (`registry restore --timestamp`, docs/operations.md).
extension RegistrySession {
    /// ``statusCounts(on:)`` as the register said it on `knownOn`.
    public func statusCounts(on date: CalendarDate, asKnownOn knownOn: CalendarDate) throws -> [SegmentStatusCount] {
        var counts = Dictionary(uniqueKeysWithValues: Segment.allCases.map {
            ($0, SegmentStatusCount(segment: $0, date: date, memberships: 0, active: 0, inArrears: 0, lapsed: 0, ended: 0, notStarted: 0))
        })
        // One membership at a time, as the ids are read: memory stays flat however large the register.
        let context = try StandingContext(self, knownOn: knownOn)
        try db.forEach("SELECT id FROM memberships WHERE registered_at < ? ORDER BY id", context.recordedBefore) { row in
            let status = try self.status(of: try row.get(0, as: Membership.ID.self), on: date, context: context)
            counts[status.segment]!.memberships += 1
            switch status.state {
            case .active: counts[status.segment]!.active += 1
            case .inArrears: counts[status.segment]!.inArrears += 1
            case .lapsed: counts[status.segment]!.lapsed += 1
            case .ended: counts[status.segment]!.ended += 1
            case .notStarted: counts[status.segment]!.notStarted += 1
            }
        }
        return counts.values.sorted { $0.segment.rawValue < $1.segment.rawValue }
    }

    /// ``arrears(on:filter:)`` as the register said it on `knownOn`, by membership id.
    public func arrears(on date: CalendarDate, asKnownOn knownOn: CalendarDate, filter: ArrearsFilter = ArrearsFilter()) throws -> [ArrearsEntry] {
        let context = try StandingContext(self, knownOn: knownOn)
        typealias Holder = (id: Membership.ID, worker: Worker.ID, maskedNIK: String, kpj: String, name: String, segment: Segment)
        let holders: [Holder] = try reportRows("""
            WITH RECURSIVE \(Self.filingOfficesCTE)
            SELECT m.id, w.id, w.nik, w.kpj, w.full_name, m.segment_code
            FROM memberships m JOIN workers w ON w.id = m.worker_id
            WHERE m.registered_at < :registered_before
              AND (:segment IS NULL OR m.segment_code = :segment)
              AND (:region IS NULL OR w.village_code = :region
                   OR substr(w.village_code, 1, length(:region) + 1) = :region || '.')
              AND (:office IS NULL OR w.branch_office_id IN filing_offices)
            ORDER BY m.id
            """, filter.parameters.merging([":registered_before": .text(context.recordedBefore)]) { $1 }) { row in
            (try row.get(0), try row.get(1), NIK.mask(try row.get(2, as: String.self)), try row.get(3), try row.get(4), try row.get(5))
        }
        var entries: [ArrearsEntry] = []
        for holder in holders {
            let status = try self.status(of: holder.id, on: date, context: context)
            guard let owed = status.owed else { continue }
            entries.append(ArrearsEntry(
                membership: holder.id, worker: holder.worker, maskedNIK: holder.maskedNIK, kpj: holder.kpj,
                fullName: holder.name, segment: holder.segment, status: status.state, date: date,
                unpaidMonths: status.unpaidMonths, overdueBills: owed.billedMonths, unbilledMonths: owed.unbilledMonths,
                firstUnpaidMonth: owed.firstMonth, lastUnpaidMonth: owed.lastMonth, amountOwed: owed.amount,
                unbilledAmount: owed.unbilledAmount))
        }
        return entries
    }
}
