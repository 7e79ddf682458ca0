import Foundation
import GRDB
import Testing
@testable import SummitKB

/// Every kind of correction holds after re-ingesting the same and a changed article, and
/// after a rebuild from the sources into a fresh database that imported the corrections.
@Suite struct CurationTests {
    typealias Support = IngestTestSupport

    /// Two reports of one Paris meeting (a.txt, b.txt), b.txt spelling Poland "Polska".
    static func articles(changed: Bool = false) -> [(path: String, result: ExtractionResult)] {
        [
            ("a.txt", MeetingArticles.article(extra: changed ? "Talks went on late into the night." : "")),
            ("b.txt", MeetingArticles.article(attendees: ["Germany", "Italy", "Polska"])),
        ]
    }

    static func ingest(_ articles: [(path: String, result: ExtractionResult)], into kb: KnowledgeBase) throws {
        for article in articles { try Support.store(article.result, path: article.path, in: kb) }
        try kb.applyCorrections()
    }

    /// Ingests, records `corrections`, then checks `holds` after each of: the correction,
    /// re-ingesting the same articles, a changed a.txt, and a rebuild into a fresh database.
    static func expectSurvives(_ corrections: [Correction], sourceLocation: SourceLocation = #_sourceLocation,
                               _ holds: (KnowledgeBase) throws -> Void) throws {
        let kb = try KnowledgeBase()
        try ingest(articles(), into: kb)
        for correction in corrections { try kb.record(correction, author: "ana", reason: "test") }
        try holds(kb)
        try ingest(articles(), into: kb)
        try holds(kb)
        try ingest(articles(changed: true), into: kb)
        try holds(kb)
        let afterReingest = try kb.corrections()
        #expect(afterReingest.allSatisfy { $0.status == .applied }, "\(afterReingest)", sourceLocation: sourceLocation)
        try Support.expectIntegrity(kb, sourceLocation: sourceLocation)

        let rebuilt = try KnowledgeBase()
        let imported = try rebuilt.importCorrections(jsonLines: try kb.exportCorrections())
        #expect(imported.added == corrections.count, sourceLocation: sourceLocation)
        // Nothing is ingested yet: every target is missing until ingest brings it.
        #expect(try rebuilt.corrections().allSatisfy { $0.status == .orphaned }, sourceLocation: sourceLocation)
        try ingest(articles(changed: true), into: rebuilt)
        try holds(rebuilt)
        let afterRebuild = try rebuilt.corrections()
        #expect(afterRebuild.allSatisfy { $0.status == .applied }, "\(afterRebuild)", sourceLocation: sourceLocation)
    }

    static func meetingCount(_ kb: KnowledgeBase) throws -> Int {
        try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meetings") ?? 0 }
    }

    static func meeting(_ kb: KnowledgeBase) throws -> ExportDocument.Meeting {
        try #require(try kb.export().meetings.first)
    }

    static func participant(_ kb: KnowledgeBase, _ name: String) throws -> ExportDocument.Participant? {
        try kb.export().participants.first { $0.name == name }
    }

    @Test func mergedParticipantsStayMerged() throws {
        try Self.expectSurvives([.mergeParticipants("Polska", into: "country:poland")]) { (kb: KnowledgeBase) throws in
            #expect(try Self.participant(kb, "Polska") == nil)
            let poland = try #require(try Self.participant(kb, "Poland"))
            #expect(poland.aliases.contains("Polska") && poland.origin == "corrected")
            #expect(try Self.meeting(kb).participants.filter { $0.participant == poland.id }.count == 1)
        }
    }

