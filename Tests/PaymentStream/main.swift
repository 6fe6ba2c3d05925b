// A payment channel for the concurrency tests: opens the registry through the library, as a
// clerk's program would, and records COUNT informal payments, one write transaction each.
//
//   PaymentStream DB PREFIX COUNT AMOUNT MEMBERSHIP_ID...
//
// Payment i (from 0) pays one month of membership MEMBERSHIP_ID[i % n] under receipt
// PREFIX-i, for AMOUNT rupiah (one month's dues; the registry refuses any other amount).
// Each receipt is printed on stdout, and flushed, as soon as its write has committed: the
// test treats a printed receipt as acknowledged and looks for it afterwards. On any error
// the error goes to stderr and the exit status is 1; on bad arguments 2.
//
// BUSY_TIMEOUT_MS in the environment replaces the library's 5-second busy timeout, so a test
// can show a writer is not shut out by a long import without running the import that long.
// PAUSE_MS makes the channel wait that long after each acknowledged payment, as a counter with
// people at it does, instead of writing back to back.
import Foundation
import Registry
import SQLiteDB

let arguments = CommandLine.arguments
guard arguments.count >= 6, let count = Int(arguments[3]), let amount = Int64(arguments[4]) else {
    FileHandle.standardError.write(Data("usage: PaymentStream DB PREFIX COUNT AMOUNT MEMBERSHIP_ID...\n".utf8))
    exit(2)
}
let memberships = arguments[5...].compactMap { Int64($0).map(Membership.ID.init) }
guard memberships.count == arguments.count - 5 else {
    FileHandle.standardError.write(Data("membership ids are integers\n".utf8))
    exit(2)
}
do {
    var configuration = Configuration()
    if let milliseconds = ProcessInfo.processInfo.environment["BUSY_TIMEOUT_MS"].flatMap({ Int64($0) }) {
        configuration.busyTimeout = .milliseconds(milliseconds)
    }
    let pause = ProcessInfo.processInfo.environment["PAUSE_MS"].flatMap { UInt32($0) }.map { $0 * 1000 }
    let registry = try Registry(path: arguments[1], configuration: configuration)
    for index in 0..<count {
        let receipt = "\(arguments[2])-\(index)"
        _ = try registry.write(actor: "payment-stream \(arguments[2])") { session in
            try session.payInformalDues(for: memberships[index % memberships.count], months: 1, amount: Rupiah(amount),
                                        receipt: receipt, channel: .eWallet)
        }
        // write(2) on the descriptor: nothing buffered in this process when the line is out.
        FileHandle.standardOutput.write(Data("\(receipt)\n".utf8))
        if let pause { usleep(pause) }
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
