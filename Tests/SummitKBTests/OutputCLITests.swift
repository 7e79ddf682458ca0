import Foundation
import Testing
@testable import SummitKB

/// Runs the built `summitkb` binary against a fixture database file.
@Suite final class OutputCLITests {
    let folder: URL
    let database: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("summitkb-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = folder.appendingPathComponent("kb.sqlite").path
        _ = try QueryFixtures.knowledgeBase(path: database)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String]) throws -> Result {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("summitkb")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ["COLUMNS": "120", "SUMMITKB_DB": database]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test(arguments: [
        ["sources"], ["show", "4"], ["show", "source", "seeds/001_4c7635f27aa1620f.txt"], ["show", "meeting", "1"],
        ["show", "participant", "ZELENSKIY"], ["show", "proposal", "1"], ["search", "peacekeeping"],
        ["search", "\"; DROP TABLE sources; --"], ["meetings", "--place", "Paris"], ["participants", "--kind", "person"],
        ["proposals", "--proposer", "UK"], ["report", "timeline"], ["report", "meeting", "1"], ["report", "attendance"],
        ["report", "participant", "Britain"], ["report", "proposals"], ["report", "sources"], ["report", "conflicts"],
        ["explain", "meeting", "1"], ["explain", "participant", "Erdogan"], ["explain", "proposal", "2"],
        ["explain", "position", "5"],
    ])
    func commandsSucceedInEveryFormat(arguments: [String]) throws {
        for format in OutputFormat.allCases {
            let result = try run(arguments + ["--format", format.rawValue])
            #expect(result.status == 0, "\(arguments) \(format): \(result.stderr)")
            #expect(!result.stdout.isEmpty)
            if format == .json { #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) } }
            if format == .table { #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 120 }) }
        }
    }

    @Test func timelineShowsTheParisMeetingOnce() throws {
        let result = try run(["report", "timeline"])
        #expect(result.stdout.components(separatedBy: "Paris leaders' meeting").count == 2)
    }

    @Test(arguments: [
        (["report", "meeting"], "needs a meeting id"),
        (["report", "timeline", "extra"], "takes no argument"),
        (["show", "meeting", "abc"], "is not a meeting id"),
        (["meetings", "--from", "2025-13-01"], "is not a date"),
        (["search", "***"], "has no letters or digits"),
        (["sources", "--limit", "0"], "--limit must be at least 1"),
        (["meetings", "--kind", "picnic"], "picnic"),
    ])
    func badArgumentsAreUsageErrors(arguments: [String], message: String) throws {
        let result = try run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func missingThingsFailWithOneLine() throws {
        let result = try run(["show", "meeting", "99"])
        #expect(result.status == 1)
        #expect(result.stderr == "summitkb: no meeting matches '99'\n")
        let missing = try run(["sources", "--db", "/nonexistent/kb.sqlite"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("run `summitkb ingest` first"))
    }
}
