import Registry
import SQLiteDB
import Testing

/// The arrears list reads the owing spans class by class, each over the window in which a span of
/// its length can hold the date (`0015_owing_spans_by_length.sql`). A window too narrow would drop
/// rows silently, so the list is compared with a plain scan of the spans on every day.
@Suite struct OwingSpansByLengthTests {
    let world = try! DomainWorld()

    /// The memberships owing at `date` by a scan of the spans that uses no index.
    func scannedOwing(on date: CalendarDate) throws -> [Int64] {
        try world.db.fetchValues(Int64.self, """
            SELECT membership_id FROM membership_status_spans NOT INDEXED
            WHERE owes = 1 AND from_date <= ?1 AND until_date > ?1 ORDER BY membership_id
            """, date.isoString)
    }

    func listedOwing(on date: CalendarDate) throws -> [Int64] {
        try world.session.arrears(on: date).map(\.membership.rawValue)
    }

    /// Spans written by hand at the edges of the classes: each gets the class of its length, and
    /// the list holds it on its first and last day, not the day before or its end day.
    @Test func eachClassIsReadOverTheWindowItsLengthAllows() throws {
        let lengths: [(days: Int, lengthClass: Int)] = [
            (1, 3), (8, 3), (9, 4), (16, 4), (17, 5), (31, 5), (32, 5), (33, 6), (700, 10),
            (4096, 12), (4097, 13), (16384, 14), (16385, 15),
        ]
        let from = day("1980-01-01")
        // Per span: the days the list must hold it, and the days it must not.
        var spans: [(membership: Int64, holds: [CalendarDate], not: [CalendarDate])] = []
        for (days, lengthClass) in lengths {
            let until = from.adding(days: days)
            let membership = try owingSpan(from: from, until: until)
            #expect(try self.lengthClass(of: membership) == lengthClass, "\(days) days")
            spans.append((membership, [from, until.adding(days: -1)], [from.adding(days: -1), until]))
        }
        let open = try owingSpan(from: day("2025-01-16"), until: nil)
        #expect(try lengthClass(of: open) == 0, "open")
        spans.append((open, [day("2025-01-16"), day("2099-12-31")], [day("2025-01-15")]))
        let notStarted = try owingSpan(from: nil, until: day("2025-01-01"))
        #expect(try lengthClass(of: notStarted) == 15, "from 0000-01-01: not started")
        spans.append((notStarted, [day("1950-06-30"), day("2024-12-31")], [day("2025-01-01")]))

        for span in spans {
            for (date, holds) in span.holds.map({ ($0, true) }) + span.not.map({ ($0, false) }) {
                let at: Comment = "membership \(span.membership) on \(date)"
                let listed = try listedOwing(on: date)
                #expect(listed == (try scannedOwing(on: date)), at)
                #expect(listed.contains(span.membership) == holds, at)
            }
        }
    }

    /// Four months billed and left unpaid for two years (nothing billed after them), then paid:
    /// a long closed owing span after the monthly ones (the unbilled months after them stay owed). The list equals the scan on every day from
    /// the enrolment to after the payment.
    @Test func aDebtLeftForTwoYearsIsListedOnEveryDayItRan() throws {
        let session = world.session
        world.clock.set(day("2023-01-02"))
        let worker = try world.register(serial: 7)
        let membership = try session.enrol(.informal(worker: worker.id, declaredIncome: 1_500_000, startDate: day("2023-01-01"))).id
        var month = ContributionMonth("2023-01")!
        while month <= ContributionMonth("2023-04")! {
            world.clock.set(month.firstDay.adding(days: 1))
            _ = try session.issueBills(for: month)
            month = month.next
        }
        world.clock.set(day("2025-02-10"))
        for (months, receipt) in [(3, "R-1"), (1, "R-2")] {     // 1, 3, 6 or 12 months a payment
            do {
                _ = try session.payInformalDues(for: membership, months: months, amount: Rupiah(1), receipt: receipt, channel: .bankTransfer)
            } catch RegistryError.amountMismatch(_, _, let expected, _) {
                _ = try session.payInformalDues(for: membership, months: months, amount: expected, receipt: receipt, channel: .bankTransfer)
            }
        }
        // The four billed months are paid; the four after them were never billed, and are owed
        // all the same (a month is owed from its due date), up to the lapse: no month after.
        let owed = try session.arrears(on: day("2025-02-10")).map {
            "\($0.overdueBills) billed, \($0.unbilledMonths) unbilled, \($0.firstUnpaidMonth)…\($0.lastUnpaidMonth)"
        }
        #expect(owed == ["0 billed, 4 unbilled, 2023-05…2023-08"])
        let classes = try world.db.fetchValues(Int.self, """
            SELECT DISTINCT length_class FROM membership_status_spans WHERE membership_id = ? AND owes = 1
            """, membership)
        #expect(classes.contains { $0 >= 9 }, "a closed owing span of more than 256 days: \(classes)")

        var date = day("2022-12-31")
        var owingDays = 0
        while date <= day("2025-03-31") {
            let listed = try listedOwing(on: date)
            #expect(listed == (try scannedOwing(on: date)), "on \(date)")
            if !listed.isEmpty { owingDays += 1 }
            date = date.adding(days: 1)
        }
        #expect(owingDays > 650)
    }

    /// A fresh membership whose only span is one owing span over the given dates, written by hand
    /// (spans are derived; this is the test standing in for a refresh). nil is open-ended.
    func owingSpan(from: CalendarDate?, until: CalendarDate?) throws -> Int64 {
        let serial = 100 + (try world.db.fetchValue(Int.self, "SELECT count(*) FROM workers") ?? 0)
        let worker = try world.register(serial: serial)
        let membership = try world.session.enrol(
            .informal(worker: worker.id, declaredIncome: 1_500_000, startDate: day("2025-01-01"))).id
        try world.session.refreshStanding()     // else the next report's refresh rewrites the span
        try world.db.execute("DELETE FROM membership_status_spans WHERE membership_id = ?", membership)
        try world.db.execute("""
            INSERT INTO membership_status_spans (membership_id, from_date, until_date, status, owes, worker_id,
                segment_code, regency_code, unpaid_months, overdue_bills, unbilled_months, first_unpaid_month,
                last_unpaid_month, amount_owed, unbilled_amount)
            VALUES (?1, ?2, ?3, 'lapsed', 1, ?4, 'informal', '32.14', 3, 3, 0, '2024-01', '2024-03', 50400, 0)
            """, membership, from?.isoString ?? "0000-01-01", until?.isoString ?? "9999-12-31", worker.id)
        return membership.rawValue
    }

    func lengthClass(of membership: Int64) throws -> Int? {
        try world.db.fetchValue(Int.self, "SELECT length_class FROM membership_status_spans WHERE membership_id = ?", membership)
    }
}
