import Foundation
import Registry
import SQLiteDB
import Testing

/// The arrears list a page at a time: the pages together are the whole list, each entry once,
/// whatever the page size, date and filter; a page reads the index in order and stops.
@Suite struct ArrearsPagingTests {
    /// Every page of the list, following the cursors.
    static func allPages(_ session: RegistrySession, on date: CalendarDate, filter: ArrearsFilter = ArrearsFilter(),
                         size: Int) throws -> [ArrearsPage] {
        var pages: [ArrearsPage] = []
        var after: ArrearsCursor?
        repeat {
            let page = try session.arrears(on: date, filter: filter, pageSize: size, after: after)
            pages.append(page)
            after = page.next
        } while after != nil && pages.count < 10_000
        return pages
    }

    @Test func thePagesTogetherAreTheWholeListWhateverTheSizeDateOrFilter() throws {
        let demo = try DemoFixture.standard.get()
        let session = try demo.session()
        let office = try #require(try session.connection.fetchValue(Int64.self, "SELECT min(branch_office_id) FROM workers"))
        let dates = [demo.summary.asOf, demo.summary.asOf.adding(days: -183), CalendarDate(iso: "2025-06-20")!]
        let filters = [ArrearsFilter(), ArrearsFilter(segment: .informal), ArrearsFilter(region: try RegionCode("32.14")),
                       ArrearsFilter(office: Office.ID(office))]
        var compared = 0
        for date in dates {
            for filter in filters {
                let whole = try session.arrears(on: date, filter: filter)
                for size in [1, 7, 1_000] where size < 10 || whole.count < 1_000 {
                    let pages = try Self.allPages(session, on: date, filter: filter, size: size)
                    let paged = pages.flatMap(\.entries)
                    #expect(paged.count == whole.count, "\(date) \(filter) size \(size)")
                    #expect(Set(paged.map(\.membership)).count == paged.count, "an entry appeared twice")
                    #expect(paged.sorted { $0.membership.rawValue < $1.membership.rawValue } == whole, "\(date) \(filter) size \(size)")
                    #expect(pages.dropLast().allSatisfy { $0.entries.count == size }, "every page but the last is full")
                    #expect(pages.last!.entries.count <= size && pages.last!.next == nil)
                    compared += 1
                }
            }
        }
        #expect(compared >= 24)
        #expect(try session.arrears(on: demo.summary.asOf).count > 20, "the fixture owes enough to page")
    }

    @Test func aCursorIsTextThatComesBackAndBelongsToItsDate() throws {
        let demo = try DemoFixture.standard.get()
        let session = try demo.session()
        let date = demo.summary.asOf
        let first = try session.arrears(on: date, pageSize: 3)
        let cursor = try #require(first.next)
        let parsed = try #require(ArrearsCursor(cursor.description))
        #expect(PersonalData.maskDigitRuns(cursor.description) == cursor.description, "the tool prints it as it is")
        #expect(parsed == cursor)
        #expect(try session.arrears(on: date, pageSize: 3, after: parsed) == session.arrears(on: date, pageSize: 3, after: cursor))

        for malformed in ["", "x", "2026-10-20,2,2026-01-01,1,2026-02-01,1", "2026-10-20,3,2026-01-01,one,2026-02-01,1",
                          "2026-10-20/3/2026-01-01/1/2026-02-01/1", cursor.description + ",9"] {
            #expect(ArrearsCursor(malformed) == nil, "\(malformed)")
        }
        let elsewhere = try #require(throws: RegistryError.self) {
            try session.arrears(on: date.adding(days: -1), pageSize: 3, after: cursor)
        }
        #expect(elsewhere.field == "after" && elsewhere.description.contains("is a cursor of the arrears list on \(date)"))
        let empty = try #require(throws: RegistryError.self) { try session.arrears(on: date, pageSize: 0) }
        #expect(empty.field == "page_size")
    }

    /// Each length class is one range read of the owing-spans index in its own order, so a page
    /// stops after its rows instead of sorting the whole list.
    @Test func aPageReadsTheIndexInOrderWithoutSorting() throws {
        let session = try DemoFixture.standard.get().session()
        let plans = try session.reportQueryPlans(on: CalendarDate(iso: "2026-10-20")!)
        for name in ["arrearsPage", "arrearsPageAfterCursor"] {
            let plan = try #require(plans.first { $0.report == name }).lines
            #expect(plan.contains { $0.contains("USING COVERING INDEX membership_status_spans_owing_by_length (length_class=? AND ") },
                    "\(plan.joined(separator: "\n"))")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan.joined(separator: "\n"))")
        }
    }
}
