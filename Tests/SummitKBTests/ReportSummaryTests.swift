import Foundation
import GRDB
import Testing
@testable import SummitKB

/// The summaries of migration 0002 (counts on meetings, proposals and participants,
/// `proposal_stances`) stay equal to a recount of the claims through every write path, and an
/// existing version-1 database is backfilled when migrated.
@Suite struct ReportSummaryTests {
    typealias Support = IngestTestSupport

    static let summary = "Deploy peacekeeping troops to Ukraine"

    /// The Paris meeting of ``MeetingArticles`` with the troops proposal raised there and the
    /// given participants' stances on it (each must be an attendee).
    static func article(attendees: [String] = ["Germany", "Italy", "Poland"], stances: [(String, Stance)],
                        extra: String) -> ExtractionResult {
        var result = MeetingArticles.article(attendees: attendees, extra: "\(summary). \(extra)")
        let article = HandMadeArticle(result.document.text)
        result.proposals = [ExtractedProposal(
            summary: summary, kind: "troop deployment", meeting: 0,
            positions: stances.map { name, stance in
                ExtractedPosition(entity: "country:\(Folding.fold(name))", stance: stance,
                                  evidence: article.evidence(name, slot: stance.rawValue))
            },
            evidence: [article.evidence(summary, slot: "proposal")])]
        return result
    }

    static func count(_ kb: KnowledgeBase, _ sql: String) throws -> Int {
        try kb.writer.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    @Test func summariesFollowIngestReplacementCurationAndDeletion() throws {
        let kb = try KnowledgeBase()
        try Support.store(Self.article(stances: [("Germany", .proposes)], extra: "A."), path: "a.txt", in: kb)
        try Support.store(Self.article(stances: [("Germany", .supports), ("Italy", .supports)], extra: "B."),
                          path: "b.txt", in: kb)
        try Support.store(Self.article(attendees: ["Germany", "Italy", "Polska"], stances: [("Polska", .opposes)],
                                       extra: "C."), path: "c.txt", in: kb)
        try Support.expectIntegrity(kb)
        #expect(try Self.count(kb, "SELECT report_count FROM meetings") == 3)
        #expect(try Self.count(kb, "SELECT source_count FROM proposals") == 3)
        #expect(try Self.count(kb, "SELECT mixed_stances FROM proposals") == 1)   // Germany proposes and supports
        #expect(try Self.count(kb, "SELECT source_count FROM participants WHERE name = 'Germany'") == 3)

        // A changed source replaces its claims: Germany no longer supports.
        try Support.store(Self.article(stances: [("Germany", .proposes), ("Italy", .supports)], extra: "B, changed."),
                          path: "b.txt", in: kb)
        try Support.expectIntegrity(kb)
        #expect(try Self.count(kb, "SELECT mixed_stances FROM proposals") == 0)

        let corrections: [Correction] = [
            .mergeParticipants("Polska", into: "country:poland"),
            .rejectRole(participant: "Italy", at: "a.txt#0", role: .attendee),
            .addRole(participant: "Spain", at: "a.txt#0", role: .attendee, kind: .country),
            .addPosition(participant: "Spain", on: "a.txt#0", stance: .opposes),
            .rejectPosition(participant: "Italy", on: "a.txt#0", stance: .supports),
            .splitReport("c.txt#0"),
            .mergeMeetings("c.txt#0", into: "a.txt#0"),
            .reject(.participant, "Germany"),
        ]
        for correction in corrections {
            try kb.record(correction, author: "ana", reason: "test")
            try Support.expectIntegrity(kb)
        }
        #expect(try Self.count(kb, "SELECT count(*) FROM participants WHERE name = 'Polska'") == 0)
        #expect(try Self.count(kb, "SELECT count(*) FROM proposal_stances WHERE stance = 'opposes'") == 2)   // Poland, Spain

        // Re-ingest with the corrections applied again, then deletions that cascade.
        try CurationTests.ingest([("a.txt", Self.article(stances: [("Germany", .supports)], extra: "A, changed."))], into: kb)
        try Support.expectIntegrity(kb)
        try kb.writer.write { db in try db.execute(sql: "DELETE FROM sources WHERE path = 'b.txt'") }
        try Support.expectIntegrity(kb)
        try kb.record(.reject(.proposal, "a.txt#0"), author: "ana", reason: "test")
        try Support.expectIntegrity(kb)
        #expect(try Self.count(kb, "SELECT count(*) FROM proposal_stances") == 0)
        try kb.writer.write { db in try db.execute(sql: "DELETE FROM meetings") }
        try Support.expectIntegrity(kb)
    }

    @Test func migratingAVersionOneDatabaseBackfillsTheSummaries() throws {
        let folder = try Support.temporaryFolder()
        let current = folder.appendingPathComponent("current.sqlite").path
        _ = try QueryFixtures.knowledgeBase(path: current)
        let path = folder.appendingPathComponent("v1.sqlite").path
        try LegacyBase.write(version: 1, at: path, copying: current)
        let migrated = try KnowledgeBase(path: path)
        #expect(try migrated.schemaStatus().currentVersion == SchemaMigrator.latestVersion)
        try Support.expectSummariesMatchClaims(migrated.writer)
        let fresh = try QueryFixtures.knowledgeBase()
        #expect(try migrated.timeline() == fresh.timeline())
        #expect(try migrated.proposalsReport() == fresh.proposalsReport())
        #expect(try migrated.participantProfile(named: "Macron") == fresh.participantProfile(named: "Macron"))
        #expect(try migrated.conflicts() == fresh.conflicts())
    }

    /// 40 sources report the Paris meeting and the troops proposal; the conflicts report compares
    /// the first 32 proposal reports in canonical order.
    @Test func conflictsCompareTheFirstReportsInCanonicalOrder() throws {
        let kb = try KnowledgeBase()
        for index in 0..<40 {
            try Support.store(Self.article(stances: [("Germany", .proposes)], extra: "Report \(index)."),
                              path: "\(index).txt", in: kb)
        }
        #expect(try kb.conflicts().conflicts.isEmpty)
        let canonical = try kb.writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM proposal_reports ORDER BY source_sha256, ordinal, id")
        }
        let setStatus = { (id: Int64) in
            try kb.writer.write { db in
                try db.execute(sql: "UPDATE proposal_reports SET status = 'rejected' WHERE id = ?", arguments: [id])
            }
        }
        try setStatus(canonical[KnowledgeBase.conflictReportsCompared])   // the first one left out
        #expect(try kb.conflicts().conflicts.isEmpty)
        try setStatus(canonical[0])
        let status = try #require(try kb.conflicts().conflicts.first { $0.fact == "status" })
        #expect(status.sourceCount == KnowledgeBase.conflictReportsCompared)
        #expect(Set(status.claims.map(\.witnesses.count)) == [1, KnowledgeBase.conflictReportsCompared - 1])
        #expect(status.claims.flatMap(\.witnesses).allSatisfy { $0.sentence != nil })
    }

