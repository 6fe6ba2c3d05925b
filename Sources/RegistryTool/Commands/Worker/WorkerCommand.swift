import ArgumentParser
import Registry

/// `registry worker …`: one worker at the counter.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: Localized(en: "Look up a worker.", id: "Mencari seorang pekerja.").inToolLanguage,
        subcommands: [ShowWorker.self]
    )
}
