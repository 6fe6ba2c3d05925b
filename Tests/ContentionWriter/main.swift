// A writer process for the concurrency tests: inserts COUNT rows tagged WRITER into
// `entries`, one IMMEDIATE transaction per row, through a DatabasePool with default settings.
// Exits 0 when every insert committed; on any error prints it on stderr and exits 1.
import Foundation
import SQLiteDB

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: ContentionWriter DB WRITER COUNT\n".utf8))
    exit(2)
}
do {
    let pool = try DatabasePool(path: arguments[1])
    for sequence in 0..<count {
        try pool.write { db in
            try db.execute("INSERT INTO entries (writer, sequence) VALUES (?, ?)", arguments[2], sequence)
        }
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
