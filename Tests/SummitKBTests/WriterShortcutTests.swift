import Foundation
import GRDB
import Testing
@testable import SummitKB

/// The ingest writer takes shortcuts for speed: participant rows a commit already wrote are
/// not upserted again, and a proposal report that cannot move a winner does not recount
/// its proposal. Each shortcut must store exactly what the long way stores.
@Suite struct WriterShortcutTests {
    typealias Support = IngestTestSupport

    static func corpus(count: Int, seed: UInt64) throws -> String {
        let folder = try Support.temporaryFolder().appendingPathComponent("corpus")
        _ = try CorpusGenerator(seed: seed).write(count: count, to: folder)
        return folder.path
    }

    /// One commit per document never shares a participant cache between documents.
    @Test func groupedCommitsStoreWhatOneCommitPerDocumentStores() throws {
        let input = try Self.corpus(count: 120, seed: 11)
        let grouped = try KnowledgeBase()
        try grouped.ingest([input], options: IngestOptions(documentsPerCommit: 64))
        let single = try KnowledgeBase()
        try single.ingest([input], options: IngestOptions(documentsPerCommit: 1))
        #expect(try StableJSON.document(grouped.export()) == StableJSON.document(single.export()))
        #expect(try Support.tableCounts(grouped) == Support.tableCounts(single))
        try Support.expectIntegrity(grouped)  // the counts the cache raises match the claims
    }

    /// After an ingest, recounting every proposal from its voting sample changes nothing:
    /// the reports `add` did not recount could not have moved a winner.
    @Test func skippedRecountsLeaveEveryProposalAsAFullRecountWould() throws {
        let input = try Self.corpus(count: 150, seed: 12)
        let kb = try KnowledgeBase()
        try kb.ingest([input])
        let snapshot = "SELECT id, summary, status, conditions, meeting_id FROM proposals ORDER BY id"
        let before = try kb.writer.read { try Row.fetchAll($0, sql: snapshot) }
        #expect(before.count > 10)
        let after = try kb.writer.write { db in
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM proposals") {
                try ProposalMerger(db: db).refresh(proposalID: id)
            }
            return try Row.fetchAll(db, sql: snapshot)
        }
        #expect(before == after)
    }

    /// A participant a commit first wrote without a title gets the title a later document
    /// of the same commit gives, and an alias is written once.
    @Test func aLaterDocumentOfTheSameCommitFillsATitle() throws {
        var first = HandMadeArticle("Ines Varga spoke in Geneva.")
        first.mention("Ines Varga", kind: .person, lexicon: nil, aliases: ["Varga"])
        var second = HandMadeArticle("Foreign Minister Ines Varga spoke again.")
        second.mention("Ines Varga", kind: .person, title: "Foreign Minister", lexicon: nil, aliases: ["Varga"])
        let kb = try KnowledgeBase()
        try kb.writer.write { db in
            let store = SourceStore(db: db)  // one cache for both documents, as in one commit
            for (path, article) in [("a.txt", first), ("b.txt", second)] {
                let text = article.document.text
                let content = LoadedDocument.Content(sha256: SHA256.hexDigest(of: Array(text.utf8)), byteCount: text.utf8.count,
                                                     rawText: text, metadata: article.document.metadata)
                _ = try store.store(path: path, content: content) { article.result }
            }
        }
        let row = try kb.writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT title, (SELECT count(*) FROM participant_aliases a WHERE a.participant_id = p.id) AS aliases
                FROM participants p WHERE name = 'Ines Varga'
                """)
        }
        #expect(row?["title"] == "Foreign Minister")
        #expect(row?["aliases"] == 2)
    }
}
