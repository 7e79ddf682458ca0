import Foundation
import GRDB
import Testing
@testable import SummitKB

@Suite struct HostileInputTests {
    typealias Support = IngestTestSupport

    /// Ingests one file of `bytes` next to a good article; returns the bad file's outcome.
    private func ingest(_ bytes: [UInt8], maxBytes: Int = 1 << 20) throws -> (IngestOutcome, KnowledgeBase) {
        let folder = try Support.temporaryFolder()
        try Support.write("Paris – Leaders met on Monday.", to: folder.appendingPathComponent("in/a-good.txt"))
        try Data(bytes).write(to: folder.appendingPathComponent("in/b-odd.txt"))
        let kb = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path)
        let report = try kb.ingestRecording([folder.appendingPathComponent("in").path], options: IngestOptions(maxDocumentBytes: maxBytes))
        #expect(report.outcomes.first?.outcome == .ingested)
        return (report.outcomes[1].outcome, kb)
    }

    /// A refused document leaves no trace in any table: only the good article is stored.
    private func expectRefused(_ bytes: [UInt8], reason expected: String, maxBytes: Int = 1 << 20,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (outcome, kb) = try ingest(bytes, maxBytes: maxBytes)
        #expect(outcome == .failed(reason: expected), sourceLocation: sourceLocation)
        let paths = try kb.writer.read { db in try String.fetchAll(db, sql: "SELECT path FROM sources") }
        #expect(paths.count == 1 && paths[0].hasSuffix("a-good.txt"), sourceLocation: sourceLocation)
        let traces = try kb.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM evidence e JOIN sources s ON s.id = e.source_id WHERE s.path LIKE '%b-odd%'")
        }
        #expect(traces == 0, sourceLocation: sourceLocation)
    }

    private func storedText(_ bytes: [UInt8]) throws -> String? {
        let (outcome, kb) = try ingest(bytes)
        #expect(outcome == .ingested)
        return try kb.writer.read { db in try String.fetchOne(db, sql: "SELECT raw_text FROM sources WHERE path LIKE '%b-odd.txt'") }
    }

    @Test func emptyAndWhitespaceOnlyFilesAreRefused() throws {
        try expectRefused([], reason: "empty file")
        try expectRefused(Array(" \n\t\r\n ".utf8), reason: "only whitespace")
        try expectRefused([0xEF, 0xBB, 0xBF], reason: "only whitespace")
    }

    @Test func binaryFilesAreRefused() throws {
        try expectRefused(Array("text then".utf8) + [0] + Array("more".utf8), reason: "binary file (NUL byte at byte 9)")
        try expectRefused([UInt8](repeating: 0x01, count: 50) + Array("abc".utf8), reason: "binary file (mostly control bytes)")
    }

    @Test func invalidUTF8IsRefusedWithItsOffset() throws {
        try expectRefused(Array("Caf".utf8) + [0xE9] + Array(" au lait".utf8), reason: "invalid UTF-8 at byte 3")
        try expectRefused(Array("ab".utf8) + [0xC0, 0xAF], reason: "invalid UTF-8 at byte 2")          // overlong
        try expectRefused(Array("ab".utf8) + [0xED, 0xA0, 0x80], reason: "invalid UTF-8 at byte 2")    // surrogate
        try expectRefused(Array("abc".utf8) + [0xE2, 0x82], reason: "invalid UTF-8 at byte 3")         // truncated
    }

    @Test func oversizeFilesAreRefused() throws {
        try expectRefused(Array(String(repeating: "word ", count: 100).utf8), reason: "500 bytes is over the limit of 100 bytes (raise it with --max-bytes)", maxBytes: 100)
    }

    @Test func byteOrderMarksAndLineEndingsAreDecoded() throws {
        #expect(try storedText([0xEF, 0xBB, 0xBF] + Array("Élysée talks".utf8)) == "Élysée talks")
        let utf16LE: [UInt8] = [0xFF, 0xFE] + "Élysée 🇺🇦".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try storedText(utf16LE) == "Élysée 🇺🇦")
        let utf16BE: [UInt8] = [0xFE, 0xFF] + "Kyiv talks".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try storedText(utf16BE) == "Kyiv talks")
        #expect(try storedText(Array("Line one.\r\nLine two.\rLine three.".utf8)) == "Line one.\r\nLine two.\rLine three.")
        #expect(try storedText(Array("שלום עולם. مرحبا. e\u{301}te\u{301}".utf8)) == "שלום עולם. مرحبا. e\u{301}te\u{301}")
    }

    @Test func aMissingPathFailsAndTheOthersGoIn() throws {
        let folder = try Support.temporaryFolder()
        let good = folder.appendingPathComponent("dir with spaces/Zürich ünïcode.txt")
        try Support.write("Zürich – Talks opened.", to: good)
        let kb = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path)
        let missing = folder.appendingPathComponent("gone.txt").path
        let report = try kb.ingestRecording([missing, good.path])
        #expect(report.outcomes[0].outcome == .failed(reason: "cannot read: No such file or directory"))
        #expect(report.outcomes[1] == (good.path, .ingested))
        #expect(report.failed == 1 && report.ingested == 1)
        // The report itself keeps the failures only, with their reasons.
        #expect(report.report.failures.map(\.path) == [missing])
        #expect(report.report.failures.map(\.reason) == ["cannot read: No such file or directory"])
        #expect(report.report.documents == 2)
    }

    @Test func aDanglingSymlinkInAFolderIsReportedNotFatal() throws {
        let folder = try Support.temporaryFolder()
        try Support.write("Rome – Talks.", to: folder.appendingPathComponent("in/a.txt"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("in/b.txt").path, withDestinationPath: "nowhere.txt")
        let kb = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path)
        let report = try kb.ingest([folder.appendingPathComponent("in").path])
        #expect(report.ingested == 1 && report.failed == 1)
    }
}
