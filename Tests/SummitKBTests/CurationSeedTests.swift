import Foundation
import Testing
@testable import SummitKB

/// The seed corrections file fixes the seed errors the gold finds, and the CLI runs it.
@Suite struct CurationSeedTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seeds = repository.appendingPathComponent("seeds").path
    static let seedCorrections = repository.appendingPathComponent("Tests/SummitKBTests/Fixtures/seed-corrections.jsonl").path

    @Test func seedCorrectionsBringAttendeesAndSupportersToOne() throws {
        let gold = try GoldDocument.load(directory: goldFixtureDirectory)
        let kb = try KnowledgeBase()
        // Paths are stored absolute; the file's `seeds/...` references match their tail.
        try kb.ingest([Self.seeds])
        let before = Evaluation.evaluate(export: try kb.export(), gold: gold).total
        // The one remaining seed error: France is extracted as a proposer where the gold has a supporter.
        #expect(before.supporters.correct == 1 && before.supporters.total == 2)

        let result = try kb.importCorrections(jsonLines: try String(contentsOfFile: Self.seedCorrections, encoding: .utf8))
        #expect(result == CorrectionImport(added: 2, alreadyPresent: 0))
        #expect(try kb.corrections().allSatisfy { $0.status == .applied })
        let after = Evaluation.evaluate(export: try kb.export(), gold: gold).total
        #expect(after.attendees.recall == 1 && after.attendees.precision == 1)
        #expect(after.supporters.correct == after.supporters.total && after.supporters.total == 2)
        #expect(after.proposers.correct == after.proposers.total)

        // A rebuild: corrections first, then the sources.
        let rebuilt = try KnowledgeBase()
        try rebuilt.importCorrections(jsonLines: try kb.exportCorrections())
        try rebuilt.ingest([Self.seeds])
        #expect(Evaluation.evaluate(export: try rebuilt.export(), gold: gold).total == after)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: IngestCommandTests.binary.path)))
    func curateCommandsRecordListExportAndImport() throws {
        let folder = try IngestTestSupport.temporaryFolder()
        try FileManager.default.copyItem(atPath: Self.seeds, toPath: folder.appendingPathComponent("seeds").path)
        #expect(try IngestCommandTests.run(["ingest", "--quiet", "seeds"], in: folder).status == 0)

        let imported = try IngestCommandTests.run(["curate", "import", Self.seedCorrections], in: folder)
        #expect(imported.status == 0 && imported.stdout == "added 2, already present 0\n")
        let again = try IngestCommandTests.run(["curate", "import", Self.seedCorrections], in: folder)
        #expect(again.stdout == "added 0, already present 2\n")

        let set = try IngestCommandTests.run(["curate", "set", "meeting", "seeds/003_b2d6b7b6bd686215.txt#0", "date_text",
                                              "Tuesday 4 March", "--author", "ana", "--reason", "the full date"], in: folder)
        #expect(set.status == 0 && set.stdout == "correction 3: applied\n")
        let bad = try IngestCommandTests.run(["curate", "set", "meeting", "seeds/none.txt#0", "kind", "party"], in: folder)
        #expect(bad.status == 1 && bad.stderr.hasPrefix("summitkb: correction: kind 'party' is not one of summit"))

        let list = try IngestCommandTests.run(["curate", "list"], in: folder)
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines.allSatisfy { $0.contains("\tapplied\t") })
        #expect(lines.count == 3 && lines[2].contains("ana") && lines[2].contains("the full date"))

        #expect(try IngestCommandTests.run(["curate", "export", "--output", "corrections.jsonl"], in: folder).status == 0)
        let exported = try String(contentsOf: folder.appendingPathComponent("corrections.jsonl"), encoding: .utf8)
        #expect(exported.split(separator: "\n").count == 3)

        let export = try IngestCommandTests.run(["export"], in: folder)
        let document = try ExportDocument(jsonData: Data(export.stdout.utf8))
        #expect(document.meetings.contains { $0.dateText == "Tuesday 4 March" && $0.origin == "corrected" })
    }
}
