import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry sync push|apply|pull`: bringing an extract's offline work back, and refreshing it.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Push an extract's offline work to the central register, or pull the centre's state into it.",
        subcommands: [SyncPush.self, SyncApply.self, SyncPull.self]
    )
}

/// Writes a push's rejects and prints its summary; exit 1 when something was rejected.
enum PushReport {
    static func finish(_ outcome: PushOutcome, report: RejectReport, source: String) throws {
        for reject in outcome.rejects {
            try report.add(ImportReject(line: Int(reject.localID), column: "\(reject.table).\(reject.column)".replacingOccurrences(of: ".$", with: "", options: .regularExpression),
                                        value: reject.value, reason: reject.reason(in: ToolLanguage.current)))
        }
        try report.finish()
        if outcome.alreadyApplied {
            print("\(source): this changeset was applied before; nothing to do")
            return
        }
        var line = "\(source): \(outcome.applied) changes applied, \(outcome.rejects.count) rejected"
        if outcome.alreadyStored > 0 { line += ", \(outcome.alreadyStored) already stored by an earlier push" }
        if !outcome.rejects.isEmpty { line += " (see \(report.path))" }
        print(line)
        if !outcome.rejects.isEmpty {
            throw ToolFailure(.dataProblems, "\(outcome.rejects.count) changes rejected; see \(report.path)")
        }
    }
}

/// `registry sync push EXTRACT`: applies the extract's work to the central register (--db).
struct SyncPush: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Apply an extract's changes since extraction to the central register, in one transaction.",
        discussion: """
            Run where the central register is (--db). The changes travel as an SQLite changeset; \
            rows made offline get central ids. A change that conflicts (a NIK or receipt already \
            stored, a row changed centrally, a rule of the centre refusing it) is left out with \
            everything that depends on it, and listed in the reject file; nothing is replaced. \
            Pushing the same work again stores nothing twice. With --changeset FILE nothing is \
            applied: the changeset is written to FILE (owner-only) to carry to the centre, where \
            'registry sync apply FILE' applies it.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The extract.", valueName: "extract")) var extract: String

    @Option(help: ArgumentHelp("Write the changeset to this file instead of applying it.", valueName: "file"))
    var changeset: String?

    @Option(help: ArgumentHelp("Where to write the rejected changes (default: EXTRACT.rejects.csv).", valueName: "path"))
    var rejects: String?

    @Flag(help: "Replace an existing output file; write even into a directory every user may write to.")
    var force = false

    func run() throws {
        if let changeset {
            let target = try OutputFile(changeset, role: "the changeset file", force: force,
                                        protecting: [.database(extract), .database(database.path)])
            let (marker, work) = try Registry.changeset(ofExtractAt: extract)
            let staged = try target.stage()
            let bytes = ChangesetFile.encode(work, from: marker)
            try FileHandle(fileDescriptor: staged.descriptor, closeOnDealloc: false).write(contentsOf: Data(bytes))
            try staged.publish()
            print("wrote the changes of \(extract) since \(marker.extractedAt) (\(bytes.count) bytes) to \(changeset)")
            return
        }
        let rejectsPath = rejects ?? extract + ".rejects.csv"
        let report = RejectReport(try OutputFile(rejectsPath, role: "the reject file", force: force,
                                                 protecting: [.database(database.path), .database(extract)]))
        let registry = try database.openExisting()
        if try registry.read({ try $0.extractMarker() }) != nil {
            throw ToolFailure(.usage, "\(database.path) is itself an extract: push to the central register")
        }
        let outcome = try registry.push(extractAt: extract)
        try PushReport.finish(outcome, report: report, source: extract)
    }
}

/// `registry sync apply FILE`: applies a changeset file written by `sync push --changeset`.
struct SyncApply: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a changeset file written by 'registry sync push --changeset' to the central register."
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The changeset file.", valueName: "file")) var file: String

    @Option(help: ArgumentHelp("Where to write the rejected changes (default: FILE.rejects.csv).", valueName: "path"))
    var rejects: String?

    @Flag(help: "Replace an existing reject file; write even into a directory every user may write to.")
    var force = false

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw ToolFailure(.usage, "cannot read \(file)") }
        let (marker, changeset) = try ChangesetFile.decode(Array(data))
        let rejectsPath = rejects ?? file + ".rejects.csv"
        let report = RejectReport(try OutputFile(rejectsPath, role: "the reject file", force: force,
                                                 protecting: [.database(database.path), ProtectedFile(file, role: "the changeset file")]))
        let registry = try database.openExisting()
        if try registry.read({ try $0.extractMarker() }) != nil {
            throw ToolFailure(.usage, "\(database.path) is itself an extract: apply the changeset to the central register")
        }
        try PushReport.finish(try registry.apply(changeset, from: marker), report: report, source: file)
    }
}

/// `registry sync pull EXTRACT`: refreshes the extract from the central register (--db).
struct SyncPull: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Refresh an extract from the central register: the same area, as the centre has it now.",
        discussion: """
            Refused while the extract holds work not yet pushed (push first), unless \
            --discard-unpushed-work. The new extract replaces the old file in one rename.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The extract.", valueName: "extract")) var extract: String

    @Flag(help: "Pull even though the extract holds work not yet pushed; that work is lost.")
    var discardUnpushedWork = false

    func run() throws {
        let registry = try database.openExisting()
        let summary = try registry.refresh(extractAt: extract, discardingUnpushedWork: discardUnpushedWork)
        print("pulled \(summary.marker.area) into \(extract): \(summary.workers) workers, \(summary.memberships) memberships, \(summary.payments) payments")
    }
}
