import SQLiteDB

extension CalendarDate {
    /// The date as a sentence writes it: `6 December 2026`, `6 Desember 2026`.
    ///
    /// Messages use it; table cells, CSV and JSON keep `isoString` (`2026-12-06`), which
    /// sorts and parses.
    public func prose(in language: Language) -> String {
        "\(day) \(Self.monthName(month, in: language)) \(year)"
    }

    /// The name of month 1–12.
    public static func monthName(_ month: Int, in language: Language) -> String {
        let names = switch language {
        case .english: ["January", "February", "March", "April", "May", "June", "July", "August",
                        "September", "October", "November", "December"]
        case .indonesian: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                           "September", "Oktober", "November", "Desember"]
        }
        return names[month - 1]
    }
}

extension ContributionMonth {
    /// The month as a sentence writes it: `December 2026`, `Desember 2026`.
    public func prose(in language: Language) -> String {
        "\(CalendarDate.monthName(month, in: language)) \(year)"
    }
}
