import ArgumentParser

/// `registry worker …`: one worker at the counter.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Look up a worker.",
        subcommands: [ShowWorker.self]
    )
}
