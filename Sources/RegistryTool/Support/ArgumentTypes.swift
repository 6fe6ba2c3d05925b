import ArgumentParser
import Registry
import SQLiteDB

// The registry's value types, parsed straight from the command line so that a malformed date
// or an unknown segment is a usage error naming the option, before any database is opened.

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(iso: argument)
    }
}

extension ContributionMonth: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}

extension Segment: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(code: argument)
    }

    public static var allValueStrings: [String] { allCases.map(\.shortCode) }
}

extension PaymentChannel: ExpressibleByArgument {}

extension Program: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }
}
