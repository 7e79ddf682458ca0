import Foundation
import GRDB
import Testing
@testable import SummitKB

@Suite struct IngestTests {
    typealias Support = IngestTestSupport

    static let articles = [
        "Paris – President Emmanuel Macron hosted European leaders at the Élysée Palace on Monday.",
        "London – Prime Minister Keir Starmer spoke with President Zelenskyy by phone on Tuesday.",
        "Riyadh – American and Russian officials held talks in Saudi Arabia last week.",
    ]

    /// A folder with three articles (one in a subfolder), a hidden file, a sidecar and a symlink loop.
    static func corpus() throws -> URL {
        let folder = try Support.temporaryFolder()
        try Support.write(articles[0], to: folder.appendingPathComponent("in/b.txt"))
        try Support.write(articles[1], to: folder.appendingPathComponent("in/a.txt"))
        try Support.write(articles[2], to: folder.appendingPathComponent("in/sub/c.txt"))
        try Support.write("title: Hidden\n", to: folder.appendingPathComponent("in/.hidden.txt"))
        try Support.write("title: Talks in Riyadh\npublished: 2025-02-18\n", to: folder.appendingPathComponent("in/sub/c.txt.meta"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("in/sub/loop").path, withDestinationPath: "..")
        return folder
    }

    @Test func foldersAreWalkedSortedSkippingHiddenFilesSidecarsAndLoops() throws {
        let folder = try Self.corpus()
        let kb = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path)
        let input = folder.appendingPathComponent("in").path
        let report = try kb.ingestRecording([input + "/"])
        #expect(report.outcomes.map(\.path) == [input + "/a.txt", input + "/b.txt", input + "/sub/c.txt"])
        #expect(report.summary == "ingested 3, unchanged 0, replaced 0, failed 0")
        try Support.expectIntegrity(kb)
    }

