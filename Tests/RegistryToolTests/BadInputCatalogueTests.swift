import Foundation
import SQLiteDB
import Testing

/// `docs/bad-input.md`, row by row: each row's example is fed to the tool (or typed as SQL),
/// and the output must contain the text the table quotes, with the exit status it gives.
@Suite struct BadInputCatalogueTests {
    @Test func theCatalogueAndTheTestsListTheSameRows() throws {
        let documented = try BadInputCatalogue.rows().map(\.id)
        #expect(Set(documented).count == documented.count, "an id appears twice in docs/bad-input.md")
        #expect(documented.sorted() == BadInput.all.map(\.id).sorted())
    }

    @Test(arguments: BadInput.all)
    func eachRowGetsTheAnswerTheCatalogueQuotes(_ input: BadInput) throws {
        let row = try #require(try BadInputCatalogue.rows().first { $0.id == input.id }, "\(input.id) is not in docs/bad-input.md")
        let outcome = try input.run(try CatalogueRegister.shared.get())
        #expect(outcome.status == row.exit, "exit status of \(input.id): \(outcome.text)")
        #expect(outcome.text.contains(row.answer), "\(input.id): expected “\(row.answer)” in: \(outcome.text)")
    }
}

/// One row of the catalogue as the test runs it.
struct BadInput: Sendable, CustomTestStringConvertible {
    let id: String
    let run: @Sendable (CatalogueRegister) throws -> Outcome

    /// The exit status (or SQLite's primary result code) and every text the user would see:
    /// stdout, stderr and the reject file.
    struct Outcome {
        let status: Int32
        let text: String
    }

    var testDescription: String { id }

    static let workersHeader = "nik,full_name,birth_date,sex,village_code,occupation,phone,branch_code,kpj,registered_at"
    static let membershipsHeader = "kpj,segment,start_date,end_date,end_reason,payer,programs,declared_income,npp,project,jkp_citizen,jkp_jkn"
    static let paymentsHeader = "receipt_number,paid_at,channel,amount,kpj,membership_start,months_covered,npp,contribution_month,reverses_receipt"

    /// A worker row of a new man born 1985-03-12 in Purwakarta, with one column replaced.
    static func worker(nik: String = "3214011203850004", name: String = "Andi", birthDate: String = "1985-03-12",
                       sex: String = "male", village: String = "32.14.01.2001", phone: String = "",
                       branch: String = "KC-PWK", registeredAt: String = "") -> String {
        "\(nik),\(name),\(birthDate),\(sex),\(village),,\(phone),\(branch),,\(registeredAt)"
    }

    /// A membership row: Wati (KPJ 10000000016) joining BPU in 2025, with one column replaced.
    static func membership(kpj: String = "10000000016", segment: String = "BPU", start: String = "2025-01-01",
                           end: String = "", payer: String = "self", programs: String = "JKK JKM",
                           income: String = "1000000", npp: String = "") -> String {
        "\(kpj),\(segment),\(start),\(end),\(end.isEmpty ? "" : "withdrawn"),\(payer),\(programs),\(income),\(npp),,,"
    }

    /// A payment row for Budi's informal membership (KPJ 10000000003), one month.
    static func payment(receipt: String = "R-100", paidAt: String = "2025-02-10T03:00:00.000Z", channel: String = "e_wallet",
                        amount: String = "16800", kpj: String = "10000000003", start: String = "", months: String = "1") -> String {
        "\(receipt),\(paidAt),\(channel),\(amount),\(kpj),\(start),\(months),,,"
    }

    static let publishedHeader = "area_kind,area_code,segment,measure,as_of,head_count,source,replaces_as_of"

    /// A published figure for Bantul of June 2024 (the fixture has one of February 2023), one column replaced.
    static func published(code: String = "34.02", segment: String = "", asOf: String = "2024-06-30",
                          count: String = "120000", source: String = "Kanwil press release") -> String {
        "regency,\(code),\(segment),registered,\(asOf),\(count),\(source),"
    }

    /// A published figure typed in the shell, one value replaced.
    static func publishedSQL(code: String = "'34.02'", segment: String = "NULL", count: String = "120000",
                             source: String = "'Kanwil press release'") -> String {
        """
        INSERT INTO published_counts (regency_code, segment_code, measure, as_of, head_count, source, recorded_by)
        VALUES (\(code), \(segment), 'registered', '2024-06-30', \(count), \(source), 'clerk:siti')
        """
    }

    static func row(_ id: String, _ kind: String, _ header: String, _ row: String) -> BadInput {
        file(id, kind, Data("\(header)\n\(row)\n".utf8))
    }

    static func file(_ id: String, _ kind: String, _ contents: Data) -> BadInput {
        BadInput(id: id) { try $0.dryRunImport(kind, contents) }
    }

