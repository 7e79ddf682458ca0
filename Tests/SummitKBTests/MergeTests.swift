import Foundation
import GRDB
import Testing
@testable import SummitKB

@Suite struct MergeTests {
    typealias Support = IngestTestSupport

    @Test func twoSourcesReportingOneMeetingBecomeOneMeeting() throws {
        let kb = try KnowledgeBase()
        try Support.store(MeetingArticles.article(extra: "First outlet."), path: "a.txt", in: kb)
        try Support.store(MeetingArticles.article(extra: "Second outlet."), path: "b.txt", in: kb)
        let reasons = try kb.writer.read { db in
            try String?.fetchAll(db, sql: "SELECT merge_reason FROM meeting_reports ORDER BY id")
        }
        #expect(try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meetings") } == 1)
        #expect(reasons.count == 2)
        let reason = try #require(reasons[0])
        #expect(reason.contains("same place Paris"))
        #expect(reason.contains("same convener Emmanuel Macron"))
        #expect(reason.contains("3 shared participants: Germany, Italy, Poland"))
        let sources = try kb.writer.read { db in try String.fetchOne(db, sql: "SELECT sources FROM meeting_overview") }
        #expect(sources == "a.txt; b.txt")
        try Support.expectIntegrity(kb)
    }

    @Test func aReportJoiningAMeetingIsStoredStraightInIt() throws {
        let kb = try KnowledgeBase()
        try Support.store(MeetingArticles.article(extra: "First outlet."), path: "a.txt", in: kb)
        let statements = try Support.statements(runBy: kb, expanded: true) {
            try Support.store(MeetingArticles.article(extra: "Second outlet."), path: "b.txt", in: kb)
        }
        // No meeting made for b's report, nor deleted when it merged, nor the report moved after.
        #expect(!statements.contains { $0.hasPrefix("INSERT INTO meetings") })
        #expect(!statements.contains { $0.hasPrefix("DELETE FROM meetings") })
        #expect(!statements.contains { $0.hasPrefix("UPDATE meeting_reports SET meeting_id") })
        let rows = try kb.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT r.meeting_id, r.merge_reason, m.report_count, m.source_count FROM meeting_reports r JOIN meetings m ON m.id = r.meeting_id ORDER BY r.id")
        }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0["meeting_id"] as Int64 == rows[0]["meeting_id"] as Int64 })
        #expect(rows.allSatisfy { ($0["merge_reason"] as String?) != nil })
        #expect(rows[0]["report_count"] as Int == 2)
        #expect(rows[0]["source_count"] as Int == 2)
        let roles = try kb.writer.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM meeting_participants mp JOIN meeting_reports r ON r.id = mp.meeting_report_id
                WHERE mp.meeting_id <> r.meeting_id
                """)
        }
        #expect(roles == 0)
        try Support.expectIntegrity(kb)
    }

    /// Merge candidates are read from the block indexes alone (migration 0007): on a large
    /// base a candidate's row is a random page of a table far larger than the page cache.
    /// Every shape of the candidate query (a dated report's dated and undated candidates,
    /// with and without a published date, an undated report's by published date or whole
    /// block) must be a covering-index search of its block, and of each candidate's participants.
    @Test func mergeCandidatesAreReadFromTheBlockIndexesAlone() throws {
        let kb = try KnowledgeBase()
        let statements = try Support.statements(runBy: kb) {
            try Support.store(MeetingArticles.article(extra: "Dated, published.", published: "2025-02-18"), path: "a.txt", in: kb)
            try Support.store(MeetingArticles.article(extra: "Dated, unpublished."), path: "b.txt", in: kb)
            try Support.store(MeetingArticles.article(date: nil, extra: "Undated, published.", published: "2025-02-18"),
                              path: "c.txt", in: kb)
            try Support.store(MeetingArticles.article(date: nil, extra: "Undated, unpublished."), path: "d.txt", in: kb)
        }
        let candidateQueries = Set(statements.filter { $0.contains("INDEXED BY meeting_reports_block") })
        #expect(candidateQueries.count == 5)
        for sql in candidateQueries {
            let plan = try Support.queryPlan(sql, in: kb, placeholder: "x".databaseValue).joined(separator: "\n")
            #expect(plan.contains("USING COVERING INDEX meeting_reports_block") && plan.contains("block_key=?"), "\(sql)\n\(plan)")
            #expect(plan.contains("SEARCH mp USING COVERING INDEX sqlite_autoindex_meeting_participants_1 (meeting_report_id=?)"),
                    "\(sql)\n\(plan)")
        }
        #expect(try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meetings") } == 1)
        try Support.expectIntegrity(kb)
    }

    @Test func meetingsInOneCityOnDifferentDaysStayTwo() throws {
        let kb = try KnowledgeBase()
        try Support.store(MeetingArticles.article(date: "2025-02-17", dateText: "Monday"), path: "a.txt", in: kb)
        try Support.store(MeetingArticles.article(date: "2025-03-06", dateText: "Thursday"), path: "b.txt", in: kb)
        #expect(try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meetings") } == 2)
    }

    @Test func reportsOfOneSourceNeverMerge() throws {
        let kb = try KnowledgeBase()
        var article = HandMadeArticle("Macron met Germany and Italy in Paris. Macron met Germany and Italy in Paris again.")
        let macron = article.mention("Emmanuel Macron", kind: .person, at: "Macron")
        let germany = article.mention("Germany"), italy = article.mention("Italy")
        let roles = [germany, italy].map { ExtractedRole(entity: $0, role: .attendee, evidence: article.evidence("Germany", slot: "attendee")) }
        let meeting = ExtractedMeeting(kind: .meeting, name: "Paris meeting", city: "Paris", convener: macron, participants: roles,
                                       evidence: [article.evidence("met", slot: "meeting")])
        article.meetings = [meeting, meeting]
        try Support.store(article.result, path: "a.txt", in: kb)
        #expect(try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meetings") } == 2)
    }

    @Test func thinEvidenceDoesNotMerge() throws {
        let kb = try KnowledgeBase()
        // Same city, but different convener, no date and only one shared participant: one agreement.
        try Support.store(MeetingArticles.article(date: nil, dateText: "recently", convener: "Emmanuel Macron",
                                                  attendees: ["Germany", "Italy"]), path: "a.txt", in: kb)
        try Support.store(MeetingArticles.article(date: nil, dateText: "lately", convener: "Keir Starmer",
                                                  attendees: ["Germany", "Spain"]), path: "b.txt", in: kb)
        #expect(try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meetings") } == 2)
    }

    @Test func ingestOrderDoesNotChangeTheMeetings() throws {
        let articles: [(String, ExtractionResult)] = [
            ("a.txt", MeetingArticles.article(extra: "A.")),
            ("b.txt", MeetingArticles.article(date: nil, dateText: "Monday", convener: nil, extra: "B.")),
            ("c.txt", MeetingArticles.article(date: "2025-02-18", dateText: "Tuesday", extra: "C.")),
            ("d.txt", MeetingArticles.article(date: "2025-03-06", dateText: "Thursday", extra: "D.")),
            ("e.txt", MeetingArticles.article(city: "London", date: "2025-03-02", dateText: "Sunday", convener: "Keir Starmer", extra: "E.")),
            ("f.txt", MeetingArticles.article(kind: .call, extra: "F.")),
        ]
        let forward = try KnowledgeBase()
        for (path, result) in articles { try Support.store(result, path: path, in: forward) }
        let backward = try KnowledgeBase()
        for (path, result) in articles.reversed() { try Support.store(result, path: path, in: backward) }
        let dump = try Support.canonicalMeetings(forward)
        #expect(dump == (try Support.canonicalMeetings(backward)))
        // b's "Monday" contradicts c's resolved Tuesday, so they never share a meeting;
        // d (other date), e (London) and f (a call) stand alone.
        #expect(dump.count == 5)
    }

    @Test func aBridgingReportNeverJoinsContradictingReports() throws {
        let kb = try KnowledgeBase()
        // a (Monday) and c (Wednesday) contradict; b (Tuesday) agrees with both but can join only one.
        try Support.store(MeetingArticles.article(date: "2025-02-17", dateText: "Monday", extra: "A."), path: "a.txt", in: kb)
        try Support.store(MeetingArticles.article(date: "2025-02-19", dateText: "Wednesday", extra: "C."), path: "c.txt", in: kb)
        #expect(try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meetings") } == 2)
        try Support.store(MeetingArticles.article(date: "2025-02-18", dateText: "Tuesday", extra: "B."), path: "b.txt", in: kb)
        #expect(try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meetings") } == 2)
        let sharedMeetings = try kb.writer.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM meeting_reports a JOIN meeting_reports c ON a.meeting_id = c.meeting_id
                JOIN sources sa ON sa.id = a.source_id JOIN sources sc ON sc.id = c.source_id
                WHERE sa.path = 'a.txt' AND sc.path = 'c.txt'
                """)
        }
        #expect(sharedMeetings == 0)
        let replacement = HandMadeArticle("Nothing about meetings here.").result
        #expect(try Support.store(replacement, path: "b.txt", in: kb) == .replaced)
        #expect(try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meetings") } == 2)
        #expect(try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meeting_reports WHERE merge_reason IS NOT NULL") } == 0)
        try Support.expectIntegrity(kb)
    }

    @Test func mergedSlotsTakeTheMostSupportedValue() throws {
        let kb = try KnowledgeBase()
        try Support.store(MeetingArticles.article(kind: .summit, extra: "A."), path: "a.txt", in: kb)
        try Support.store(MeetingArticles.article(kind: .meeting, extra: "B."), path: "b.txt", in: kb)
        try Support.store(MeetingArticles.article(kind: .meeting, extra: "C."), path: "c.txt", in: kb)
        let kind = try kb.writer.read { db in try String.fetchOne(db, sql: "SELECT kind FROM meetings") }
        #expect(kind == "meeting")
    }

    @Test func proposalsWithTheSameContentWordsMergeAndFollowTheirMeeting() throws {
        let kb = try KnowledgeBase()
        for (path, summary) in [("a.txt", "Deploy peacekeeping troops to Ukraine"), ("b.txt", "deploy the peacekeeping troops in Ukraine")] {
            var article = HandMadeArticle("Macron hosted leaders from Germany, Italy, Poland in Paris on Monday. \(summary).")
            let result = MeetingArticles.article(extra: "\(summary).")
            article = HandMadeArticle(result.document.text)
            var full = result
            full.proposals = [ExtractedProposal(summary: summary, kind: "troop deployment", meeting: 0,
                                                evidence: [article.evidence(summary, slot: "proposal")])]
            try Support.store(full, path: path, in: kb)
        }
        let rows = try kb.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT p.merge_key, p.meeting_id, (SELECT min(id) FROM meetings) AS meeting FROM proposals p")
        }
        #expect(rows.count == 1)
        #expect(rows.first?["merge_key"] == "troop deployment|deploy peacekeeping troops ukraine")
        #expect(rows.first?["meeting_id"] as Int64? == rows.first?["meeting"] as Int64?)
        try Support.expectIntegrity(kb)
    }

    @Test func blockKeysAndCompatibilityRules() {
        #expect(MeetingReportComparison.blockKey(city: "Élysée", venue: nil, country: nil, kind: "summit", sourceSHA256: "x") == "elysee")
        #expect(MeetingReportComparison.blockKey(city: nil, venue: nil, country: "France", kind: "summit", sourceSHA256: "x") == "france")
        #expect(MeetingReportComparison.blockKey(city: nil, venue: nil, country: nil, kind: "call", sourceSHA256: "x") == "virtual")
        #expect(MeetingReportComparison.blockKey(city: nil, venue: nil, country: nil, kind: "talks", sourceSHA256: "x") == "none:x")
        #expect(MeetingReportComparison.kindsCompatible("summit", "conference"))
        #expect(MeetingReportComparison.kindsCompatible("talks", "meeting"))
        #expect(!MeetingReportComparison.kindsCompatible("call", "summit"))
        #expect(MeetingReportComparison.dayNumber("1970-01-01") == 0)
        #expect(MeetingMerger.isoDate(MeetingReportComparison.dayNumber("2024-02-29")! + 1) == "2024-03-01")
        #expect(ProposalMerger.mergeKey(kind: "ceasefire", summary: "A ceasefire of 30 days") == "ceasefire|30 ceasefire days")
    }

    /// The counted comparison the merge uses and the worded reason it stores say the same:
    /// a shared convener is one piece, not also a shared participant; two other shared
    /// participants make one more; strength counts every shared participant.
    @Test func agreementIsCountedAsItIsWorded() {
        func report(source: Int64, date: String?, convener: Int64?, participants: [Int64: String]) -> MeetingReportSummary {
            MeetingReportSummary(
                id: source, meetingID: source, sourceID: source, sourceSHA256: "\(source)", ordinal: 0, kind: "summit",
                name: "Summit", city: "Paris", venue: nil, country: nil, date: date, dateText: nil, datePrecision: "day",
                status: "held", convenerID: convener, convenerName: convener.map { participants[$0] ?? "#\($0)" },
                topic: nil, participantCount: nil, blockKey: "paris", published: nil, evidenceCount: 1,
                participants: participants)
        }
        let people: [Int64: String] = [1: "Emmanuel Macron", 2: "Keir Starmer", 3: "Friedrich Merz"]
        let a = report(source: 1, date: nil, convener: 1, participants: people)
        let b = report(source: 2, date: nil, convener: 1, participants: people)
        let agreement = MeetingReportComparison.comparison(a, b)
        #expect(agreement?.pieces == 3)
        #expect(agreement?.sharedParticipants == 3)
        #expect(MeetingReportComparison.agreement(a, b)
            == "same place Paris; same convener Emmanuel Macron; 2 shared participants: Friedrich Merz, Keir Starmer")
        #expect(MeetingReportComparison.strength(a, b) == 3 * 100 + 3 * 5 + 2 + 1)

        // Place and a shared convener alone: two pieces, the convener not counted again.
        let thin = report(source: 3, date: nil, convener: 1, participants: [1: "Emmanuel Macron", 2: "Keir Starmer"])
        #expect(MeetingReportComparison.comparison(a, thin)?.pieces == 2)
        #expect(MeetingReportComparison.agreement(a, thin) == "same place Paris; same convener Emmanuel Macron")

        // Place alone is not enough, and reports of one source never agree.
        let lone = report(source: 4, date: "2025-03-02", convener: nil, participants: [1: "Emmanuel Macron"])
        #expect(MeetingReportComparison.comparison(a, lone) == nil)
        #expect(!MeetingReportComparison.agrees(a, lone))
        #expect(MeetingReportComparison.strength(a, lone) == 1 * 5 + 2 + 1)
        #expect(MeetingReportComparison.comparison(a, report(source: 1, date: nil, convener: 1, participants: people)) == nil)
    }

    /// ASCII summaries are split into words on their bytes, others by `Character`: both give
    /// the runs of letters and digits, as splitting every summary by `Character` did.
    @Test(arguments: [
        "Deploy up to 30,000 European troops to Ukraine's border",
        "A 30-day truce -- the U.S. plan (air & sea)",
        "Aide à l’Ukraine: 5 Mrd. €",
        "Переговоры в Эр-Рияде",
        "  ...  ",
        "",
    ])
    func mergeKeysAreTheSortedDistinctRunsOfLettersAndDigits(summary: String) {
        let folded = Folding.fold(summary)
        let words = Set(folded.split { !($0.isLetter || $0.isNumber) }.map(String.init))
            .subtracting(["a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "by", "with", "at", "from", "as",
                          "into", "its", "their", "his", "her", "be", "is", "are", "was", "were", "that", "this", "it", "s", "'s"])
        #expect(ProposalMerger.mergeKey(kind: "Talks", summary: summary) == "talks|" + words.sorted().joined(separator: " "))
    }

    @Test func aWeekdayThatContradictsTheResolvedDateKeepsReportsApart() throws {
        let kb = try KnowledgeBase()
        try Support.store(MeetingArticles.article(date: "2025-02-17", dateText: "Monday", extra: "A."), path: "a.txt", in: kb)
        try Support.store(MeetingArticles.article(date: nil, dateText: "Friday", extra: "B."), path: "b.txt", in: kb)
        try Support.store(MeetingArticles.article(date: nil, dateText: "Monday", extra: "C."), path: "c.txt", in: kb)
        let dump = try Support.canonicalMeetings(kb)
        #expect(dump.count == 2)
        #expect(dump.contains { $0.contains("a.txt") && $0.contains("c.txt") && !$0.contains("b.txt") })
    }
}
