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
/// are the most supported values among its reports (ties as in ``SlotVote``); its
/// meeting is the meeting most of its reports were raised at.
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
    func refresh(proposalID: Int64) throws {
        let reports = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.id, r.summary, r.status, r.conditions, r.ordinal, r.merge_key, s.sha256, mr.meeting_id,
                   (SELECT count(*) FROM evidence e WHERE e.proposal_report_id = r.id) AS evidence_count
            FROM proposal_reports r JOIN sources s ON s.id = r.source_id
            LEFT JOIN meeting_reports mr ON mr.id = r.meeting_report_id
            WHERE r.proposal_id = ?
            """), arguments: [proposalID])
        guard !reports.isEmpty else { return }
        let vote = SlotVote(reports.map { (weight: $0["evidence_count"], tieBreak: $0["sha256"], ordinal: $0["ordinal"]) })
        try db.cachedStatement(sql: """
            UPDATE proposals SET summary = ?, status = ?, conditions = ?, meeting_id = ?
            WHERE id = ? AND origin <> 'added'
            """).execute(arguments: [
                vote.winner(reports.map { $0["summary"] as String? }), vote.winner(reports.map { $0["status"] as String? }),
                vote.winner(reports.map { $0["conditions"] as String? }), vote.winner(reports.map { $0["meeting_id"] as Int64? }),
                proposalID,
            ])
        let sources = Set(reports.map { $0["sha256"] as String })
        let reason: String? = sources.count > 1
            ? "same kind and summary words (\(reports[0]["merge_key"] as String)) in \(sources.count) sources" : nil
        try db.cachedStatement(sql: "UPDATE proposal_reports SET merge_reason = ? WHERE proposal_id = ? AND merge_reason IS NOT ?")
            .execute(arguments: [reason, proposalID, reason])
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
