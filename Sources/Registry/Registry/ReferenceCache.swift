import SQLiteDB

/// Reference data a bulk import reads for every row, remembered for one write transaction.
///
/// Registering a worker checks its village, its NIK's district and its branch; enrolling a
/// membership reads the employer, the segment × program matrix, a scheme parameter and the
/// contribution rules of its first month. An import of a million rows asked SQLite the same
/// few questions a million times, and building the contribution rules alone cost more than
/// the membership's insert.
///
/// Only found values are kept (a region that exists, a branch, an employer…): a lookup that
/// finds nothing is asked again, so a refusal never rests on a stale answer. The cache lives
/// for one write transaction (see ``RegistrySession/cachingReferenceData()``): that holds
/// the write lock, so no other connection changes these tables meanwhile, and an import of
/// workers or memberships does not change them itself.
final class ReferenceCache {
    var regions: [RegionCode: Region] = [:]
    var offices: [Office.ID: Office] = [:]
    var employers: [Employer.ID: Employer] = [:]
    var employersByNumber: [EmployerNumber: Employer] = [:]
    var rules: [CalendarDate: ContributionRules] = [:]
    var programRequirements: [ProgramRuleKey: [Program: ProgramRequirement]] = [:]
    var parameters: [ParameterKey: Int64] = [:]

    struct ProgramRuleKey: Hashable {
        let segment: Segment
        let sizeClass: EmployerSizeClass?
        let date: CalendarDate
    }

    struct ParameterKey: Hashable {
        let code: String
        let date: CalendarDate
    }
}

extension RegistrySession {
    /// This session with a ``ReferenceCache``: for the closure of one write transaction of a
    /// bulk import, which writes no regions, offices, employers or rules.
    func cachingReferenceData() -> RegistrySession {
        RegistrySession(connection, clock: clock, referenceCache: ReferenceCache())
    }

    /// The value `find` finds for `key`, remembered in the session's cache when it has one.
    /// A nil (nothing found) is never remembered.
    func remembered<Key: Hashable, Value>(
        _ table: ReferenceWritableKeyPath<ReferenceCache, [Key: Value]>, _ key: Key, ifFound find: () throws -> Value?
    ) rethrows -> Value? {
        guard let cache = referenceCache else { return try find() }
        if let value = cache[keyPath: table][key] { return value }
        let value = try find()
        if let value { cache[keyPath: table][key] = value }
        return value
    }

    /// The value `load` gives for `key`, remembered in the session's cache when it has one.
    func remembered<Key: Hashable, Value>(
        _ table: ReferenceWritableKeyPath<ReferenceCache, [Key: Value]>, _ key: Key, load: () throws -> Value
    ) rethrows -> Value {
        guard let cache = referenceCache else { return try load() }
        if let value = cache[keyPath: table][key] { return value }
        let value = try load()
        cache[keyPath: table][key] = value
        return value
    }
}