    static func tool(_ id: String, _ arguments: [String]) -> BadInput {
        BadInput(id: id) { register in
            let result = try Tool.run(arguments + ["--db", register.sharedPath])
            return Outcome(status: result.status, text: result.stdout + result.stderr)
        }
    }

    /// SQL typed in the shell, on a copy of the register so a statement the schema wrongly let
    /// through cannot change what the other rows see.
    static func sql(_ id: String, _ statement: String) -> BadInput {
        BadInput(id: id) { register in
            let directory = try TemporaryDirectory()
            let connection = try Connection(.file(try register.copy(into: directory)))
            do {
                try connection.execute(statement)
                return Outcome(status: 0, text: "accepted: \(statement)")
            } catch let error as SQLiteError {
                return Outcome(status: error.primaryCode.rawValue, text: error.message)
            }
        }
    }

    static let all: [BadInput] = [
        row("nik-length", "workers", workersHeader, worker(nik: "321401120385000")),
        row("nik-not-digits", "workers", workersHeader, worker(nik: "32140112038500A1")),
        row("nik-impossible-date", "workers", workersHeader, worker(nik: "3214013203850004")),
        row("nik-birth-date", "workers", workersHeader, worker(birthDate: "1985-03-13")),
        row("nik-sex", "workers", workersHeader, worker(sex: "female")),
        row("nik-district", "workers", workersHeader, worker(nik: "3402011203850004")),
        row("nik-duplicate", "workers", workersHeader, worker(nik: "3214011203850001")),
        row("kpj-check-digit", "memberships", membershipsHeader, membership(kpj: "10000000029")),
        tool("kpj-unknown", ["pay", "informal", "10000000091", "--months", "1", "--amount", "16800",
                             "--receipt", "R-200", "--channel", "e_wallet"]),
        tool("kpj-is-a-nik", ["pay", "informal", "3214011203850001", "--months", "1", "--amount", "16800",
                              "--receipt", "R-201", "--channel", "e_wallet"]),
        row("kpj-spaced-nik", "memberships", membershipsHeader, membership(kpj: "3214 0112 0385 0001")),
        tool("npp-is-a-nik", ["pay", "employer", "3214-0112-0385-0001", "--month", "2025-01", "--amount", "477000",
                              "--receipt", "R-202", "--channel", "bank_transfer"]),
        tool("project-unknown", ["pay", "project", "Jembatan Hilang", "--amount", "1750000", "--receipt", "R-900"]),
        tool("key-neither", ["worker", "show", "12345"]),
        // Refused before anything is written: no configuration file, no replica directory.
        tool("replica-password", ["replicate", "init", "--to", "sftp://backup:secret@127.0.0.1/registry"]),
        tool("replica-scheme", ["replicate", "init", "--to", "http://127.0.0.1/registry"]),
        tool("replica-interval", ["replicate", "init", "--to", "sftp://backup@127.0.0.1/registry", "--sync-interval", "1d"]),
        row("region-unknown", "workers", workersHeader, worker(village: "32.14.01.2999")),
        row("region-malformed", "workers", workersHeader, worker(village: "32.14.1")),
        row("office-unknown", "workers", workersHeader, worker(branch: "KC-XXX")),
        row("income-below-floor", "memberships", membershipsHeader, membership(income: "900000")),
        row("money-negative", "memberships", membershipsHeader, membership(income: "-1000000")),
        row("money-absurd", "memberships", membershipsHeader,
            membership(segment: "PU", payer: "employer", programs: "JKK JKM JHT JP", income: "9000000000000000000", npp: "NPP-0001")),
        row("money-overflow", "memberships", membershipsHeader, membership(income: "99999999999999999999999")),
        row("money-separators", "memberships", membershipsHeader, membership(income: "1.000.000")),
        row("payment-wrong-amount", "payments", paymentsHeader, payment(amount: "16000")),
        row("payment-months", "payments", paymentsHeader, payment(months: "5")),
        row("payment-ended-membership", "payments", paymentsHeader,
            payment(paidAt: "2024-08-10T03:00:00.000Z", kpj: "10000000016", start: "2024-01-01")),
        row("receipt-duplicate", "payments", paymentsHeader, payment(receipt: "R-002")),
        row("segment-unknown", "memberships", membershipsHeader, membership(segment: "XYZ")),
        row("program-unknown", "memberships", membershipsHeader, membership(programs: "JKK JKX")),
        row("program-not-allowed", "memberships", membershipsHeader, membership(programs: "JKK JKM JKP")),
        row("program-missing", "memberships", membershipsHeader, membership(programs: "JKK")),
        row("migrant-jht", "memberships", membershipsHeader, "10000000003,PMI,2025-03-01,2026-02-28,,self,JKK JKM JHT,,,,,"),
        row("channel-unknown", "payments", paymentsHeader, payment(channel: "cash")),
        row("membership-overlap", "memberships", membershipsHeader, membership(kpj: "10000000003", start: "2025-06-01")),
        row("membership-end-before-start", "memberships", membershipsHeader, membership(end: "2024-12-01")),
        row("date-malformed", "memberships", membershipsHeader, membership(start: "2025-13-01")),
        row("birth-date-future", "workers", workersHeader, worker(nik: "3214011203350004", birthDate: "2035-03-12")),
        row("registered-at-future", "workers", workersHeader, worker(registeredAt: "2030-01-01T00:00:00.000Z")),
        row("paid-at-future", "payments", paymentsHeader, payment(paidAt: "2030-01-10T03:00:00.000Z")),
        row("start-far-ahead", "memberships", membershipsHeader, membership(start: "2030-01-01")),
        row("name-empty", "workers", workersHeader, worker(name: "")),
        row("name-too-long", "workers", workersHeader, worker(name: String(repeating: "a", count: 5000))),
        row("name-control-character", "workers", workersHeader, worker(name: "An\u{07}di")),
        BadInput(id: "sql-metacharacters") { try $0.importAndReadBack(name: "Robert'); DROP TABLE workers;--") },
        row("phone-malformed", "workers", workersHeader, worker(phone: "12345678901234567890123")),
        row("sex-unknown", "workers", workersHeader, worker(sex: "x")),
        row("csv-ragged", "workers", workersHeader, "3214011203850004,Andi,1985-03-12,male,32.14.01.2001,,,KC-PWK"),
        file("csv-unknown-column", "workers", Data("\(workersHeader),colour\n".utf8)),
        file("csv-missing-column", "workers", Data("nik,full_name\n3214011203850004,Andi\n".utf8)),
        file("csv-empty-file", "workers", Data()),
        file("csv-unclosed-quote", "workers", Data("\(workersHeader)\n\"3214011203850004,Andi\n".utf8)),
        row("csv-text-after-quote", "workers", workersHeader, #""3214011203850004"x,Andi,1985-03-12,male,32.14.01.2001,,,KC-PWK,,"#),
        file("csv-invalid-utf8", "workers",
             Data("\(workersHeader)\n3214011203850004,A".utf8) + Data([0xFF, 0xFE]) + Data(",1985-03-12,male,32.14.01.2001,,,KC-PWK,,\n".utf8)),
        row("csv-record-too-long", "workers", workersHeader, worker(name: String(repeating: "a", count: 2 << 20))),
        tool("chart-format-unsupported", ["report", "status", "--as-of", "2025-06-20", "--format", "svg"]),
        tool("chart-from-after-as-of", ["report", "coverage", "--as-of", "2025-06-20", "--from", "2025-07-01", "--format", "svg"]),
        tool("chart-too-many-months", ["report", "coverage", "--as-of", "2025-06-20", "--from", "2010-01-01", "--format", "svg"]),
        tool("chart-from-and-months", ["report", "coverage", "--as-of", "2025-06-20", "--from", "2025-01-01", "--months", "6"]),
        tool("known-on-over-time", ["report", "coverage", "--as-of", "2025-06-20", "--as-known-on", "2025-06-20", "--months", "6"]),
        tool("known-on-published", ["report", "coverage", "--as-of", "2025-06-20", "--as-known-on", "2025-06-20", "--published"]),
        sql("sql-nik-check", """
            INSERT INTO workers (nik, kpj, full_name, birth_date, sex, village_code, branch_office_id)
            VALUES ('321401120385000', '10000000027', 'Andi', '1985-03-12', 'male', '32.14.01.2001',
                    (SELECT id FROM offices WHERE code = 'KC-PWK'))
            """),
        sql("sql-income-floor", "UPDATE memberships SET declared_income = 500000 WHERE segment_code = 'informal'"),
        sql("sql-ledger-update", "UPDATE payments SET amount = 1"),
        sql("sql-rule-update", "UPDATE scheme_parameters SET value = 6 WHERE code = 'arrears_lapse_months'"),
        sql("sql-income-no-floor", """
            INSERT INTO memberships (worker_id, segment_code, payer_code, declared_income, start_date, end_date)
            VALUES ((SELECT id FROM workers WHERE kpj = '10000000016'), 'informal', 'self', 1, '2015-06-01', '2015-06-30')
            """),
        row("published-negative", "published-counts", publishedHeader, published(count: "-115463")),
        row("published-area-unknown", "published-counts", publishedHeader, published(code: "34.99")),
        row("published-source-empty", "published-counts", publishedHeader, published(source: "")),
        row("published-segment-unknown", "published-counts", publishedHeader, published(segment: "XYZ")),
        row("published-duplicate", "published-counts", publishedHeader,
            published(asOf: "2023-02-28", count: "115463", source: "the same press release loaded again")),
        row("published-future", "published-counts", publishedHeader, published(asOf: "2099-01-31")),
        sql("sql-published-negative", publishedSQL(count: "-115463")),
        sql("sql-published-area-unknown", publishedSQL(code: "'34.99'")),
        sql("sql-published-no-source", publishedSQL(source: "''")),
        sql("sql-published-segment-unknown", publishedSQL(segment: "'BPU'")),
        sql("sql-published-update", "UPDATE published_counts SET head_count = 120000"),
        sql("sql-membership-dates", """
            UPDATE memberships SET start_date = '2025-06-01'
            WHERE worker_id = (SELECT id FROM workers WHERE kpj = '10000000003') AND segment_code = 'informal'
            """),
        sql("sql-bill-due-date", """
            INSERT INTO bills (membership_id, contribution_month, due_date)
            VALUES ((SELECT id FROM memberships WHERE worker_id = (SELECT id FROM workers WHERE kpj = '10000000003')
                     AND segment_code = 'informal'), '2030-01', '2030-01-20')
            """),
    ]
}

/// The fixture register of `InterchangeFixtures`, built once for the suite. Dry runs go to
/// one shared copy (they roll back); anything that may store works on its own copy.
final class CatalogueRegister: @unchecked Sendable {   // immutable once built
    static let shared = Result { try CatalogueRegister() }

