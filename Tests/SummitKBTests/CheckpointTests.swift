import Foundation
import GRDB
import Testing
@testable import SummitKB

/// During an ingest the WAL is copied into the database file by ``BackgroundCheckpointer``,
/// not by the writer: the writer's own checkpoint waits for 128 MB of WAL.
@Suite struct CheckpointTests {
    @Test func anIngestLeavesItsCommitsCopiedIntoTheDatabaseFile() throws {
        let (kb, folder) = try IngestTestSupport.fileKnowledgeBase()
        let corpus = folder.appendingPathComponent("corpus")
        _ = try CorpusGenerator(seed: 31).write(count: 30, to: corpus)
        try kb.ingest([corpus.path], options: IngestOptions(documentsPerCommit: 8))
        // The database file alone, without its WAL, while the knowledge base is still open
        // (closing the last connection would checkpoint it anyway).
        let copy = folder.appendingPathComponent("without-wal.sqlite")
        try FileManager.default.copyItem(atPath: kb.path, toPath: copy.path)
        var configuration = Configuration()
        configuration.readonly = true
        let alone = try DatabaseQueue(path: copy.path, configuration: configuration)
        #expect(try alone.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sources") } == 30)
        try alone.close()
    }

    @Test func anInMemoryBaseHasNoCheckpointer() throws {
        #expect(try BackgroundCheckpointer(path: ":memory:") == nil)
    }
}
