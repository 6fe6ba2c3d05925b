import SQLiteDB

extension RegistrySession {
    /// The status of every membership at `date`, by membership id: what the view
    /// `membership_status` shows when `report_as_of` is `date`, and what ``status(of:on:)``
    /// gives one membership at a time. With `knownOn`, as the register said it that day
    /// (``status(of:on:asKnownOn:)``; the view with `report_known_on` set to it): the
    /// memberships registered by then.
    ///
    /// Computed from the ledger, not the standing tables: it answers any pair of dates, at the
    /// cost of reading every membership's rows.
    public func membershipStatuses(on date: CalendarDate, asKnownOn knownOn: CalendarDate? = nil) throws -> [MembershipStatus] {
        let context = try StandingContext(self, knownOn: knownOn)
        return try db.fetchValues(Membership.ID.self, "SELECT id FROM memberships WHERE registered_at < ? ORDER BY id",
                                  context.recordedBefore).map {
            try status(of: $0, on: date, context: context)
        }
    }
}
