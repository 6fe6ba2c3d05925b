import Foundation
import SQLiteDB

/// Registering and finding workers.
extension RegistrySession {
    /// Registers a worker and issues their KPJ card number.
    ///
    /// Refused, with nothing stored, when the NIK is already registered (the error names the
    /// member holding it by KPJ and name), when the NIK contradicts the birth date, the sex or
    /// the region table, when the village, branch or agent is unknown, or when the agent was
    /// not active on the registration date.
    @discardableResult
    public func register(_ worker: NewWorker) throws -> Worker {
        try self.worker(try registerReturningID(worker))!
    }

    /// ``register(_:)`` without reading the stored worker back: an import discards it, and
    /// decoding it cost as much as the checks.
    @discardableResult
    func registerReturningID(_ worker: NewWorker) throws -> Worker.ID {
        try registerWithoutReadingBack(worker).id
    }

    /// ``register(_:)``, the worker built from the values written (a bulk load enrols them at
    /// once and needs their birth date, not a read of the row).
    func registerWithoutReadingBack(_ worker: NewWorker) throws -> Worker {
        let fullName = try Validation.name(worker.fullName, field: "full_name")
        let occupation = try worker.occupation.map { try Validation.name($0, field: "occupation") }
        let phone = try Validation.phone(worker.phone)
        let now = clock()
        let registeredAt = worker.registeredAt ?? now
        try Validation.notInFuture(registeredAt, field: "registered_at", now: now)
        try IdentityCheck.verify(worker, today: JakartaCalendar.date(at: registeredAt), in: self)
        if let existing = try self.worker(nik: worker.nik) {
            throw RegistryError.duplicate(field: "nik", value: worker.nik.masked,
                                          existing: .record("KPJ \(existing.kpj), \(existing.fullName)"))
        }
        try requireRegion(worker.village, field: "village_code", level: .village)
        _ = try requireBranch(worker.branchOffice, field: "branch_office_id")
        if let agentID = worker.registeredBy {
            guard let agent = try agent(agentID) else {
                throw RegistryError.notFound(field: "registered_by_agent_id", value: agentID.description)
            }
            let day = JakartaCalendar.date(at: registeredAt)
            guard agent.isActive(on: day) else {
                throw RegistryError.conflict(field: "registered_by_agent_id", value: agentID.description,
                                             reason: .notAnActiveAgent(on: day))
            }
        }
        let kpj: KPJ
        if let given = worker.kpj {
            if let holder = try self.worker(kpj: given) {
                throw RegistryError.duplicate(field: "kpj", value: given.digits, existing: .record("KPJ \(holder.kpj), \(holder.fullName)"))
            }
            kpj = given
        } else {
            kpj = try nextKPJ()
        }
        try db.execute("""
            INSERT INTO workers (nik, full_name, birth_date, sex, village_code, occupation, phone, kpj,
                                 registered_at, registered_by_agent_id, branch_office_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, worker.nik, fullName, worker.birthDate, worker.sex, worker.village, occupation, phone, kpj,
            registeredAt, worker.registeredBy, worker.branchOffice)
        return Worker(id: Worker.ID(db.lastInsertedRowID), stored: worker, kpj: kpj, fullName: fullName,
                      occupation: occupation, phone: phone, registeredAt: registeredAt)
    }

    /// Registers many workers in one savepoint: all of them, or (on the first refusal, which is
    /// thrown) none.
    @discardableResult
    public func register(_ workers: [NewWorker]) throws -> [Worker] {
        try db.savepoint { try workers.map { try register($0) } }
    }

    public func worker(_ id: Worker.ID) throws -> Worker? {
        try oneWorker(Self.workerByID, id)
    }

    public func worker(nik: NIK) throws -> Worker? {
        try oneWorker(Self.workerByNIK, nik)
    }

    public func worker(kpj: KPJ) throws -> Worker? {
        try oneWorker(Self.workerByKPJ, kpj)
    }

    // Built once: every imported row looks workers up by NIK or KPJ, and interpolating the
    // column list then hashing the result for the statement cache cost more than the lookup.
    private static let workerByID = "SELECT \(Worker.columns) FROM workers WHERE id = ?"
    private static let workerByNIK = "SELECT \(Worker.columns) FROM workers WHERE nik = ?"
    private static let workerByKPJ = "SELECT \(Worker.columns) FROM workers WHERE kpj = ?"

    /// The worker a query on a unique key finds, decoded in place rather than copied to a ``Row`` first.
    private func oneWorker(_ sql: String, _ key: some DatabaseValueConvertible) throws -> Worker? {
        var worker: Worker?
        try db.forEach(sql, key) { worker = try Worker(row: $0) }
        return worker
    }

    /// Workers whose name contains `fragment`, ignoring ASCII case, by name. `%` and `_` in
    /// the fragment match themselves.
    public func workers(named fragment: String, limit: Int = 100) throws -> [Worker] {
        let escaped = fragment.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        return try db.fetchAll("""
            SELECT \(Worker.columns) FROM workers WHERE full_name LIKE ? ESCAPE '\\'
            ORDER BY full_name, id LIMIT ?
            """, "%\(escaped)%", limit).map(Worker.init(row:))
    }

    /// The next card number: one past the highest serial issued. The `kpj` index makes this one
    /// lookup, and the write lock of the transaction keeps two registrations from taking it.
    private func nextKPJ() throws -> KPJ {
        let highest = try db.fetchValue(String?.self, "SELECT max(kpj) FROM workers") ?? nil
        let serial = highest.flatMap { Int64($0.prefix(10)) }.map { $0 + 1 } ?? KPJ.serials.lowerBound
        guard KPJ.serials.contains(serial) else {
            throw RegistryError.conflict(field: "kpj", value: String(serial), reason: .pastLastCardSerial)
        }
        return KPJ(serial: serial)
    }
}