    private let directory: TemporaryDirectory
    /// Never opened after it is built, so copies of it are complete without its WAL.
    private let masterPath: String
    let sharedPath: String

    private init() throws {
        directory = try TemporaryDirectory()
        masterPath = directory.path("master.sqlite")
        try InterchangeFixtures.database(at: masterPath, in: directory)
        sharedPath = directory.path("shared.sqlite")
        try FileManager.default.copyItem(atPath: masterPath, toPath: sharedPath)
    }

    func copy(into target: TemporaryDirectory) throws -> String {
        let path = target.path("register.sqlite")
        try FileManager.default.copyItem(atPath: masterPath, toPath: path)
        return path
    }

    /// `registry import KIND FILE --dry-run` on the shared copy.
    func dryRunImport(_ kind: String, _ contents: Data) throws -> BadInput.Outcome {
        let files = try TemporaryDirectory()
        let file = files.path("\(kind).csv")
        try contents.write(to: URL(fileURLWithPath: file))
        let result = try Tool.run(["import", kind, file, "--dry-run", "--db", sharedPath])
        let rejects = (try? String(contentsOfFile: file + ".rejects.csv", encoding: .utf8)) ?? ""
        return BadInput.Outcome(status: result.status, text: result.stdout + result.stderr + rejects)
    }

