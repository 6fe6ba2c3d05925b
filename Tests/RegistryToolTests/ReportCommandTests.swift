import Foundation
import Registry
import Testing

/// report, worker show, pay and check on a small registry with a known history.
@Suite struct ReportCommandTests {
    let dir: TemporaryDirectory
    let db: String
    let registry: SmallRegistry

    init() throws {
        dir = try TemporaryDirectory()
        db = dir.path("small.sqlite")
        registry = try SmallRegistry(at: db)
    }

    func run(_ arguments: [String]) throws -> ToolResult {
        try Tool.run(arguments + ["--db", db])
    }

    /// Runs `sql` in the `sqlite3` shell, as someone inspecting the register by hand would.
    func shell(_ sql: String) throws {
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [db, sql]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)
    }

    @Test func coverageByRegencyIsTheLedgerAtTheDate() throws {
        let result = try run(["report", "coverage", "--as-of", "2025-06-20"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            code   name        labour_force  participants  coverage_pct  active  active_pct
            -----  ----------  ------------  ------------  ------------  ------  ----------
            32.14  Purwakarta           200             2          1.00       1        0.50
            34.02  Bantul               400             1          0.25       1        0.25

            """)
        // Before Agus joined in March, Bantul had nobody; before January, nobody at all.
        let february = try run(["report", "coverage", "--as-of", "2025-02-20", "--format", "csv"])
        #expect(february.stdout == """
            code,name,labour_force,participants,coverage_pct,active,active_pct
            32.14,Purwakarta,200,2,1.00,2,1.00
            34.02,Bantul,400,0,0.00,0,0.00

            """)
    }

    @Test func coverageFiltersAddTheAreaTotal() throws {
        let province = try run(["report", "coverage", "--as-of", "2025-06-20", "--region", "32", "--format", "csv"])
        #expect(province.stdout == "code,name,labour_force,participants,coverage_pct,active,active_pct\n"
            + "32.14,Purwakarta,200,2,1.00,1,0.50\ntotal,Jawa Barat,200,2,1.00,1,0.50\n")
        let office = try run(["report", "coverage", "--as-of", "2025-06-20", "--office", "KW-JTGDIY", "--by", "branch", "--format", "csv"])
        #expect(office.stdout == "code,name,labour_force,participants,coverage_pct,active,active_pct\n"
            + "KC-BTL,KC Bantul,400,1,0.25,1,0.25\ntotal,Kanwil Jateng DIY,400,1,0.25,1,0.25\n")
        let segment = try run(["report", "coverage", "--as-of", "2025-06-20", "--segment", "PU", "--format", "csv"])
        #expect(segment.stdout.contains("32.14,Purwakarta,200,1,0.50,1,0.50\n"))
        let unknown = try run(["report", "coverage", "--office", "KC-NOPE"])
        #expect(unknown.status == 2 && unknown.stderr == "registry: --office: no office with code KC-NOPE\n")
        let badSegment = try run(["report", "coverage", "--segment", "XYZ"])
        #expect(badSegment.status == 2)
    }

    /// --as-known-on: coverage as the register said it on a day. Agus (Bantul) was registered
    /// on 2 March with a membership from 1 March: on 1 March he counts in valid time, not in the
    /// register of 1 March, and does in the register of 2 March. Budi's months paid on 21 June,
    /// typed in today: active on 22 June, but not in the register of 22 June.
    @Test func coverageAsKnownOnADayLeavesOutWhatWasRecordedAfterIt() throws {
        let header = "code,name,labour_force,participants,coverage_pct,active,active_pct\n"
        let march = try run(["report", "coverage", "--as-of", "2025-03-01", "--format", "csv"])
        #expect(march.stdout == header + "32.14,Purwakarta,200,2,1.00,2,1.00\n34.02,Bantul,400,1,0.25,1,0.25\n")
        let saidOnTheFirst = try run(["report", "coverage", "--as-of", "2025-03-01", "--as-known-on", "2025-03-01", "--format", "csv"])
        #expect(saidOnTheFirst.status == 0, "\(saidOnTheFirst.stderr)")
        #expect(saidOnTheFirst.stdout == header + "32.14,Purwakarta,200,2,1.00,2,1.00\n34.02,Bantul,400,0,0.00,0,0.00\n")
        let saidOnTheSecond = try run(["report", "coverage", "--as-of", "2025-03-01", "--as-known-on", "2025-03-02", "--format", "csv"])
        #expect(saidOnTheSecond.stdout == march.stdout)
        // The office rows and totals follow: Bantul's branch and regional office.
        let office = try run(["report", "coverage", "--as-of", "2025-03-01", "--as-known-on", "2025-03-01", "--by", "branch",
                              "--office", "KW-JTGDIY", "--format", "csv"])
        #expect(office.stdout == header + "KC-BTL,KC Bantul,400,0,0.00,0,0.00\ntotal,Kanwil Jateng DIY,400,0,0.00,0,0.00\n")

        let paid = try run(["pay", "informal", registry.budiKPJ, "--months", "3", "--amount", "65400", "--receipt", "BPU-0009",
                            "--paid-at", "2025-06-21T10:00:00+07:00"])
        #expect(paid.status == 0, "\(paid.stderr)")
        let june = try run(["report", "coverage", "--as-of", "2025-06-22", "--region", "32", "--format", "csv"])
        #expect(june.stdout == header + "32.14,Purwakarta,200,2,1.00,2,1.00\ntotal,Jawa Barat,200,2,1.00,2,1.00\n")
        let audit = try run(["report", "coverage", "--as-of", "2025-06-22", "--as-known-on", "2025-06-22", "--region", "32",
                             "--format", "csv"])
        #expect(audit.stdout == header + "32.14,Purwakarta,200,2,1.00,1,0.50\ntotal,Jawa Barat,200,2,1.00,1,0.50\n")
        // A chart says which register it drew, and how to draw it again.
        let chart = try run(["report", "coverage", "--as-of", "2025-06-22", "--as-known-on", "2025-06-22", "--format", "html"])
        #expect(chart.status == 0 && chart.stdout.contains("As known on 2025-06-22"))
        #expect(chart.stdout.contains("--as-of 2025-06-22 --as-known-on 2025-06-22 --format html"))
        let validChart = try run(["report", "coverage", "--as-of", "2025-06-22", "--format", "html"])
        #expect(validChart.status == 0 && validChart.stdout.contains("--as-of 2025-06-22 --format html"))
        #expect(!validChart.stdout.contains("As known on") && !validChart.stdout.contains("--as-known-on"))
    }

    /// What --as-known-on does not take: a report over time, published figures.
    @Test func coverageAsKnownOnIsAtOneDateWithoutPublishedFigures() throws {
        for (extra, refusal) in [
            (["--from", "2025-01-01"], "--as-known-on reads the whole ledger for its one date: it does not take --from"),
            (["--months", "3"], "--as-known-on reads the whole ledger for its one date: it does not take --months"),
            (["--published"], "--published shows figures as recorded now, not as known on a past day: it does not go with --as-known-on"),
        ] {
            let refused = try run(["report", "coverage", "--as-of", "2025-06-20", "--as-known-on", "2025-06-20"] + extra)
            #expect(refused.status == 2 && refused.stderr.contains(refusal) && refused.stdout.isEmpty, "\(extra): \(refused.stderr)")
            // Each is accepted without --as-known-on.
            let accepted = try run(["report", "coverage", "--as-of", "2025-06-20", "--format", "csv"] + extra)
            #expect(accepted.status == 0, "\(extra): \(accepted.stderr)")
        }
        let indonesian = try Tool.run(["--lang", "id", "report", "coverage", "--as-known-on", "2025-06-20", "--months", "3", "--db", db])
        #expect(indonesian.status == 2
                && indonesian.stderr.contains("--as-known-on membaca seluruh buku besar untuk satu tanggalnya: tidak menerima --months"),
                "\(indonesian.stderr)")
    }

    @Test func achievementAndStatusAsJSON() throws {
        let achievement = try run(["report", "achievement", "--as-of", "2025-06-20", "--format", "json"])
        let targets = try #require(try JSONSerialization.jsonObject(with: Data(achievement.stdout.utf8)) as? [[String: Any]])
        #expect(targets.count == 2)
        #expect(targets[0]["area"] as? String == "KC-PWK" && targets[0]["actual"] as? Int == 2
                && targets[0]["achievement_pct"] as? Double == 50)
        #expect(targets[1]["segment"] as? String == "BPU" && targets[1]["actual"] as? Int == 25)
        let status = try run(["report", "status", "--as-of", "2025-06-20", "--segment", "BPU", "--format", "csv"])
        #expect(status.stdout == "segment,memberships,active,in_arrears,lapsed,ended,not_started,participating\nBPU,2,1,1,0,0,0,2\n")
    }

    @Test func arrearsListsMaskedNIKsAndTheAmountOwed() throws {
        let result = try run(["report", "arrears", "--as-of", "2025-06-20", "--format", "csv"])
        #expect(result.stdout == """
            kpj,nik,name,segment,status,unpaid_months,unbilled_months,first_unpaid,last_unpaid,amount_owed
            \(registry.budiKPJ),3214********0001,Budi Santoso,BPU,in_arrears,3,0,2025-04,2025-06,65400

            """)
        #expect(try run(["report", "arrears", "--as-of", "2025-06-20", "--region", "34", "--format", "csv"]).stdout.split(separator: "\n").count == 1)
        #expect(try run(["report", "arrears", "--as-of", "2025-06-20", "--office", "KW-JABAR", "--format", "csv"]).stdout.split(separator: "\n").count == 2)
    }

    /// --page-size walks the list a page at a time: the pages together are the whole list.
    @Test func arrearsPagesFollowTheirCursorsToTheWholeList() throws {
        for date in ["2025-06-20", "2025-12-31"] {
            let whole = try run(["report", "arrears", "--as-of", date, "--format", "csv"]).stdout.split(separator: "\n").dropFirst()
            var rows: [Substring] = [], after: [String] = [], pages = 0
            repeat {
                let page = try run(["report", "arrears", "--as-of", date, "--format", "csv", "--page-size", "1"] + after)
                #expect(page.status == 0, "\(page.stderr)")
                rows += page.stdout.split(separator: "\n").dropFirst()
                let next = page.stderr.split(separator: "\n").first { $0.hasPrefix("next page: --after ") }
                after = next.map { ["--after", String($0.dropFirst("next page: --after ".count))] } ?? []
                pages += 1
            } while !after.isEmpty && pages < 50
            #expect(rows.sorted() == whole.sorted(), "\(date)")
            #expect(pages == whole.count + 1, "one row a page, then an empty last page")
        }
        let stray = try run(["report", "arrears", "--as-of", "2025-06-20", "--after", "2025-06-20,3,2025-06-01,1,2025-07-01,1"])
        #expect(stray.status == 2 && stray.stderr.contains("--after goes with --page-size"))
        let garbled = try run(["report", "arrears", "--page-size", "5", "--after", "yesterday"])
        #expect(garbled.status == 2 && garbled.stderr.contains("is not a cursor printed by"))
        let otherDate = try run(["report", "arrears", "--as-of", "2025-06-21", "--page-size", "5",
                                 "--after", "2025-06-20,3,2025-06-01,1,2025-07-01,1"])
        #expect(otherDate.status == 1 && otherDate.stderr.contains("is a cursor of the arrears list on 2025-06-20"), "\(otherDate.stderr)")
    }

    @Test func agentsShowRecruitsAndIdleness() throws {
        let january = try run(["report", "agents", "--as-of", "2025-01-20", "--format", "csv"])
        #expect(january.stdout.hasSuffix("1,Sri Perisai,KC-PWK,active,1,2025-01-05,2025-01,21800,1635\n"))
        let june = try run(["report", "agents", "--as-of", "2025-06-20", "--format", "csv"])
        #expect(june.stdout.hasSuffix("1,Sri Perisai,KC-PWK,idle,1,2025-01-05,2025-06,0,0\n"))
    }

    @Test func workerShowByKPJOrNIKMasksUnlessAsked() throws {
        let byKPJ = try run(["worker", "show", registry.budiKPJ, "--as-of", "2025-06-20"])
        #expect(byKPJ.status == 0)
        #expect(byKPJ.stdout.contains("NIK         3214********0001"))
        #expect(!byKPJ.stdout.contains(SmallRegistry.budiNIK))
        #expect(byKPJ.stdout.contains("status on 2025-06-20: in_arrears, 3 unpaid month(s), last paid 2025-03"))
        #expect(byKPJ.stdout.contains("  2025-04  2025-04-15  21800      0        21800"))
        let byNIK = try run(["worker", "show", SmallRegistry.budiNIK, "--as-of", "2025-06-20", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(byNIK.stdout.utf8)) as? [String: Any])
        #expect(json["nik"] as? String == "3214********0001")
        #expect(json["kpj"] as? String == registry.budiKPJ)
        #expect((json["memberships"] as? [[String: Any]])?.first?["status"] as? String == "in_arrears")
        let unmasked = try run(["worker", "show", registry.budiKPJ, "--unmasked"])
        #expect(unmasked.stdout.contains(SmallRegistry.budiNIK))
        let missing = try run(["worker", "show", "3214011203859999"])
        #expect(missing.status == 1 && !missing.stderr.contains("3214011203859999"))
        #expect(try run(["worker", "show", "12345"]).status == 2)
    }

    @Test func payChecksTheAmountThenRecords() throws {
        let wrong = try run(["pay", "informal", registry.budiKPJ, "--months", "3", "--amount", "60000", "--receipt", "BPU-0009",
                             "--paid-at", "2025-06-21T10:00:00+07:00"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("Rp65.400") && wrong.stderr.contains("April 2025 to June 2025"), "\(wrong.stderr)")
        let right = try run(["pay", "informal", registry.budiKPJ, "--months", "3", "--amount", "65400", "--receipt", "BPU-0009",
                             "--paid-at", "2025-06-21T10:00:00+07:00"])
        #expect(right.status == 0, "\(right.stderr)")
        #expect(right.stdout == "recorded BPU-0009: Rp65.400 for 2025-04, 2025-05, 2025-06\n")
        // Paid on 21 June 2025 (valid time): on the 22nd Budi is paid up, however late the
        // payment was typed in. Recorded today, it was not known on the 22nd: what the register
        // said that day (recorded time) still shows his arrears.
        let past = try run(["report", "status", "--as-of", "2025-06-22", "--segment", "BPU", "--format", "csv"])
        #expect(past.stdout.hasSuffix("BPU,2,2,0,0,0,0,2\n"), "\(past.stdout)")
        let audit = try run(["report", "status", "--as-of", "2025-06-22", "--as-known-on", "2025-06-22", "--segment", "BPU",
                             "--format", "csv"])
        #expect(audit.stdout.hasSuffix("BPU,2,1,1,0,0,0,2\n"), "\(audit.stdout)")
        // Today nobody has paid since June 2025: the months after it are owed, billed or not,
        // and both memberships have lapsed.
        let today = try run(["report", "status", "--segment", "BPU", "--format", "csv"])
        #expect(today.stdout.hasSuffix("BPU,2,0,0,2,0,0,2\n"), "\(today.stdout)")
        #expect(try run(["pay", "informal", registry.budiKPJ, "--months", "1", "--amount", "21800", "--receipt", "BPU-0009"]).status == 1)
        let employer = try run(["pay", "employer", "NPP-0001", "--month", "2025-06", "--amount", "1", "--receipt", "PU-X"])
        #expect(employer.status == 1 && employer.stderr.contains("amount"))
    }

    @Test func checkIsCleanThenReportsAHandWrittenFault() throws {
        let clean = try run(["check"])
        #expect(clean.status == 0)
        #expect(clean.stdout.hasPrefix("ok: integrity, foreign_keys"))
        try shell("INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, recorded_at) VALUES (1, 'JKK', 'self', 'dues', 100, '2025-06-01T00:00:00.000Z')")
        let dirty = try run(["check"])
        #expect(dirty.status == 1)
        #expect(dirty.stdout.hasPrefix("bill_pricing: bill 1 (membership 1, 2025-01): bills JKK self Rp15.100, JKM self Rp6.800"))
        #expect(dirty.stderr == "registry: check found 1 problem(s)\n")
    }

    /// The sqlite3 shell keeps foreign keys off: a membership deleted under its bills, a rule
    /// edited with its trigger dropped first, all are listed, the check running to the end.
    @Test func checkListsEverythingAfterAMembershipIsDeletedInTheShell() throws {
        #expect(try run(["check"]).status == 0)
        try shell("""
            DELETE FROM memberships WHERE id = 1;
            DROP TRIGGER scheme_parameters_update_only_closes;
            UPDATE scheme_parameters SET value = 6 WHERE code = 'arrears_lapse_months';
            """)
        let found = try run(["check"])
        let lines = found.stdout.split(separator: "\n").map(String.init)
        #expect(found.status == 1)
        #expect(lines.contains("foreign_keys: bills row 1: refers to a missing row of memberships"), "\(found.stdout)")
        #expect(lines.contains("schema: trigger scheme_parameters_update_only_closes (on scheme_parameters): missing; the migrations create it"))
        #expect(lines.contains { $0.hasPrefix("rule_rows: scheme_parameters row id ") && $0.hasSuffix(" (code 'arrears_lapse_months'): edited: value is 6, the migrations say 3") })
        #expect(!lines.contains { $0.contains("could not run") })
        #expect(found.stderr == "registry: check found \(lines.count) problem(s)\n")
    }

    @Test func refreshRecomputesWhatTheShellChanged() throws {
        #expect(try run(["refresh"]).stdout == "up to date\n")
        try shell("INSERT INTO bill_lines (bill_id, program_code, payer_code, kind, amount, recorded_at) VALUES (1, 'JKK', 'self', 'dues', 100, '2025-06-01T00:00:00.000Z')")
        let refreshed = try run(["refresh"])
        #expect(refreshed.status == 0 && refreshed.stdout == "refreshed 1 membership\n", "\(refreshed.stderr)")
        #expect(try run(["refresh"]).stdout == "up to date\n")
    }

    @Test func checkFindsStandingEditedInTheShellAndRefreshAllRepairsIt() throws {
        #expect(try run(["check"]).status == 0)
        try shell("""
            UPDATE membership_status_spans SET status = CASE status WHEN 'active' THEN 'lapsed' ELSE 'active' END
            WHERE membership_id = 1 AND status IN ('active', 'in_arrears', 'lapsed')
            """)
        let found = try run(["check"])
        #expect(found.status == 1 && found.stdout.contains("standing: membership 1: its status spans"), "\(found.stdout)")
        #expect(try run(["refresh"]).stdout == "up to date\n", "no trigger watches the standing tables")
        let count = try run(["refresh", "--all"])
        #expect(count.stdout.hasPrefix("refreshed ") && count.status == 0)
        #expect(try run(["check"]).status == 0)
    }

    /// July 2025: Budi (BPU) and Siti (PU) have no bill yet; Agus paid twelve months ahead, so
    /// his July bill exists. One page per membership, so two transactions.
    @Test func billIssuesTheMonthOnceAndASecondRunBillsNothing() throws {
        let julyBills = {
            try Registry(path: self.db).read { session in
                try session.connection.fetchOne("""
                    SELECT count(DISTINCT b.id), coalesce(sum(l.amount), 0) FROM bills b JOIN bill_lines l ON l.bill_id = b.id
                    WHERE b.contribution_month = '2025-07'
                    """).map { (try $0.get(0, as: Int.self), try $0.get(1, as: Int64.self)) }!
            }
        }
        let (billsBefore, amountBefore) = try julyBills()
        #expect(billsBefore == 1)
        let result = try run(["bill", "--month", "2025-07", "--page-size", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let (billsAfter, amountAfter) = try julyBills()
        #expect(billsAfter == 3)
        #expect(result.stdout == "2025-07: 2 bills issued, total \(Rupiah(amountAfter - amountBefore))\n")
        #expect(try run(["bill", "--month", "2025-07"]).stdout == "2025-07: 0 bills issued, total Rp0\n")

        let zero = try run(["bill", "--month", "2025-08", "--page-size", "0"])
        #expect(zero.status == 2 && zero.stderr.contains("--page-size must be at least 1, not 0"), "\(zero.stderr)")
        let month = try run(["bill", "--month", "2025-13"])
        #expect(month.status == 2 && month.stderr.contains("2025-13"), "\(month.stderr)")
        #expect(try julyBills().0 == 3)
    }
}
