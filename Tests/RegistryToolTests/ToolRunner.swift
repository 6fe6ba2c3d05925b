import Foundation
import Testing

/// What one run of the `registry` executable produced.
struct ToolResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs the `registry` executable built beside the test bundle.
enum Tool {
    static var executable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("registry")
    }

    /// Runs `registry arguments…` with `environment` added to ours, from which REGISTRY_DB and
    /// the locale variables (LC_ALL, LC_MESSAGES, LANG) are removed.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil,
                    in directory: URL? = nil) throws -> ToolResult {
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build the registry tool first")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "REGISTRY_DB")
        // The tool speaks the locale's language: the tests choose it, not the machine running them.
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] { merged.removeValue(forKey: name) }
        merged.merge(environment) { $1 }
        process.environment = merged
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes while the process runs, so a large output cannot fill one and stall it.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        process.waitUntilExit()
        return ToolResult(status: process.terminationStatus,
                          stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A fresh temporary directory, removed when the test's scope ends.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        // A UUID's digits spelt as letters: the tool masks every run of 16 or more digits in what
        // it prints, paths included, and a UUID's hyphen-joined groups are all digits now and then.
        let unique = String(UUID().uuidString.unicodeScalars.map { scalar in
            guard let digit = Int(String(scalar)) else { return Character(scalar) }
            return Character(Unicode.Scalar(UInt8(ascii: "g") + UInt8(digit)))
        })
        url = FileManager.default.temporaryDirectory.appendingPathComponent("registry-tool-\(unique)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
