import Foundation
import GRDB
import Synchronization
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

    /// Migration 0006 keys `proposal_reports_proposal` by an expression of the fingerprint.
    /// Every statement that reads a proposal's reports in canonical order (the voting sample,
    /// the test whether a new report can enter it, the conflicts report) must walk that index in
    /// order, bounded, never sort the proposal's reports.
    @Test func canonicalOrderIsReadFromTheIndex() throws {
        let kb = try KnowledgeBase()
        let statements = Mutex<[String]>([])
        try kb.writer.writeWithoutTransaction { db in
            db.trace { event in
                if case let .statement(statement) = event { statements.withLock { $0.append(statement.sql) } }
            }
        }
        for index in 0..<12 {
            var result = Self.article(stances: [("Germany", .proposes)], extra: "Report \(index).")
            result.proposals[0].status = index.isMultiple(of: 3) ? .rejected : .proposed  // some cannot agree
            try Support.store(result, path: "\(index).txt", in: kb)
        }
        _ = try kb.conflicts()
        try kb.writer.writeWithoutTransaction { db in db.trace(nil) }
        let canonical = Set(statements.withLock { $0 }.filter { $0.contains("substr(") && $0.contains("proposal_reports") })
        #expect(canonical.count >= 3)
        for sql in canonical {
            let plan = try kb.writer.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)",
                                 arguments: StatementArguments(Array(repeating: 1, count: sql.filter { $0 == "?" }.count)))
                    .map { $0["detail"] as String }
            }.joined(separator: "\n")
            #expect(plan.contains("INDEX proposal_reports_proposal"), "\(sql)\n\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(sql)\n\(plan)")
            if sql.contains("count(*)") {
                #expect(plan.contains("proposal_id=? AND <expr><?"), "unbounded walk: \(sql)\n\(plan)")
            }
        }
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
