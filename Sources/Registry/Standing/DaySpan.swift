import SQLiteDB

/// A run of days `[from, until)` with one value, in day numbers (days since 1970-01-01).
///
/// The first span of a timeline starts at ``DaySpan/beginning`` and the last ends at
/// ``DaySpan/end``; in the database they are written `0000-01-01` and `9999-12-31`, so the
/// rows read well in the sqlite3 shell and compare as text like every other date.
struct DaySpan<Value: Hashable>: Hashable {
    var from: Int
    var until: Int
    var value: Value

    static var beginning: Int { Int.min }
    static var end: Int { Int.max }
}

/// Day numbers as stored: `YYYY-MM-DD`, with the two open ends spelled as above.
enum StoredDay {
    static let beginningText = "0000-01-01"
    static let endText = "9999-12-31"

    static func text(_ day: Int) -> String {
        switch day {
        case Int.min: beginningText
        case Int.max: endText
        default: CalendarDate(dayNumber: day).isoString
        }
    }

    /// The day number of stored text: a date, a timestamp (its UTC day), or an open end.
    static func day(_ text: String, field: String) throws -> Int {
        switch text {
        case beginningText: return Int.min
        case endText: return Int.max
        default:
            guard let date = CalendarDate(iso: String(text.prefix(10))) else {
                throw RegistryError.invalid(field: field, value: text, reason: .notADate)
            }
            return date.dayNumber
        }
    }
}

extension Array {
    /// Runs of equal values over the sorted change days `days`, starting with `initial` at the
    /// beginning of time: `value(day)` is evaluated once per day and holds until the next.
    static func runs<Value: Hashable>(
        startingWith initial: Value, changingOn days: [Int], _ value: (Int) -> Value
    ) -> [DaySpan<Value>] where Element == DaySpan<Value> {
        var spans = [DaySpan(from: DaySpan<Value>.beginning, until: DaySpan<Value>.end, value: initial)]
        var previous: Int?
        for day in days where day != previous && day != Int.min {
            previous = day
            let current = value(day)
            if current != spans[spans.count - 1].value {
                spans[spans.count - 1].until = day
                spans.append(DaySpan(from: day, until: DaySpan<Value>.end, value: current))
            }
        }
        return spans
    }
}