    /// Migration 0008 keeps each proposal's voting sample in the partial index
    /// `proposal_reports_voters`, keyed by an expression of the fingerprint. Every statement
    /// the code runs that reads a proposal's reports in canonical order or reads its sample
    /// (the recount, the test whether a new report can move a winner, the conflicts report)
    /// must be served by that index or by the report's id, never sort the proposal's reports;
    /// merge reasons are written through the index of reports without one, never by walking
    /// all the proposal's reports.
    @Test func votingSampleAndMergeReasonsAreReadFromTheirIndexes() throws {
        let kb = try KnowledgeBase()
        let run = Set(try Support.statements(runBy: kb) {
            for index in 0..<12 {
                var result = Self.article(stances: [("Germany", .proposes)], extra: "Report \(index).")
                result.proposals[0].status = index.isMultiple(of: 3) ? .rejected : .proposed  // some cannot agree
                try Support.store(result, path: "\(index).txt", in: kb)
            }
            _ = try kb.conflicts()
        }.filter { !$0.hasPrefix("--") })
        func plan(_ sql: String) throws -> String { try Support.queryPlan(sql, in: kb).joined(separator: "\n") }
        let sampled = run.filter { $0.contains("voter = 1") }
        #expect(sampled.count >= 3)
        for sql in sampled {
            let plan = try plan(sql)
            let readsTheSample = plan.contains("INDEX proposal_reports_voters")
            let readsOneReport = sql.contains("r.id = ?") && plan.contains("SEARCH r USING INTEGER PRIMARY KEY (rowid=?)")
            #expect(readsTheSample || readsOneReport, "\(sql)\n\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(sql)\n\(plan)")
        }
        let explained = run.filter { $0.contains("merge_reason IS NULL") && $0.contains("UPDATE proposal_reports") }
        #expect(explained.count == 1)
        for sql in explained {
            let plan = try plan(sql)
            #expect(plan.contains("INDEX proposal_reports_unexplained"), "\(sql)\n\(plan)")
        }
    }

