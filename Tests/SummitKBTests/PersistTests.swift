import Foundation
import GRDB
import Testing
@testable import SummitKB

@Suite struct PersistTests {
    typealias Support = IngestTestSupport

    @Test func evidenceSpansAreCodePointOffsetsIntoTheStoredText() throws {
        let kb = try KnowledgeBase()
        var article = HandMadeArticle("Le sommet de l’Élysée — 5 € — réunit Volodymyr Zelenskyy 🇺🇦 et Friedrich Merz à Paris.\n\nÇa continue: Merz parle.")
        article.mention("Élysée Palace", kind: .organization, at: "Élysée")
        article.mention("Volodymyr Zelenskyy", kind: .person)
        article.mention("Friedrich Merz", kind: .person)
        article.mention("Friedrich Merz", kind: .person, at: "Merz parle")
        try Support.store(article.result, path: "fr.txt", in: kb)
        let rows = try kb.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT span_text, sentence FROM evidence_text ORDER BY id")
        }
        #expect(rows.map { $0["span_text"] as String } == ["Élysée", "Volodymyr Zelenskyy", "Friedrich Merz", "Merz parle"])
        #expect(rows.last?["sentence"] == "Ça continue: Merz parle.")
        // The library cuts the same sentences out of the source text as the view.
        let records = try kb.writer.read { db in try EvidenceRecord.order(Column("id")).fetchAll(db) }
        #expect(records.map(\.sentence) == rows.map { $0["sentence"] as String })
    }

    @Test func participantsAreUpsertedByKeyWithFoldedAliases() throws {
        let kb = try KnowledgeBase()
        var first = HandMadeArticle("Macron spoke.")
        first.mention("Emmanuel Macron", kind: .person, at: "Macron", title: nil, lexicon: "default", aliases: ["Macron"])
        try Support.store(first.result, path: "a.txt", in: kb)
        var second = HandMadeArticle("President Macron spoke again.")
        second.mention("Emmanuel Macron", kind: .person, at: "Macron", title: "President", lexicon: "mine.tsv", aliases: ["M. Macron"])
        try Support.store(second.result, path: "b.txt", in: kb)
        let participant = try #require(try kb.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM participants") })
        #expect(participant["title"] == "President")
        #expect(participant["lexicon"] == "default")
        let aliases = try kb.writer.read { db in try String.fetchAll(db, sql: "SELECT folded FROM participant_aliases ORDER BY folded") }
        #expect(aliases == ["emmanuel macron", "m macron", "macron"])
        #expect(try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM participants") } == 1)
    }

    @Test func unknownEntityKeysInRolesAreSkipped() throws {
        let kb = try KnowledgeBase()
        var article = HandMadeArticle("France met Ghana in Accra.")
        let france = article.mention("France")
        article.meetings = [ExtractedMeeting(kind: .meeting, name: "Accra meeting", city: "Accra", convener: "country:ghana",
                                             participants: [
                                                ExtractedRole(entity: france, role: .attendee, evidence: article.evidence("France", slot: "attendee")),
                                                ExtractedRole(entity: "country:ghana", role: .host, evidence: article.evidence("Ghana", slot: "host")),
                                             ], evidence: [article.evidence("met", slot: "meeting")])]
        #expect(try Support.store(article.result, path: "a.txt", in: kb) == .ingested)
        let roles = try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meeting_participants") }
        #expect(roles == 1)
        #expect(try kb.writer.read { db in try Int64?.fetchOne(db, sql: "SELECT convener_id FROM meetings") } == .some(nil))
    }

    /// New sources enter `sources_fts` once per commit (migration 0003); a source replaced
    /// in the commit that stored it was never indexed, and deleting it must not remove terms.
    @Test func replacingASourceTheSameCommitStoredKeepsTheTextIndexExact() throws {
        let kb = try KnowledgeBase()
        try Support.store(MeetingArticles.article(attendees: ["Germany"], extra: "Zanzibar."), path: "old.txt", in: kb)
        try kb.writer.write { (db: Database) throws -> Void in
            let store = SourceStore(db: db)
            for (path, extra) in [("a.txt", "Zanzibar."), ("a.txt", "Quixote."), ("b.txt", "Quixote.")] {
                let article = MeetingArticles.article(attendees: ["Italy"], extra: extra)
                let text = article.document.text
                _ = try store.store(path: path, content: Support.content(text, metadata: article.document.metadata)) { PreparedExtraction(article) }
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sources_fts WHERE sources_fts MATCH 'quixote'") == 0)
            try store.finishCommit()
        }
        try kb.writer.read { (db: Database) throws -> Void in
            let matches = "SELECT group_concat(s.path, ' ') FROM sources_fts JOIN sources s ON s.id = sources_fts.rowid WHERE sources_fts MATCH ?"
            #expect(try String.fetchOne(db, sql: matches, arguments: ["zanzibar"]) == "old.txt")
            #expect(try String.fetchOne(db, sql: matches, arguments: ["quixote"]) == "a.txt b.txt")
        }
        try Support.expectIntegrity(kb)  // includes the FTS5 integrity-check against the sources
    }

    @Test func replacementRemovesOldClaimsAndOrphanParticipantsAndKeepsFTSInSync() throws {
        let kb = try KnowledgeBase()
        try Support.store(MeetingArticles.article(attendees: ["Germany", "Italy"], extra: "Zanzibar."), path: "a.txt", in: kb)
        try Support.store(MeetingArticles.article(attendees: ["Germany", "Italy"], extra: "Other."), path: "other.txt", in: kb)
        let replaced = try Support.store(MeetingArticles.article(attendees: ["Spain", "Italy"], extra: "Quixote."), path: "a.txt", in: kb)
        #expect(replaced == .replaced)
        try kb.writer.read { (db: Database) throws -> Void in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sources_fts WHERE sources_fts MATCH 'zanzibar'") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sources_fts WHERE sources_fts MATCH 'quixote'") == 1)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM participants ORDER BY name") == ["Emmanuel Macron", "Germany", "Italy", "Spain"])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM meetings") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM meeting_reports") == 2)
        }
        // Once no source names Germany any more, it goes.
        try Support.store(MeetingArticles.article(attendees: ["Spain", "Italy"], extra: "Again."), path: "other.txt", in: kb)
        #expect(try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM participants WHERE name = 'Germany'") } == 0)
        try Support.expectIntegrity(kb)
    }

    @Test func sourceRowCarriesCountsAndExtractorVersion() throws {
        let kb = try KnowledgeBase()
        #expect(try kb.ingest(text: "Zwei Wörter hier.", path: "de.txt", metadata: ArticleMetadata(published: "2025-02-17")) == .ingested)
        let row = try #require(try kb.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM sources") })
        #expect(row["byte_count"] == 18)
        #expect(row["word_count"] == 3)
        #expect(row["published"] == "2025-02-17")
        #expect(row["extractor_version"] == ExtractionResources.extractorVersion)
        #expect(row["sha256"] == SHA256.hexDigest(of: Array("Zwei Wörter hier.".utf8)))
    }

    /// Lengths around the 64-byte block and the 56-byte padding boundary, against Python's hashlib.
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
        (128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
    ])
    func sha256OfBlockBoundaryLengths(length: Int, digest: String) {
        #expect(SHA256.hexDigest(of: [UInt8](repeating: 0x61, count: length)) == digest)
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hexDigest(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hexDigest(of: [UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
