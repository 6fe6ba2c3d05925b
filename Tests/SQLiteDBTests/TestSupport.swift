import Foundation
import SQLiteDB

/// A fresh directory for one test's database files, removed when the test ends.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sqlitedb-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }
}

/// The permission bits of a file, e.g. 0o600.
func permissions(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// The directory holding the test binary, where SwiftPM also puts the package's executables.
func productsDirectory() -> URL {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
}

/// Catches the SQLiteError a throwing expression raises, failing loudly if it raises none.
func sqliteError(_ body: () throws -> Void) -> SQLiteError? {
    do {
        try body()
    } catch let error as SQLiteError {
        return error
    } catch {
        return nil
    }
    return nil
}