    /// A commit spans batches, so the next batch is prepared while the writer holds its
    /// transaction. An in-memory base has a single connection: looking up the batch's stored
    /// fingerprints there waited for the writer, which waited for the batch.
    @Test func anInMemoryBaseIngestsACommitSpanningBatches() throws {
        let folder = try Support.temporaryFolder()
        let count = (0..<4).map(KnowledgeBase.ingestBatchSize(at:)).reduce(0, +) + 5
        _ = try CorpusGenerator(seed: 3).write(count: count, to: folder)
        let kb = try KnowledgeBase()
        // On another thread, so that a deadlock fails the test instead of hanging the run.
        let summaries = SummaryBox()
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            summaries.set((0..<2).map { _ in (try? kb.ingest([folder.path]).summary) ?? "failed" })
            finished.signal()
        }
        try #require(finished.wait(timeout: .now() + 120) == .success, "the ingest never finished")
        #expect(summaries.value == ["ingested \(count), unchanged 0, replaced 0, failed 0",
                                    "ingested 0, unchanged \(count), replaced 0, failed 0"])
    }

    /// A run's commits grow from 256 documents, doubling, up to the option's size; a size
    /// below that is every commit's size.
    @Test func commitsGrowUpToTheDocumentsPerCommit() {
        #expect((0..<6).map { KnowledgeBase.commitSize(at: $0, documentsPerCommit: 2048) } == [256, 512, 1024, 2048, 2048, 2048])
        #expect((0..<3).map { KnowledgeBase.commitSize(at: $0, documentsPerCommit: 600) } == [256, 512, 600])
        #expect((0..<3).map { KnowledgeBase.commitSize(at: $0, documentsPerCommit: 1) } == [1, 1, 1])
        #expect(KnowledgeBase.commitSize(at: 1_000, documentsPerCommit: 2048) == 2048)
    }

    private final class SummaryBox: @unchecked Sendable {
        private let lock = NSLock()
        private var summaries: [String] = []
        func set(_ value: [String]) { lock.withLock { summaries = value } }
        var value: [String] { lock.withLock { summaries } }
    }

    @Test func aSecondRunChangesNothing() throws {
        let folder = try Self.corpus()
        let kb = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path)
        let input = folder.appendingPathComponent("in").path
        _ = try kb.ingest([input])
        let changesBefore = try kb.writer.write { db in try Int.fetchOne(db, sql: "SELECT total_changes()") }
        let countsBefore = try Support.tableCounts(kb)
        let report = try kb.ingestRecording([input])
        #expect(report.unchanged == 3 && report.outcomes.count == 3)
        #expect(try kb.writer.write { db in try Int.fetchOne(db, sql: "SELECT total_changes()") } == changesBefore)
        #expect(try Support.tableCounts(kb) == countsBefore)
    }

    @Test func aChangedFileOrSidecarReplacesItsSource() throws {
        let folder = try Self.corpus()
        let kb = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path)
        let input = folder.appendingPathComponent("in").path
        _ = try kb.ingest([input])
        try Support.write("Berlin – Chancellor Merz met Zanzibar envoys.", to: folder.appendingPathComponent("in/a.txt"))
        try Support.write("title: Other title\n", to: folder.appendingPathComponent("in/sub/c.txt.meta"))
        let report = try kb.ingestRecording([input])
        #expect(report.outcomes.map(\.outcome) == [.replaced, .unchanged, .replaced])
        try kb.writer.read { (db: Database) throws -> Void in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sources") == 3)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sources_fts WHERE sources_fts MATCH 'zanzibar'") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sources_fts WHERE sources_fts MATCH 'starmer'") == 0)
        }
        try Support.expectIntegrity(kb)
    }

    @Test func theSameContentUnderAnotherPathIsAnotherSource() throws {
        let kb = try KnowledgeBase()
        #expect(try kb.ingest(text: Self.articles[0], path: "one.txt") == .ingested)
        #expect(try kb.ingest(text: Self.articles[0], path: "two.txt") == .ingested)
        #expect(try kb.ingest(text: Self.articles[0], path: "two.txt") == .unchanged)
        #expect(try kb.ingest(text: Self.articles[1], path: "two.txt") == .replaced)
    }

    @Test func aBadLexiconFailsBeforeAnythingIsWritten() throws {
        let folder = try Self.corpus()
        let kb = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path)
        let lexicon = folder.appendingPathComponent("bad.tsv")
        try Support.write("country\tFrance\n", to: lexicon)
        #expect(throws: SummitKBError.self) {
            try kb.ingest([folder.appendingPathComponent("in").path], options: IngestOptions(lexiconPaths: [lexicon.path]))
        }
        #expect(throws: SummitKBError.self) {
            try kb.ingest([folder.appendingPathComponent("in").path], options: IngestOptions(lexiconPaths: ["/nonexistent.tsv"]))
        }
        #expect(try Support.tableCounts(kb)["sources"] == 0)
    }

    @Test func manyDocumentsAcrossBatchesKeepInputOrder() throws {
        let folder = try Support.temporaryFolder()
        for index in 0..<150 {
            try Support.write("Article \(index): \(Self.articles[index % 3])", to: folder.appendingPathComponent(String(format: "in/%03d.txt", index)))
        }
        let kb = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path)
        let report = try kb.ingestRecording([folder.appendingPathComponent("in").path])
        #expect(report.ingested == 150)
        #expect(report.outcomes.map { ($0.path as NSString).lastPathComponent } == (0..<150).map { String(format: "%03d.txt", $0) })
    }

    @Test func aFolderIsWalkedInByteOrderOfItsNames() throws {
        let folder = try Support.temporaryFolder()
        // Byte order: capitals before lower case, and "ü" (0xC3 0xBC) after every ASCII letter.
        for name in ["zürich.txt", "b.txt", "Zz.txt", "zz.txt", "B.txt", "z.txt.meta", ".z.txt"] {
            try Support.write("Geneva – Talks opened.", to: folder.appendingPathComponent("in/" + name))
        }
        let kb = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path)
        let report = try kb.ingestRecording([folder.appendingPathComponent("in").path])
        #expect(report.outcomes.map { ($0.path as NSString).lastPathComponent } == ["B.txt", "Zz.txt", "b.txt", "zz.txt", "zürich.txt"])
    }
}
