import GRDB
import SummitKBExtraction

/// Keeps the merged `proposals` layer in step with the per-source `proposal_reports`.
///
/// ```swift
/// ProposalMerger.mergeKey(kind: "troop deployment", summary: "Deploy peacekeeping troops to Ukraine")
/// // "troop deployment|deploy peacekeeping troops ukraine"
/// ```
///
/// Reports with equal merge keys are one proposal. Its summary, status and conditions
/// are the values most of its reports give (ties: alphabetical); its meeting is the
/// meeting most of its reports were raised at.
struct ProposalMerger {
    let db: Database

    /// Words that carry no content for matching summaries.
    private static let stopWords: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "by", "with", "at", "from", "as", "into",
        "its", "their", "his", "her", "be", "is", "are", "was", "were", "that", "this", "it", "s", "'s",
    ]

    /// `kind|` followed by the sorted distinct folded content words of the summary.
    static func mergeKey(kind: String, summary: String) -> String {
        let words = Set(Folding.fold(summary).split { !($0.isLetter || $0.isNumber) }.map(String.init))
            .subtracting(stopWords)
        return Folding.fold(kind) + "|" + words.sorted().joined(separator: " ")
    }

    /// The proposal a new report with `mergeKey` belongs to, created when none exists.
    func proposalID(mergeKey: String, summary: String, kind: String) throws -> Int64 {
        if let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT min(id) FROM proposals WHERE merge_key = ?"),
                                             arguments: [mergeKey]) {
            return existing
        }
        try db.cachedStatement(sql: "INSERT INTO proposals (summary, kind, merge_key) VALUES (?, ?, ?)")
            .execute(arguments: [summary, kind, mergeKey])
        return db.lastInsertedRowID
    }

    /// Recomputes the merged slots, meeting and merge reasons of a proposal.
    ///
    /// Each slot takes the value most reports give (ties: the alphabetically first, so the
    /// result never depends on ingest order). The vote runs inside SQLite over the
    /// `proposal_reports_proposal` index, and a report's merge reason names no count, so
    /// adding a source rewrites only the new report, however popular the proposal.
    func refresh(proposalID: Int64) throws {
        func winner(_ column: String) throws -> DatabaseValue {
            try DatabaseValue.fetchOne(db.cachedStatement(sql: """
                SELECT \(column) FROM proposal_reports WHERE proposal_id = ? AND \(column) IS NOT NULL
                GROUP BY \(column) ORDER BY count(*) DESC, \(column) LIMIT 1
                """), arguments: [proposalID]) ?? .null
        }
        let meeting = try DatabaseValue.fetchOne(db.cachedStatement(sql: """
            SELECT mr.meeting_id FROM proposal_reports r JOIN meeting_reports mr ON mr.id = r.meeting_report_id
            WHERE r.proposal_id = ? GROUP BY mr.meeting_id ORDER BY count(*) DESC, mr.meeting_id LIMIT 1
            """), arguments: [proposalID]) ?? .null
        try db.cachedStatement(sql: """
            UPDATE proposals SET summary = coalesce(?, summary), status = coalesce(?, status), conditions = ?, meeting_id = ?
            WHERE id = ? AND origin <> 'added'
            """).execute(arguments: [try winner("summary"), try winner("status"), try winner("conditions"), meeting, proposalID])
        let sources = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM (SELECT DISTINCT source_id FROM proposal_reports WHERE proposal_id = ? LIMIT 2)
            """), arguments: [proposalID]) ?? 0
        try db.cachedStatement(sql: """
            UPDATE proposal_reports SET merge_reason = CASE WHEN ? > 1 THEN 'same kind and summary words (' || merge_key || ')' END
            WHERE proposal_id = ? AND merge_reason IS NOT (CASE WHEN ? > 1 THEN 'same kind and summary words (' || merge_key || ')' END)
            """).execute(arguments: [sources, proposalID, sources])
    }

    /// Counts a freshly inserted report in its proposal.
    ///
    /// When the report gives the proposal's current summary, status, conditions and meeting
    /// (or none of them), its vote cannot change a winner, so only its own merge reason is
    /// written: the common case costs the same however many sources the proposal has.
    /// Otherwise the proposal is recounted with ``refresh(proposalID:)``.
    func add(reportID: Int64, to proposalID: Int64) throws {
        let agrees = try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT p.summary = r.summary AND p.status = r.status AND (r.conditions IS NULL OR r.conditions IS p.conditions)
                   AND (r.meeting_report_id IS NULL OR (SELECT meeting_id FROM meeting_reports WHERE id = r.meeting_report_id) IS p.meeting_id)
            FROM proposal_reports r JOIN proposals p ON p.id = r.proposal_id WHERE r.id = ?
            """), arguments: [reportID]) ?? false
        let sources = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM (SELECT DISTINCT source_id FROM proposal_reports WHERE proposal_id = ? LIMIT 3)
            """), arguments: [proposalID]) ?? 0
        guard agrees, sources != 2 else { return try refresh(proposalID: proposalID) }
        if sources > 2 {
            try db.cachedStatement(sql: """
                UPDATE proposal_reports SET merge_reason = 'same kind and summary words (' || merge_key || ')' WHERE id = ?
                """).execute(arguments: [reportID])
        }
    }

    /// Proposals raised at any of the given meeting reports.
    ///
    /// `proposal_reports.meeting_report_id` has no index of its own; the lookup goes
    /// through the report's source, which the `(source_id, ordinal)` index covers.
    func proposals(linkedTo meetingReportIDs: Set<Int64>) throws -> Set<Int64> {
        var result: Set<Int64> = []
        for reportID in meetingReportIDs {
            result.formUnion(try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT DISTINCT pr.proposal_id FROM meeting_reports mr
                JOIN proposal_reports pr ON pr.source_id = mr.source_id AND pr.meeting_report_id = mr.id
                WHERE mr.id = ?
                """), arguments: [reportID]))
        }
        return result
    }
}
