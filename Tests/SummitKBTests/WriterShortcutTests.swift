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

    /// Evidence rows are written several to an INSERT: a document with more rows than one
    /// INSERT takes keeps every row, in the order the extractor found them, with its subject.
    @Test func evidenceWrittenSeveralToAStatementKeepsEveryRowInOrder() throws {
        let mentions = 3 * SourceStore.evidenceRowsPerInsert + 5
        let text = "Geneva – Ukraine and Russia held talks on Monday. "
            + Array(repeating: "Ukraine said so.", count: mentions).joined(separator: " ")
        let kb = try KnowledgeBase()
        #expect(try kb.ingest(text: text, path: "many.txt") == .ingested)
        let rows = try kb.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.id, e.start, e.slot, p.name FROM evidence e LEFT JOIN participants p ON p.id = e.participant_id
                ORDER BY e.id
                """)
        }
        let ukraine = rows.filter { $0["slot"] == "mention" && $0["name"] == "Ukraine" }
        #expect(ukraine.count == mentions + 1)
        let starts: [Int] = ukraine.map { $0["start"] }
        #expect(starts == starts.sorted())  // ids follow the text, as one INSERT per row gave them
        // The meeting report's own rows, flushed in the middle of the document, are there too.
        #expect(rows.contains { $0["slot"] == "meeting" })
        try Support.expectIntegrity(kb)
    }

    /// People's corrections are applied again once per commit, not after every document:
    /// grouping the documents differently must not change what a curated base holds.
    @Test func correctionsGiveTheSameResultWhateverTheCommitSize() throws {
        let input = try Self.corpus(count: 120, seed: 11)
        let curated = try KnowledgeBase()
        try curated.ingest([input])
        let (people, reports, lone, proposal) = try curated.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT key FROM participants WHERE kind = 'person' ORDER BY mention_count DESC, key LIMIT 4"),
             try String.fetchAll(db, sql: """
                SELECT s.path || '#' || r.ordinal FROM meeting_reports r JOIN sources s ON s.id = r.source_id
                JOIN meetings m ON m.id = r.meeting_id WHERE m.report_count > 1 ORDER BY s.path, r.ordinal LIMIT 2
                """),
             try String.fetchOne(db, sql: """
                SELECT s.path || '#' || r.ordinal FROM meeting_reports r JOIN sources s ON s.id = r.source_id
                JOIN meetings m ON m.id = r.meeting_id WHERE m.report_count = 1 ORDER BY s.path, r.ordinal LIMIT 1
                """),
             try String.fetchOne(db, sql: "SELECT merge_key FROM proposals ORDER BY report_count DESC, merge_key LIMIT 1"))
        }
        try #require(people.count == 4 && reports.count == 2 && lone != nil && proposal != nil)
        for correction in [
            Correction.mergeParticipants(people[3], into: people[2]), .rename(.participant, people[1], to: "Renamed Person"),
            .verify(.participant, people[0]), .splitReport(reports[0]), .set(.meeting, reports[1], field: "city", to: "Geneva"),
            .reject(.proposal, proposal!), .mergeMeetings(lone!, into: reports[1]),
        ] {
            try curated.record(correction)
        }
        let corrections = try curated.exportCorrections()
        var exports: [String] = []
        for documentsPerCommit in [1, 64] {
            let kb = try KnowledgeBase()
            try kb.importCorrections(jsonLines: corrections)
            try kb.ingest([input], options: IngestOptions(documentsPerCommit: documentsPerCommit))
            #expect(try kb.corrections().map(\.status) == Array(repeating: .applied, count: 7))
            try Support.expectIntegrity(kb)
            exports.append(try Self.exportNamingParticipants(kb))
        }
        #expect(exports[0] == exports[1])
        #expect(exports[0].contains("Renamed Person") && exports[0].contains("Geneva"))
    }

    /// The export with every participant id replaced by the participant's kind and name,
    /// and without proposal ids (nothing refers to them). Those row ids depend on how often
    /// a merged-away duplicate or a rejected proposal was re-created before a correction
    /// pass removed it again; what the base holds must not.
    static func exportNamingParticipants(_ kb: KnowledgeBase) throws -> String {
        let export = try JSONSerialization.jsonObject(with: StableJSON.document(kb.export())) as? [String: Any] ?? [:]
        let participants = export["participants"] as? [[String: Any]] ?? []
        let names = Dictionary(uniqueKeysWithValues: participants.map { ($0["id"] as? Int ?? -1, "\($0["kind"] ?? ""):\($0["name"] ?? "")") })
        func named(_ value: Any, key: String?) -> Any {
            switch value {
            case let object as [String: Any]:
                return Dictionary(uniqueKeysWithValues: object.filter { !(["participants", "proposals"].contains(key) && $0.key == "id") }
                    .map { ($0.key, named($0.value, key: $0.key)) })
            case let array as [Any]: return array.map { named($0, key: key) }
            case let id as Int where key == "participant" || key == "convener": return names[id] ?? "unknown id \(id)"
            default: return value
            }
        }
        var renamed = named(export, key: nil) as? [String: Any] ?? [:]
        renamed["participants"] = (renamed["participants"] as? [[String: Any]] ?? [])
            .sorted { "\($0["kind"] ?? ""):\($0["name"] ?? "")" < "\($1["kind"] ?? ""):\($1["name"] ?? "")" }
        return String(decoding: try JSONSerialization.data(withJSONObject: renamed, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self)
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
                _ = try store.store(path: path, content: Support.content(text, metadata: article.document.metadata)) { PreparedExtraction(article.result) }
            }
            try store.finishCommit()
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

    /// The mentions a commit adds to participants it already wrote are counted when it ends:
    /// that must stay exact when documents of the same commit are replaced, and when a
    /// participant counted that way is deleted and its id given to a new participant.
    @Test func countsLeftForTheCommitStayExactThroughReplacements() throws {
        func article(_ text: String, naming names: [String]) -> ExtractionResult {
            var article = HandMadeArticle(text)
            for name in names { article.mention(name, kind: .person, lexicon: nil) }
            return article.result
        }
        let kb = try KnowledgeBase()
        try kb.writer.write { db in
            let store = SourceStore(db: db)
            for (path, text, names) in [
                ("a.txt", "Ines Varga spoke. Ines Varga left.", ["Ines Varga"]),
                ("b.txt", "Ines Varga spoke again.", ["Ines Varga"]),  // counted when the commit ends
                ("c.txt", "Ines Varga and Jon Okafor met.", ["Ines Varga", "Jon Okafor"]),
                ("a.txt", "Nobody spoke.", []),
                ("c.txt", "Nobody met.", []),
                ("b.txt", "Still nobody.", []),  // Ines Varga is deleted, so is Jon Okafor
                ("d.txt", "Ada Kim spoke. Ada Kim left.", ["Ada Kim"]),  // a new row, maybe with a freed id
                ("e.txt", "Ada Kim spoke again.", ["Ada Kim"]),
            ] {
                let result = article(text, naming: names)
                _ = try store.store(path: path, content: Support.content(text, metadata: result.document.metadata)) { PreparedExtraction(result) }
            }
            try store.finishCommit()
        }
        try Support.expectIntegrity(kb)
        let rows = try kb.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT name, mention_count, source_count FROM participants ORDER BY name")
                .map { "\($0["name"] as String) \($0["mention_count"] as Int) \($0["source_count"] as Int)" }
        }
        #expect(rows == ["Ada Kim 2 2"])
    }
}
