import GRDB
import SummitKBExtraction

/// Keeps the merged `proposals` layer in step with the per-source `proposal_reports`.
///
/// ```swift
/// ProposalMerger.mergeKey(kind: "troop deployment", summary: "Deploy peacekeeping troops to Ukraine")
/// // "troop deployment|deploy peacekeeping troops ukraine"
/// ```
///
/// Reports with equal merge keys are one proposal. Its summary, status, conditions and
/// meeting are the values most of its first reports in canonical order give (see
/// ``refresh(proposalID:)``).
struct ProposalMerger {
    let db: Database

    /// Words that carry no content for matching summaries.
    private static let stopWords: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "by", "with", "at", "from", "as", "into",
        "its", "their", "his", "her", "be", "is", "are", "was", "were", "that", "this", "it", "s", "'s",
    ]

    /// `kind|` followed by the sorted distinct folded content words of the summary.
    static func mergeKey(kind: String, summary: String) -> String {
        Folding.fold(kind) + "|" + contentWords(Folding.fold(summary)).subtracting(stopWords).sorted().joined(separator: " ")
    }

    /// The distinct runs of letters and digits in `text`. ASCII text, nearly every summary,
    /// is split on its bytes; splitting by `Character` was half the cost of a merge key.
    private static func contentWords(_ text: String) -> Set<String> {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return Set(text.split { !($0.isLetter || $0.isNumber) }.map(String.init))
        }
        var words: Set<String> = []
        let bytes = Array(text.utf8)
        var start = 0
        for index in 0...bytes.count where index == bytes.count || !Self.isASCIILetterOrDigit(bytes[index]) {
            if index > start { words.insert(String(decoding: bytes[start..<index], as: UTF8.self)) }
            start = index + 1
        }
        return words
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
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

    /// How many reports, in canonical order, vote on a proposal's slots: those with
    /// `voter = 1`, which triggers keep exact (migration 0008).
    static let voters = 64

    /// A proposal's reports in canonical order: by the first 16 hex digits of the source
    /// fingerprint, then position in the source. The expression is the key of the
    /// `proposal_reports_voters` index (migration 0008), which holds the voting sample and
    /// which SQLite uses only for the same expression.
    static let canonicalOrder = "substr(source_sha256, 1, 16), ordinal"

    /// Recomputes the merged slots, meeting and merge reasons of a proposal.
    ///
    /// Each slot takes the value most of the proposal's first ``voters`` reports in
    /// ``canonicalOrder`` give; ties go to the alphabetically first value. The sample never
    /// depends on ingest order, and its size bounds the work however many sources repeat a
    /// popular proposal.
    func refresh(proposalID: Int64) throws {
        let sample = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT r.summary, r.status, r.conditions, mr.meeting_id
            FROM proposal_reports r INDEXED BY proposal_reports_voters
            LEFT JOIN meeting_reports mr ON mr.id = r.meeting_report_id
            WHERE r.proposal_id = ? AND r.voter = 1
            """), arguments: [proposalID])
        var summaries: [String?] = [], statuses: [String?] = [], conditions: [String?] = [], meetings: [Int64?] = []
        while let row = try sample.next() {
            summaries.append(row[0])
            statuses.append(row[1])
            conditions.append(row[2])
            meetings.append(row[3])
        }
        try db.cachedStatement(sql: """
            UPDATE proposals SET summary = coalesce(?, summary), status = coalesce(?, status), conditions = ?, meeting_id = ?
            WHERE id = ? AND origin <> 'added'
            """).execute(arguments: [
                Self.majority(summaries, before: Self.byteOrder), Self.majority(statuses, before: Self.byteOrder),
                Self.majority(conditions, before: Self.byteOrder), Self.majority(meetings, before: <), proposalID,
            ])
        try explain(proposalID: proposalID)
    }

    /// The most frequent non-nil value; ties go to the value first in `order`.
    static func majority<Value: Hashable>(_ values: [Value?], before order: (Value, Value) -> Bool) -> Value? {
        var counts: [Value: Int] = [:]
        for case let value? in values { counts[value, default: 0] += 1 }
        return counts.min { $0.value != $1.value ? $0.value > $1.value : order($0.key, $1.key) }?.key
    }

    /// SQLite's BINARY collation: UTF-8 bytes compared in order.
    static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// Whether a freshly inserted report can move a winner of its proposal, which must then
    /// be recounted (``refresh(proposalID:)``); otherwise only its merge reasons can change
    /// (``explain(proposalID:)``).
    /// - a report outside the voting sample (``voters`` first reports in canonical order,
    ///   flagged `voter` as it is inserted) changes no vote;
    /// - a report that gives every slot its current winner only adds a vote to each
    ///   winner, while the report it pushes out of a full sample takes at most one vote
    ///   from anyone; a winner that is nil has no vote to lose, since a nil winner means
    ///   no report in the sample gives that slot.
    ///
    /// The proposal's slots must be up to date: not waiting for a recount.
    func canMoveAWinner(reportID: Int64) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT r.voter = 1 AND NOT coalesce(r.summary = p.summary AND r.status = p.status
                                                AND r.conditions IS p.conditions AND mr.meeting_id IS p.meeting_id, 0)
            FROM proposal_reports r JOIN proposals p ON p.id = r.proposal_id
            LEFT JOIN meeting_reports mr ON mr.id = r.meeting_report_id
            WHERE r.id = ?
            """), arguments: [reportID]) ?? false
    }

    /// Writes the merge reason of every report that lacks one once the proposal has two
    /// sources, and clears the reasons when it is back to one.
    ///
    /// Reads the proposal's `source_count` (migration 0002): the writer counts a document's
    /// reports before merging them, and triggers count deleted and moved ones.
    func explain(proposalID: Int64) throws {
        let sources = try Int.fetchOne(db.cachedStatement(sql: "SELECT source_count FROM proposals WHERE id = ?"),
                                       arguments: [proposalID]) ?? 0
        if sources > 1 {
            try DirectStatement(db, sql: """
                UPDATE proposal_reports INDEXED BY proposal_reports_unexplained
                SET merge_reason = 'same kind and summary words (' || merge_key || ')'
                WHERE proposal_id = ? AND merge_reason IS NULL
                """).execute(.integer(proposalID))
        } else {
            try DirectStatement(db, sql: "UPDATE proposal_reports SET merge_reason = NULL WHERE proposal_id = ? AND merge_reason IS NOT NULL")
                .execute(.integer(proposalID))
        }
    }

    /// Adds `positions` positions of a participant to its stance on a proposal in
    /// `proposal_stances` (migration 0002). Ingest and curation both count new positions
    /// here; triggers count deleted and moved ones.
    func countStance(proposalID: Int64, participantID: Int64, stance: String, positions: Int) throws {
        try DirectStatement(db, sql: """
            INSERT INTO proposal_stances (proposal_id, participant_id, stance, position_count) VALUES (?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET position_count = position_count + excluded.position_count
            """).execute(.integer(proposalID), .integer(participantID), .text(stance), .integer(positions))
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