    /// The `voter` flag (migration 0008) marks exactly the first ``ProposalMerger/voters``
    /// reports of each proposal in canonical order, and `proposals.voter_count` (migration
    /// 0009) counts them, whatever order reports arrive, leave (a deleted voter's place goes
    /// to the next report) or move between proposals, and whatever flag a report written by
    /// hand comes with.
    @Test func votersAreTheFirstReportsInCanonicalOrderThroughEveryWrite() throws {
        let kb = try KnowledgeBase()
        // Each article's fingerprint, and so its place in canonical order, is unrelated to
        // the order in which the articles are stored.
        for index in 0..<(ProposalMerger.voters * 2 + 10) {
            try Support.store(Self.article(stances: [("Germany", .proposes)], extra: "Report \(index)."),
                              path: "\(index).txt", in: kb)
        }
        func expectExactSample(sourceLocation: SourceLocation = #_sourceLocation) throws {
            let wrong = try kb.writer.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM (
                        SELECT voter, row_number() OVER (PARTITION BY proposal_id ORDER BY \(ProposalMerger.canonicalOrder)) AS rank
                        FROM proposal_reports)
                    WHERE voter <> (rank <= \(ProposalMerger.voters))
                    """)
            }
            #expect(wrong == 0, sourceLocation: sourceLocation)
            try Support.expectSummariesMatchClaims(kb.writer, sourceLocation: sourceLocation)  // `voter_count` among them
        }
        try expectExactSample()
        #expect(try kb.writer.read { try Int.fetchOne($0, sql: "SELECT sum(voter) FROM proposal_reports") } == ProposalMerger.voters)
        try kb.writer.write { db in
            // Every fifth voter's source goes.
            let voters = try Int64.fetchAll(db, sql: """
                SELECT source_id FROM proposal_reports WHERE voter = 1 ORDER BY \(ProposalMerger.canonicalOrder)
                """)
            for sourceID in voters.enumerated().filter({ $0.offset.isMultiple(of: 5) }).map(\.element) {
                try db.execute(sql: "DELETE FROM sources WHERE id = ?", arguments: [sourceID])
            }
        }
        try expectExactSample()
        try kb.writer.write { db in
            // A report of the sample moves to a proposal of its own.
            try db.execute(sql: "INSERT INTO proposals (summary, kind, merge_key) VALUES ('Moved', 'troop deployment', 'moved')")
            try db.execute(sql: "UPDATE proposal_reports SET proposal_id = ? WHERE id = (SELECT min(id) FROM proposal_reports WHERE voter = 1)",
                           arguments: [db.lastInsertedRowID])
        }
        try expectExactSample()
        #expect(try kb.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM proposal_reports WHERE voter = 1 AND proposal_id = (SELECT max(id) FROM proposals)") } == 1)
        // Reports written by hand with `voter = 1`: one that belongs in the full sample, one
        // that does not; and one flagged 0 that belongs.
        try kb.writer.write { db in
            let proposalID = try Int64.fetchOne(db, sql: "SELECT min(proposal_id) FROM proposal_reports")!
            let sourceID = try Int64.fetchOne(db, sql: "SELECT max(source_id) FROM proposal_reports WHERE proposal_id = ?", arguments: [proposalID])!
            for (ordinal, fingerprint, voter) in [(7, String(repeating: "0", count: 64), 1), (8, String(repeating: "f", count: 64), 1),
                                                  (9, String(repeating: "0", count: 64), 0)] {
                try db.execute(sql: """
                    INSERT INTO proposal_reports (source_id, proposal_id, ordinal, summary, kind, status, merge_key, source_sha256, voter)
                    VALUES (?, ?, ?, 'By hand', 'troop deployment', 'proposed', 'by hand', ?, ?)
                    """, arguments: [sourceID, proposalID, ordinal, fingerprint, voter])
            }
            try db.execute(sql: "UPDATE proposals SET report_count = report_count + 3 WHERE id = ?", arguments: [proposalID])
        }
        try expectExactSample()
    }

    @Test func participantProfileLimitCapsMeetingsAndPositions() throws {
        let kb = try QueryFixtures.knowledgeBase()
        let full = try kb.participantProfile(named: "Germany")
        let first = try kb.participantProfile(named: "Germany", limit: 1)
        #expect(full.meetings.count == 2)
        #expect(first.meetings == Array(full.meetings.prefix(1)))
        #expect(first.positions == Array(full.positions.prefix(1)))
        #expect((first.sourceCount, first.mentionCount) == (full.sourceCount, full.mentionCount))
    }
}

extension ReportSummaryTests {
    @Test func theRecountNoticesAStaleSummary() throws {
        let kb = try QueryFixtures.knowledgeBase()
        try kb.writer.write { db in try db.execute(sql: "UPDATE meetings SET source_count = source_count + 1 WHERE id = 1") }
        withKnownIssue { try Support.expectSummariesMatchClaims(kb.writer) }
    }
}
