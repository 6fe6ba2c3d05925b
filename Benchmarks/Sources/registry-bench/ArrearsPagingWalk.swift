// The arrears list a page at a time, as a clerk's screen or a script reads it
// (`registry report arrears --page-size N --after CURSOR`): each page in its own
// `Registry.read`. One untimed walk pages through the whole list to find a cursor in its middle
// and to measure this process's peak memory while paging, beside the peak of the whole list
// read at once; the first, the middle and the last page are then timed with the other reports.
import Foundation
import Registry
import SQLiteDB

struct ArrearsPagingSummary {
    var date: CalendarDate
    var pageSize: Int
    var pages = 0
    var rows = 0
    var pagedMillis = 0.0
    /// VmHWM after resetting it to the current RSS, paging the whole list.
    var pagedPeakMiB: Double?
    var wholeListRows = 0
    var wholeListMillis = 0.0
    var wholeListPeakMiB: Double?
    /// The resident set when the walk started (SQLite's page cache already warm).
    var startMiB: Double?
    /// The cursor that starts the middle page (nil when the list has one page).
    var middle: ArrearsCursor?
    var middlePageNumber = 1
    /// The cursor that starts the last page (nil when the list has one page).
    var last: ArrearsCursor?
}

enum ArrearsPagingWalk {
    static func run(_ registry: Registry, on date: CalendarDate, pageSize: Int) throws -> ArrearsPagingSummary {
        var summary = ArrearsPagingSummary(date: date, pageSize: pageSize)
        var cursors: [ArrearsCursor] = []
        PeakRSS.reset()
        summary.startMiB = PeakRSS.mebibytes()
        let (_, pagedSeconds) = try timed {
            var after: ArrearsCursor? = nil
            repeat {
                let page = try registry.read { try $0.arrears(on: date, pageSize: pageSize, after: after) }
                if page.entries.isEmpty { break }
                summary.pages += 1
                summary.rows += page.entries.count
                after = page.next
                if let after { cursors.append(after) }
            } while after != nil
        }
        summary.pagedMillis = pagedSeconds * 1000
        summary.pagedPeakMiB = PeakRSS.mebibytes()
        if summary.pages > 1 {
            summary.middlePageNumber = summary.pages / 2 + 1
            summary.middle = cursors[summary.pages / 2 - 1]
            summary.last = cursors[summary.pages - 2]
        }
        PeakRSS.reset()
        let (whole, wholeSeconds) = try timed { try registry.read { try $0.arrears(on: date) } }
        summary.wholeListMillis = wholeSeconds * 1000
        summary.wholeListPeakMiB = PeakRSS.mebibytes()
        summary.wholeListRows = whole.count
        guard summary.rows == whole.count else {
            throw RawError(description: "the arrears pages on \(date) hold \(summary.rows) rows, the whole list \(whole.count)")
        }
        return summary
    }

    /// The Markdown lines that go under the reports table.
    static func lines(_ summary: ArrearsPagingSummary) -> [String] {
        func mib(_ value: Double?) -> String { value.map { String(format: "%.0f MiB", $0) } ?? "?" }
        func ms(_ value: Double) -> String { String(format: "%.0f ms", value) }
        let pages = "\(summary.pages.formatted()) pages, \(summary.rows.formatted()) rows in \(ms(summary.pagedMillis))"
        let memory = "peak RSS \(mib(summary.pagedPeakMiB)) paging (from \(mib(summary.startMiB)))"
        let whole = "\(mib(summary.wholeListPeakMiB)) for the whole list at once (\(summary.wholeListRows.formatted()) rows, \(ms(summary.wholeListMillis)))"
        let middle = "The middle page timed above is page \(summary.middlePageNumber.formatted()), the last page \(summary.pages.formatted())."
        return ["Arrears on \(summary.date), paged by \(summary.pageSize.formatted()): \(pages); \(memory), \(whole). \(middle)"]
    }
}
