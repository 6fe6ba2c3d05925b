import ArgumentParser

/// How a command prints its rows: aligned for a person, CSV or JSON for a program.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}