    /// Imports a worker named `name` for real on a copy, then reads the name back and counts
    /// the workers: “stored as typed” when both are as they should be.
    func importAndReadBack(name: String) throws -> BadInput.Outcome {
        let files = try TemporaryDirectory()
        let db = try copy(into: files)
        let file = files.path("workers.csv")
        let quoted = "\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\""
        try Data("\(BadInput.workersHeader)\n\(BadInput.worker(name: quoted))\n".utf8).write(to: URL(fileURLWithPath: file))
        let result = try Tool.run(["import", "workers", file, "--db", db])
        let connection = try Connection(.file(db), mode: .readOnly)
        let stored = try connection.fetchValue(String.self, "SELECT full_name FROM workers WHERE nik = ?", "3214011203850004")
        let workers = try connection.fetchValue(Int.self, "SELECT count(*) FROM workers")
        let text = stored == name && workers == 3 ? "stored as typed" : "stored \(stored ?? "nothing"), \(workers ?? 0) workers"
        return BadInput.Outcome(status: result.status, text: text + "\n" + result.stdout + result.stderr)
    }
}

/// The table of `docs/bad-input.md`.
enum BadInputCatalogue {
    struct Row {
        let id: String
        let exit: Int32
        /// The first code span of the last column: what the user must read.
        let answer: String
    }

    static func rows() throws -> [Row] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/bad-input.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            // "", id, bad input, example, met by, exit, answer, ""
            try #require(cells.count == 8, "a catalogue row has 6 columns: \(line)")
            return Row(id: codeSpan(cells[1]), exit: try #require(Int32(cells[5]), "exit of \(line)"), answer: codeSpan(cells[6]))
        }
    }

    private static func codeSpan(_ cell: String) -> String {
        let parts = cell.split(separator: "`", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[1]) : cell
    }
}
