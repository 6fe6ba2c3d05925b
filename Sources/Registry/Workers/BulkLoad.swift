import SQLiteDB

/// A worker to register together with the membership they join: a row of a bulk load, such
/// as a migration script moving a province's members into the register.
public struct NewMember: Sendable {
    public var worker: NewWorker
    /// The membership, given the id the new worker gets.
    public var membership: @Sendable (Worker.ID) -> NewMembership

    public init(worker: NewWorker, membership: @escaping @Sendable (Worker.ID) -> NewMembership) {
        self.worker = worker
        self.membership = membership
    }
}

/// What a bulk load stored.
public struct BulkLoadOutcome: Sendable, Hashable {
    /// Members registered and enrolled (one worker and one membership each).
    public var members = 0
    /// Transactions committed.
    public var batches = 0

    public init(members: Int = 0, batches: Int = 0) {
        self.members = members
        self.batches = batches
    }
}

/// A bulk load stopped at a refused member: which one, why, and how many were committed before
/// it in earlier batches (the batch holding it stored nothing).
public struct BulkLoadError: Error, Sendable, CustomStringConvertible {
    /// The refused member's position in the sequence, from 0.
    public let index: Int
    /// Members stored, in the batches committed before the refused one.
    public let committed: Int
    public let error: RegistryError

    public var description: String {
        "member \(index): \(error) (\(committed) member(s) committed before it, in earlier batches; the batch holding it stored nothing)"
    }
}

extension RegistrySession {
    /// Registers and enrols each member, in one savepoint: all of them, or (on the first
    /// refusal, thrown as ``BulkLoadError``) none. The same checks as ``register(_:)->Worker`` and
    /// ``enrol(_:)``, but nothing is read back. Returns how many were stored.
    @discardableResult
    public func registerAndEnrol(_ members: some Sequence<NewMember>) throws -> Int {
        // Regions, offices, employers and rules are read once per call, as an import does:
        // registering and enrolling writes none of them (see ReferenceCache).
        let session = cachingReferenceData()
        return try db.savepoint {
            var count = 0
            for member in members {
                do {
                    let worker = try session.registerWithoutReadingBack(member.worker)
                    _ = try session.enrolReturningID(member.membership(worker.id), of: worker)
                } catch let error as RegistryError {
                    throw BulkLoadError(index: count, committed: 0, error: error)
                }
                count += 1
            }
            return count
        }
    }
}

extension Registry {
    /// Registers and enrols `members` a batch at a time, each batch one write transaction (so
    /// the standing tables are refreshed per batch and memory stays that of one batch, however
    /// many members). The sequence is read lazily: a file can stream through.
    ///
    /// On a refused member the load stops: the batches before it stay committed, its own batch
    /// stores nothing, and ``BulkLoadError`` says where (load again from `committed`). Changes
    /// are audited under `actor`. `progress` is called after each commit with the members
    /// stored so far.
    @discardableResult
    public func load(
        _ members: some Sequence<NewMember>, actor: String, batchSize: Int = 10_000,
        progress: (Int) -> Void = { _ in }
    ) throws -> BulkLoadOutcome {
        precondition(batchSize > 0, "a bulk load needs batches of at least one member")
        var outcome = BulkLoadOutcome()
        var iterator = members.makeIterator()
        var batch: [NewMember] = []
        batch.reserveCapacity(batchSize)
        while true {
            batch.removeAll(keepingCapacity: true)
            while batch.count < batchSize, let member = iterator.next() { batch.append(member) }
            guard !batch.isEmpty else { return outcome }
            do {
                try write(actor: actor) { session in _ = try session.registerAndEnrol(batch) }
            } catch let error as BulkLoadError {
                throw BulkLoadError(index: outcome.members + error.index, committed: outcome.members, error: error.error)
            }
            outcome.members += batch.count
            outcome.batches += 1
            progress(outcome.members)
        }
    }
}
