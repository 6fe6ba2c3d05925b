// Workload 1's third contender: the library's bulk load, `Registry.load` (register and enrol
// each member, a batch of 10,000 per transaction, nothing read back), reading the same two CSV
// files as the tool, row by row. It runs as a child process of its own,
// `registry-bench --library-load DB WORKERS.csv MEMBERSHIPS.csv`, started through the Launcher
// like the tool, so its wall time (process start and schema check included) and its peak RSS
// are taken the same way.
import Foundation
import Registry
import SQLiteDB

enum LibraryLoad {
    static let flag = "--library-load"

    /// The child's side: loads the members, exits 0, or prints the error and exits 1.
    static func serve(_ arguments: [String]) -> Never {
        do {
            guard arguments.count == 3 else { throw RawError(description: "usage: \(flag) DB WORKERS.csv MEMBERSHIPS.csv") }
            var configuration = Configuration()
            configuration.cacheSizeKiB = 65_536
            let registry = try Registry(path: arguments[0], configuration: configuration)
            let (offices, employers) = try registry.read { session in
                (try Dictionary(uniqueKeysWithValues: session.connection.fetchAll("SELECT code, id FROM offices").map {
                    (try $0.get(0, as: String.self), Office.ID(try $0.get(1, as: Int64.self)))
                }),
                 try Dictionary(uniqueKeysWithValues: session.connection.fetchAll("SELECT npp, id FROM employers").map {
                     (try $0.get(0, as: String.self), Employer.ID(try $0.get(1, as: Int64.self)))
                 }))
            }
            let members = try Members(workers: arguments[1], memberships: arguments[2], offices: offices, employers: employers)
            let outcome = try registry.load(members, actor: "registry-bench library load")
            if let failure = members.failure { throw failure }
            try registry.close()
            print("loaded \(outcome.members) members in \(outcome.batches) batches")
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("library load failed: \(error)\n".utf8))
            exit(1)
        }
    }

    /// The rows of the two files, row i of one with row i of the other, as `NewMember`s.
    /// Parsing stops at the first unreadable row, which ``failure`` then holds.
    final class Members: Sequence, IteratorProtocol {
        private var workers: CSVReader
        private var memberships: CSVReader
        private let descriptors: (Int32, Int32)
        private let offices: [String: Office.ID]
        private let employers: [String: Employer.ID]
        private(set) var failure: (any Error)?

        init(workers: String, memberships: String, offices: [String: Office.ID], employers: [String: Employer.ID]) throws {
            let first = open(workers, O_RDONLY), second = open(memberships, O_RDONLY)
            guard first >= 0, second >= 0 else { throw RawError(description: "cannot open \(workers) or \(memberships)") }
            descriptors = (first, second)
            self.workers = CSVReader(descriptor: first)
            self.memberships = CSVReader(descriptor: second)
            self.offices = offices
            self.employers = employers
            _ = try self.workers.next()       // the headers
            _ = try self.memberships.next()
        }

        deinit {
            close(descriptors.0)
            close(descriptors.1)
        }

        func next() -> NewMember? {
            guard failure == nil else { return nil }
            do {
                guard let worker = try workers.next(), let membership = try memberships.next() else { return nil }
                return try member(worker.lossyFields, membership.lossyFields)
            } catch {
                failure = error
                return nil
            }
        }

        /// `nik, full_name, birth_date, sex, village_code, occupation, phone, branch_code, kpj,
        /// registered_at` and `kpj, segment, start_date, payer, programs, declared_income, npp`
        /// (PopulationWriter).
        private func member(_ w: [String], _ m: [String]) throws -> NewMember {
            func date(_ text: String) throws -> CalendarDate {
                guard let date = CalendarDate(iso: text) else { throw RawError(description: "not a date: \(text)") }
                return date
            }
            guard let branch = offices[w[7]], let registeredAt = Date.fromDatabaseValue(.text(w[9])) else {
                throw RawError(description: "unknown branch \(w[7]) or timestamp \(w[9])")
            }
            let worker = NewWorker(
                nik: try NIK(w[0]), fullName: w[1], birthDate: try date(w[2]), sex: w[3] == "female" ? .female : .male,
                village: try RegionCode(w[4]), occupation: w[5].isEmpty ? nil : w[5], phone: w[6].isEmpty ? nil : w[6],
                branchOffice: branch, registeredAt: registeredAt, kpj: try KPJ(w[8]))
            let start = try date(m[2])
            guard let income = Int64(m[5]) else { throw RawError(description: "not an amount: \(m[5])") }
            if m[1] == "BPU" {
                return NewMember(worker: worker) { .informal(worker: $0, declaredIncome: Rupiah(income), startDate: start) }
            }
            guard let employer = employers[m[6]] else { throw RawError(description: "unknown employer \(m[6])") }
            let programs = Set(try m[4].split(separator: " ").map { code in
                guard let program = Program(rawValue: String(code)) else { throw RawError(description: "not a program: \(code)") }
                return program
            })
            return NewMember(worker: worker) {
                .wageEarner(worker: $0, employer: employer, wage: Rupiah(income), startDate: start, programs: programs)
            }
        }
    }
}