    @Test func mergedMeetingsStayOneMeeting() throws {
        // Different conveners and places: the automatic merge keeps them apart.
        let rome = MeetingArticles.article(city: "Rome", convener: "Giorgia Meloni")
        let kb = try KnowledgeBase()
        try Self.ingest(Self.articles() + [("c.txt", rome)], into: kb)
        #expect(try Self.meetingCount(kb) == 2)
        try kb.record(.mergeMeetings("c.txt#0", into: "a.txt#0"), author: "ana", reason: "one meeting")
        #expect(try Self.meetingCount(kb) == 1)
        try Self.ingest(Self.articles(changed: true) + [("c.txt", rome)], into: kb)
        #expect(try Self.meetingCount(kb) == 1)

        let rebuilt = try KnowledgeBase()
        try rebuilt.importCorrections(jsonLines: try kb.exportCorrections())
        try Self.ingest([("c.txt", rome)] + Self.articles(changed: true), into: rebuilt)
        #expect(try Self.meetingCount(rebuilt) == 1)
        #expect(try Self.meeting(rebuilt).sources.count == 3)
    }

    @Test func splitReportStaysApartAcrossReclustering() throws {
        try Self.expectSurvives([.splitReport("b.txt#0")]) { (kb: KnowledgeBase) throws in
            #expect(try Self.meetingCount(kb) == 2)
            #expect(try kb.export().meetings.allSatisfy { $0.sources.count == 1 })
        }
    }

    @Test func splitIsKeptWhateverTheIngestOrder() throws {
        let kb = try KnowledgeBase()
        try Self.ingest(Self.articles(), into: kb)
        try kb.record(.splitReport("a.txt#0"))
        let rebuilt = try KnowledgeBase()
        try rebuilt.importCorrections(jsonLines: try kb.exportCorrections())
        try Self.ingest(Self.articles().reversed(), into: rebuilt)
        #expect(try Support.canonicalMeetings(rebuilt) == Support.canonicalMeetings(kb))
        #expect(try Self.meetingCount(rebuilt) == 2)
    }

    @Test func renamesHold() throws {
        try Self.expectSurvives([
            .rename(.meeting, "a.txt#0", to: "Élysée leaders' meeting"),
            .rename(.participant, "Emmanuel Macron", to: "Emmanuel Jean-Michel Macron"),
        ]) { (kb: KnowledgeBase) throws in
            let meeting = try Self.meeting(kb)
            #expect(meeting.name == "Élysée leaders' meeting" && meeting.origin == "corrected")
            #expect(try Self.participant(kb, "Emmanuel Jean-Michel Macron")?.origin == "corrected")
        }
    }

    @Test func setSlotsHold() throws {
        try Self.expectSurvives([
            .set(.meeting, "paris|Monday|summit", field: "date_text", to: "Tuesday"),
            .set(.meeting, "a.txt#0", field: "place", to: "Versailles"),
            .set(.meeting, "a.txt#0", field: "convener", to: "Germany"),
            .set(.participant, "person:emmanuel macron", field: "country", to: "France"),
        ]) { (kb: KnowledgeBase) throws in
            let meeting = try Self.meeting(kb)
            #expect(meeting.dateText == "Tuesday" && meeting.city == "Versailles")
            #expect(meeting.convener == (try Self.participant(kb, "Germany"))?.id)
            #expect(try Self.participant(kb, "Emmanuel Macron")?.country == "France")
        }
    }

    @Test func addedRoleHolds() throws {
        try Self.expectSurvives([.addRole(participant: "Spain", at: "a.txt#0", role: .attendee, kind: .country)]) { (kb: KnowledgeBase) throws in
            let spain = try #require(try Self.participant(kb, "Spain"))
            #expect(spain.origin == "added")
            #expect(try Self.meeting(kb).participants.contains(.init(participant: spain.id, role: "attendee", origin: "added")))
        }
    }

    @Test func rejectedRoleStaysRejected() throws {
        try Self.expectSurvives([.rejectRole(participant: "Italy", at: "b.txt#0", role: .attendee)]) { (kb: KnowledgeBase) throws in
            let italy = try #require(try Self.participant(kb, "Italy"))
            #expect(try !Self.meeting(kb).participants.contains { $0.participant == italy.id })
        }
    }

