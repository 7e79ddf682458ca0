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

    /// No thread of the run keeps the knowledge base alive after `ingest` returns: releasing
    /// it closes the file at once (the last connection checkpoints and deletes the WAL), so a
    /// caller can move, copy or remount the file right away.
    @Test func releasingTheKnowledgeBaseAfterAnIngestClosesTheFile() throws {
        let folder = try IngestTestSupport.temporaryFolder()
        let corpus = folder.appendingPathComponent("corpus")
        _ = try CorpusGenerator(seed: 32).write(count: 300, to: corpus)
        let path = folder.appendingPathComponent("kb.sqlite").path
        weak var released: KnowledgeBase?
        do {
            let kb = try KnowledgeBase(path: path)
            released = kb
            try kb.ingest([corpus.path])
        }
        #expect(released == nil)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func anInMemoryBaseHasNoCheckpointer() throws {
        #expect(try BackgroundCheckpointer(path: ":memory:") == nil)
    }
}
