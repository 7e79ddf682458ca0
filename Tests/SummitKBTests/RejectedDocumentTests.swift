import Foundation
import GRDB
import Testing
@testable import SummitKB

/// The writer stores a commit's documents without a savepoint each, and writes the group
/// again with savepoints only when the schema rejects one. Either way a rejected document
/// must leave nothing behind, and the others must be stored as if it had never been there.
@Suite struct RejectedDocumentTests {
    typealias Support = IngestTestSupport

    /// Makes the schema reject the document stored under `path`, once some of its rows are
    /// written: the trigger fires on its first evidence row, after its source and participants.
    static func reject(_ path: String, in kb: KnowledgeBase) throws {
        try kb.writer.writeWithoutTransaction { db in
            try db.execute(sql: """
                CREATE TEMP TRIGGER reject_for_test AFTER INSERT ON evidence
                WHEN new.source_id = (SELECT id FROM sources WHERE path = '\(path.replacingOccurrences(of: "'", with: "''"))')
                BEGIN SELECT RAISE(ABORT, 'rejected by the test'); END
                """)
        }
    }

    @Test func aRejectedDocumentLeavesTheRestOfItsCommitAsIfItWereAbsent() throws {
        let folder = try Support.temporaryFolder()
        let all = folder.appendingPathComponent("all"), kept = folder.appendingPathComponent("kept")
        let generator = CorpusGenerator(seed: 5)
        _ = try generator.write(count: 6, to: all)
        let rejected = all.appendingPathComponent(CorpusGenerator.fileName(for: 3)).path
        try FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
        for index in 0..<6 where index != 3 {
            let name = CorpusGenerator.fileName(for: index)
            try FileManager.default.copyItem(at: all.appendingPathComponent(name), to: kept.appendingPathComponent(name))
        }
        let before = try Support.temporaryFolder().appendingPathComponent("before.txt")
        try Support.write("Paris – Emmanuel Macron met Olaf Scholz in Paris on Monday.", to: before)

        let withRejection = try KnowledgeBase()
        try withRejection.ingest([before.path])
        try Self.reject(rejected, in: withRejection)
        let report = try withRejection.ingestRecording([all.path], options: IngestOptions(documentsPerCommit: 64))
        #expect(report.summary == "ingested 5, unchanged 0, replaced 0, failed 1")
        let failure = report.outcomes.first { $0.path == rejected }?.outcome
        #expect(failure == .failed(reason: "could not be stored: rejected by the test"))

        let without = try KnowledgeBase()
        try without.ingest([before.path])
        try without.ingest([kept.path], options: IngestOptions(documentsPerCommit: 64))
        #expect(try Support.tableCounts(withRejection) == Support.tableCounts(without))
        try Support.expectIntegrity(withRejection)
        // The same knowledge base, but for the folder in each path.
        let export = { (kb: KnowledgeBase) throws -> String in
            String(decoding: try StableJSON.document(kb.export()), as: UTF8.self)
                .replacingOccurrences(of: all.path, with: "FOLDER").replacingOccurrences(of: kept.path, with: "FOLDER")
        }
        #expect(try export(withRejection) == export(without))
    }

    @Test func aRejectedDocumentAloneInItsCommitStoresNothing() throws {
        let (kb, folder) = try Support.fileKnowledgeBase()
        let file = folder.appendingPathComponent("only.txt")
        try Support.write("Paris – Emmanuel Macron met Olaf Scholz in Paris on Monday.", to: file)
        let empty = try Support.tableCounts(kb)
        try Self.reject(file.path, in: kb)
        let report = try kb.ingest([file.path])
        #expect(report.failed == 1)
        #expect(try Support.tableCounts(kb) == empty)
    }

    /// A commit may span preparation batches. When the schema rejects a document near the
    /// end of one batch, the commit is written again from its first document and goes on
    /// into the next batch; every document comes out once, in input order.
    @Test func aCommitSpanningBatchesIsWrittenAgainAcrossTheBoundary() throws {
        // Where the second batch ends.
        let boundary = KnowledgeBase.ingestBatchSize(at: 0) + KnowledgeBase.ingestBatchSize(at: 1)
        let folder = try Support.temporaryFolder()
        _ = try CorpusGenerator(seed: 9).write(count: boundary + 20, to: folder)
        let rejected = folder.appendingPathComponent(CorpusGenerator.fileName(for: boundary - 6)).path
        let kb = try KnowledgeBase()
        try Self.reject(rejected, in: kb)
        let report = try kb.ingestRecording([folder.path], options: IngestOptions(documentsPerCommit: boundary + 10))
        #expect(report.summary == "ingested \(boundary + 19), unchanged 0, replaced 0, failed 1")
        #expect(report.outcomes.map(\.path) == (0..<(boundary + 20)).map { folder.appendingPathComponent(CorpusGenerator.fileName(for: $0)).path })
        #expect(report.outcomes.first { $0.path == rejected }?.outcome == .failed(reason: "could not be stored: rejected by the test"))
        #expect(try Support.tableCounts(kb)["sources"] == boundary + 19)
        try Support.expectIntegrity(kb)
    }
}