    @Test func rejectedMeetingAndParticipantStayRejected() throws {
        try Self.expectSurvives([.reject(.participant, "Polska"), .reject(.meeting, "a.txt#0")]) { (kb: KnowledgeBase) throws in
            #expect(try Self.meetingCount(kb) == 0)
            #expect(try Self.participant(kb, "Polska") == nil)
        }
    }

    @Test func verifiedFactsStayVerifiedAndAloneInTheVerifiedExport() throws {
        try Self.expectSurvives([
            .verify(.meeting, "a.txt#0"), .verify(.participant, "Germany"),
            .verifyRole(participant: "Germany", at: "a.txt#0", role: .attendee),
        ]) { (kb: KnowledgeBase) throws in
            let verified = try kb.export(verifiedOnly: true)
            #expect(verified.participants.map(\.name) == ["Germany"])
            let meeting = try #require(verified.meetings.first)
            #expect(meeting.verified && meeting.participants.map(\.role) == ["attendee"] && meeting.participants[0].verified)
            #expect(try kb.export().participants.filter(\.verified).count == 1)
        }
    }

    @Test func correctionWhoseTargetDisappearedIsReportedOrphaned() throws {
        let kb = try KnowledgeBase()
        try Self.ingest(Self.articles(), into: kb)
        try kb.record(.set(.meeting, "b.txt#0", field: "status", to: "planned"))
        try kb.record(.reject(.participant, "Polska"))
        // b.txt now reports no meeting.
        try Support.store(HandMadeArticle("Nothing happened in Paris.").result, path: "b.txt", in: kb)
        let records = try kb.applyCorrections()
        #expect(records.map(\.status) == [.orphaned, .applied])
        #expect(records[0].statusNote == "no meeting report 'b.txt#0'")

        let fresh = try KnowledgeBase()
        try fresh.importCorrections(jsonLines: try kb.exportCorrections())
        #expect(try fresh.applyCorrections().map(\.status) == [.orphaned, .orphaned])
    }

