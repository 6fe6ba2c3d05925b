import SQLiteDB

/// An employer's size class (skala usaha): decides which wage-earner programs are required.
public enum EmployerSizeClass: String, Sendable, Hashable, CaseIterable, Codable, DatabaseValueConvertible {
    case micro, small, medium, large
}
