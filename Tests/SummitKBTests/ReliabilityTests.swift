import Foundation
import GRDB
import Testing
@testable import SummitKB

/// Regressions found by the fuzzer (scripts/fuzz.sh) and the crash test, one test each.
@Suite struct ReliabilityTests {
    /// Fuzzer finding: a word with a digit before a dotted capital ("U1.S.") sent the
    /// tokenizer back to the word's start, appending empty tokens until memory ran out.
    @Test func aDigitInADottedAbbreviationDoesNotLoopForever() throws {
        let document = Document(text: "Talks between the U1.S. and Ab1.C delegations, and A1.B.")
        #expect(document.tokens.map { document.string($0.range) } == [
            "Talks", "between", "the", "U1", ".", "S", ".", "and", "Ab1", ".", "C", "delegations", ",", "and", "A1", ".", "B", ".",
        ])
        #expect(document.tokens.allSatisfy { $0.range.count > 0 })
    }

    /// User values are bound parameters: a path, a search and names built to break out of a
    /// quoted SQL string leave the schema and the data exactly as they were, and the command
    /// line ends with an exit status (never a crash), whatever the query commands do with them.
    @Test func injectedNamesNeverChangeTheSchemaOrTheData() throws {
        let folder = try IngestTestSupport.temporaryFolder()
        let hostile = folder.appendingPathComponent("in/x'; DROP TABLE sources; --\".txt")
        try IngestTestSupport.write("Paris – President Emmanuel Macron met Chancellor Olaf Scholz in Berlin on Monday.", to: hostile)
        let path = folder.appendingPathComponent("kb.sqlite").path
        do {
            let kb = try KnowledgeBase(path: path)
            #expect(try kb.ingestRecording([hostile.path]).outcomes.map(\.outcome) == [.ingested])
            #expect(try kb.ingest(text: "Rome – Talks.", path: "') OR 1=1; DELETE FROM sources; --") == .ingested)
            #expect(try kb.writer.read { db in try String.fetchAll(db, sql: "SELECT path FROM sources ORDER BY id") }
                    == [hostile.path, "') OR 1=1; DELETE FROM sources; --"])
        }
        let before = try HostileStorageTests.snapshot(KnowledgeBase(path: path, mode: .readOnly))
        let binary = IngestCommandTests.binary.path
        if FileManager.default.isExecutableFile(atPath: binary) {
            for arguments in [
                ["search", "\") OR 1=1 --"], ["search", "x' OR '1'='1"], ["search", "*"], ["search", "NEAR(\"a\" \"b\", -1)"],
                ["show", "participant", "x' OR '1'='1"], ["show", "meeting", "1 OR 1=1"], ["participants", "--name", "'; DROP TABLE participants; --"],
                ["meetings", "--city", "x' UNION SELECT sql FROM sqlite_master --"], ["sources"],
            ] {
                let run = try ConcurrencyTests.capture(binary, arguments + ["--db", path], in: folder)
                #expect([0, 1, 64].contains(run.status), "\(arguments): status \(run.status) \(run.stderr)")
            }
        }
        #expect(try HostileStorageTests.snapshot(KnowledgeBase(path: path, mode: .readOnly)) == before)
    }
}