    @Test func importIsIdempotentAndRejectsBadLines() throws {
        let kb = try KnowledgeBase()
        try Self.ingest(Self.articles(), into: kb)
        try kb.record(.verify(.participant, "Italy"), author: "ana", reason: "checked", at: Date(timeIntervalSince1970: 0))
        let file = try kb.exportCorrections()
        #expect(file == """
            {"action":"verify","author":"ana","created_at":"1970-01-01T00:00:00Z","payload":{},"reason":"checked","target":"country:italy","target_type":"participant"}

            """)
        #expect(try kb.importCorrections(jsonLines: file + file) == CorrectionImport(added: 0, alreadyPresent: 2))
        #expect(throws: SummitKBError.badCorrection(reason: "f.jsonl line 2: set of a meeting needs payload \"field\"")) {
            try kb.importCorrections(jsonLines: "# reviewed\n{\"action\":\"set\",\"target_type\":\"meeting\",\"target\":\"a.txt#0\"}",
                                     origin: "f.jsonl")
        }
        #expect(throws: SummitKBError.notFound(kind: "meeting", reference: "no meeting report 'z.txt#0'")) {
            try kb.record(.verify(.meeting, "z.txt#0"))
        }
    }

    @Test func idReferencesAreStoredAsStableReferences() throws {
        let kb = try KnowledgeBase()
        try Self.ingest(Self.articles(), into: kb)
        let meetingID = try Self.meeting(kb).id
        let record = try kb.record(.verify(.meeting, "id:\(meetingID)"))
        #expect(record.correction.target == "a.txt#0")
    }

    @Test func mustLinkAndCannotLinkDoNotDependOnOrder() {
        let reports = (1...3).map { index in
            MeetingReportSummary(
                id: Int64(index), meetingID: Int64(index), sourceID: Int64(index), sourceSHA256: "sha\(index)", ordinal: 0,
                kind: "summit", name: "Paris summit", city: "Paris", venue: nil, country: nil, date: "2025-02-17",
                dateText: "Monday", datePrecision: "day", status: "held", convenerID: 1, convenerName: "Emmanuel Macron",
                topic: nil, participantCount: nil, blockKey: "paris", published: nil, evidenceCount: 3, participants: [:])
        }
        let apart = MeetingLinkConstraints(cannotLink: [(1, 2)])
        #expect(MeetingMerger.clusters(of: reports).map { $0.map(\.id) } == [[1, 2, 3]])
        #expect(MeetingMerger.clusters(of: reports, constraints: apart).map { $0.map(\.id) } == [[1, 3], [2]])
        let together = MeetingLinkConstraints(mustLink: [(2, 3)], cannotLink: [(1, 3)])
        let swapped = MeetingLinkConstraints(mustLink: [(3, 2)], cannotLink: [(3, 1)])
        #expect(MeetingMerger.clusters(of: reports, constraints: together).map { $0.map(\.id) } == [[1], [2, 3]])
        #expect(MeetingMerger.clusters(of: reports, constraints: swapped).map { $0.map(\.id) } == [[1], [2, 3]])
    }
}

/// People's meeting links are loaded once per commit and again only when a stored document
/// could change what their references name (``MeetingLinkCache``).
@Suite struct MeetingLinkCacheTests {
    typealias Support = IngestTestSupport

    static let split = """
        {"action":"split","target":"b.txt#0","target_type":"meeting","payload":{"apart_from":["paris|Monday|summit"]}}
        """

    @Test func aReferenceMatchesItsPathExactlyOrAsASuffixAndItsReportKey() throws {
        let kb = try KnowledgeBase()
        try kb.importCorrections(jsonLines: Self.split)
        let constraints = try kb.writer.read { db in try MeetingLinkConstraints.load(db) }
        #expect(constraints.isEmpty)  // nothing stored yet: no pair
        #expect(constraints.mayChange(storingReportsFrom: "b.txt", keys: []))
        #expect(constraints.mayChange(storingReportsFrom: "/data/b.txt", keys: []))
        #expect(!constraints.mayChange(storingReportsFrom: "/data/bb.txt", keys: []))
        #expect(constraints.mayChange(storingReportsFrom: "c.txt", keys: ["berlin|Friday|talks", "paris|Monday|summit"]))
        #expect(!constraints.mayChange(storingReportsFrom: "c.txt", keys: ["paris|Tuesday|summit"]))
    }

    @Test func theCacheReloadsWhenAStoredDocumentIsReferenced() throws {
        let kb = try KnowledgeBase()
        try kb.importCorrections(jsonLines: Self.split)
        try Support.store(MeetingArticles.article(attendees: ["Germany", "Italy"]), path: "a.txt", in: kb)
        try kb.writer.write { (db: Database) throws -> Void in
            let store = SourceStore(db: db)
            let cache = store.commit.meetingLinks
            #expect(try cache.constraints(db).isEmpty)  // b.txt is not stored yet
            let article = MeetingArticles.article(attendees: ["Germany", "Poland"])
            let content = LoadedDocument.Content(sha256: "sha-b", byteCount: 1, rawText: article.document.text,
                                                 metadata: article.document.metadata)
            #expect(try store.store(path: "b.txt", content: content) { PreparedExtraction(article) } == .ingested)
            let reports = try Int64.fetchAll(db, sql: "SELECT id FROM meeting_reports ORDER BY id")
            let pairs = try cache.constraints(db).cannotLink
            #expect(pairs.map(\.0) == [reports[1]] && pairs.map(\.1) == [reports[0]])
            // So the merger kept b.txt's report out of a.txt's meeting within the same commit.
            #expect(try Int.fetchOne(db, sql: "SELECT count(DISTINCT meeting_id) FROM meeting_reports") == 2)
        }
    }
}
