import SQLiteDB

/// What the segment × program matrix (`segment_programs`) says of one program.
public enum ProgramRequirement: String, Sendable, Hashable, Codable, DatabaseValueConvertible {
    case required
    /// Required when the member qualifies (JKP: citizen, under 54 at registration, in JKN).
    case conditional
    case optional
    case notAllowed = "not_allowed"
}

extension RegistrySession {
    /// The matrix row for each program, for `segment` (and a wage earner's employer size
    /// class) on `date`. Programs without a row in force are absent: they are not allowed.
    public func programRequirements(
        for segment: Segment, sizeClass: EmployerSizeClass? = nil, on date: CalendarDate
    ) throws -> [Program: ProgramRequirement] {
        let sizeClass = segment == .wageEarner ? sizeClass : nil
        return try remembered(\.programRequirements, .init(segment: segment, sizeClass: sizeClass, date: date)) {
            var result: [Program: ProgramRequirement] = [:]
            try db.forEach("""
                SELECT program_code, requirement FROM segment_programs
                WHERE segment_code = ? AND employer_size_class IS ?
                  AND effective_from <= ?3 AND coalesce(effective_to, '9999-12-31') >= ?3
                """, segment, sizeClass, date) { row in
                result[try row["program_code"]] = try row["requirement"]
            }
            return result
        }
    }
}
