import SQLiteDB

/// A social-security program (program jaminan sosial ketenagakerjaan).
public enum Program: String, Sendable, Hashable, CaseIterable, Codable, Comparable, DatabaseValueConvertible, CustomStringConvertible {
    /// Work-accident insurance (Jaminan Kecelakaan Kerja).
    case jkk = "JKK"
    /// Death benefit (Jaminan Kematian).
    case jkm = "JKM"
    /// Old-age savings (Jaminan Hari Tua).
    case jht = "JHT"
    /// Pension (Jaminan Pensiun).
    case jp = "JP"
    /// Job-loss insurance (Jaminan Kehilangan Pekerjaan), funded by government.
    case jkp = "JKP"

    public var description: String { rawValue }

    public static func < (lhs: Program, rhs: Program) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The programs of a `group_concat(program_code)` column (NULL: none).
    static func set(commaSeparated codes: String?) -> Set<Program> {
        Set((codes ?? "").split(separator: ",").compactMap { Program(rawValue: String($0)) })
    }
}
