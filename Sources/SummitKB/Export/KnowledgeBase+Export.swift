import Foundation
import GRDB

extension KnowledgeBase {
    /// The whole knowledge base as a `summitkb-export/1` document, read in one snapshot.
    ///
    /// ```swift
    /// let kb = try KnowledgeBase(path: "summitkb.sqlite", mode: .readOnly)
    /// let everything = try kb.export()
    /// let checked = try kb.export(verifiedOnly: true)
    /// print(checked.meetings.count, "verified meetings")
    /// ```
    ///
    /// - Parameter verifiedOnly: keep only the participants, meetings, proposals, meeting
    ///   participants and proposal positions a person verified. References to rows left out
    ///   (a convener, a proposal's meeting, a position's participant) are dropped or set to
    ///   `null`, so every id in the document resolves. Sources are always all exported, and a
    ///   participant's `sources` still lists every source that mentions it.
    public func export(verifiedOnly: Bool = false) throws -> ExportDocument {
        try writer.read { db in try ExportReader(db: db, verifiedOnly: verifiedOnly).document() }
    }
}

/// Reads the tables that make an ``ExportDocument``.
private struct ExportReader {
    let db: Database
    let verifiedOnly: Bool

    /// `AND <alias>.verified = 1` when only verified rows are exported, else nothing.
    func verifiedFilter(_ alias: String) -> String {
        verifiedOnly ? " AND \(alias).verified = 1" : ""
    }

    func document() throws -> ExportDocument {
        let participants = try participants()
        let participantIDs = Set(participants.map(\.id))
        let meetings = try meetings(keepingParticipants: participantIDs)
        let meetingIDs = Set(meetings.map(\.id))
        let proposals = try proposals(keepingParticipants: participantIDs, meetings: meetingIDs)
        return ExportDocument(sources: try sources(), participants: participants, meetings: meetings, proposals: proposals)
    }

    func sources() throws -> [ExportDocument.Source] {
        try Row.fetchAll(db, sql: """
            SELECT id, path, title, author, publisher, published, sha256, text, url, dateline
            FROM sources ORDER BY id
            """).map { row in
            ExportDocument.Source(
                id: row["id"], path: row["path"], title: row["title"], author: row["author"],
                publisher: row["publisher"], published: row["published"], sha256: row["sha256"],
                text: row["text"], url: row["url"], dateline: row["dateline"])
        }
    }

    func participants() throws -> [ExportDocument.Participant] {
        // A participant's sources: its own mentions, and every report that names it.
        let sourcesByParticipant = try groupedIDs(sql: """
            SELECT participant_id, source_id FROM evidence WHERE participant_id IS NOT NULL
            UNION
            SELECT convener_id, source_id FROM meeting_reports WHERE convener_id IS NOT NULL
            UNION
            SELECT mp.participant_id, r.source_id
            FROM meeting_participants mp JOIN meeting_reports r ON r.id = mp.meeting_report_id
            UNION
            SELECT pp.participant_id, r.source_id
            FROM proposal_positions pp JOIN proposal_reports r ON r.id = pp.proposal_report_id
            ORDER BY 1, 2
            """)
        var aliasesByParticipant: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT participant_id, alias FROM participant_aliases ORDER BY participant_id, alias") {
            aliasesByParticipant[row["participant_id"], default: []].append(row["alias"])
        }
        return try Row.fetchAll(db, sql: """
            SELECT id, kind, name, title, country, origin, verified FROM participants p
            WHERE 1\(verifiedFilter("p")) ORDER BY id
            """).map { row in
            let id: Int64 = row["id"]
            return ExportDocument.Participant(
                id: id, kind: row["kind"], name: row["name"], title: row["title"], country: row["country"],
                sources: sourcesByParticipant[id] ?? [], aliases: aliasesByParticipant[id] ?? [],
                origin: row["origin"], verified: row["verified"])
        }
    }

    func meetings(keepingParticipants participantIDs: Set<Int64>) throws -> [ExportDocument.Meeting] {
        let sourcesByMeeting = try groupedIDs(sql: """
            SELECT DISTINCT meeting_id, source_id FROM meeting_reports ORDER BY 1, 2
            """)
        var attendanceByMeeting: [Int64: [ExportDocument.Meeting.Attendance]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT mp.meeting_id, mp.participant_id, mp.role, \(Self.factOrigin("mp")), MAX(mp.verified) AS verified
            FROM meeting_participants mp
            WHERE 1\(verifiedFilter("mp")) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """) where participantIDs.contains(row["participant_id"]) {
            attendanceByMeeting[row["meeting_id"], default: []].append(
                .init(participant: row["participant_id"], role: row["role"], origin: row["origin"], verified: row["verified"]))
        }
        return try Row.fetchAll(db, sql: """
            SELECT id, name, kind, city, venue, country, date, date_text, date_precision, status,
                   convener_id, topic, participant_count, origin, verified
            FROM meetings m WHERE 1\(verifiedFilter("m")) ORDER BY id
            """).map { row in
            let id: Int64 = row["id"]
            let convener: Int64? = row["convener_id"]
            return ExportDocument.Meeting(
                id: id, name: row["name"], kind: row["kind"], city: row["city"], venue: row["venue"],
                country: row["country"], date: row["date"], dateText: row["date_text"],
                datePrecision: row["date_precision"], status: row["status"],
                convener: convener.flatMap { participantIDs.contains($0) ? $0 : nil },
                participants: attendanceByMeeting[id] ?? [], sources: sourcesByMeeting[id] ?? [],
                topic: row["topic"], participantCount: row["participant_count"],
                origin: row["origin"], verified: row["verified"])
        }
    }

    func proposals(keepingParticipants participantIDs: Set<Int64>, meetings meetingIDs: Set<Int64>) throws -> [ExportDocument.Proposal] {
        let sourcesByProposal = try groupedIDs(sql: """
            SELECT DISTINCT proposal_id, source_id FROM proposal_reports ORDER BY 1, 2
            """)
        var positionsByProposal: [Int64: [ExportDocument.Proposal.Position]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT pp.proposal_id, pp.participant_id, pp.stance, \(Self.factOrigin("pp")), MAX(pp.verified) AS verified
            FROM proposal_positions pp
            WHERE 1\(verifiedFilter("pp")) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """) where participantIDs.contains(row["participant_id"]) {
            positionsByProposal[row["proposal_id"], default: []].append(
                .init(participant: row["participant_id"], stance: row["stance"], origin: row["origin"], verified: row["verified"]))
        }
        return try Row.fetchAll(db, sql: """
            SELECT id, summary, kind, status, conditions, meeting_id, origin, verified FROM proposals p
            WHERE 1\(verifiedFilter("p")) ORDER BY id
            """).map { row in
            let id: Int64 = row["id"]
            let meeting: Int64? = row["meeting_id"]
            return ExportDocument.Proposal(
                id: id, summary: row["summary"], kind: row["kind"], status: row["status"],
                meeting: meeting.flatMap { meetingIDs.contains($0) ? $0 : nil },
                positions: positionsByProposal[id] ?? [], sources: sourcesByProposal[id] ?? [],
                conditions: row["conditions"], origin: row["origin"], verified: row["verified"])
        }
    }

    /// The origin of a role or position held by several rows (one per reporting source, or
    /// one added by a person): `extracted` when any source reports it, else `corrected`, else `added`.
    static func factOrigin(_ alias: String) -> String {
        "CASE WHEN MAX(\(alias).origin = 'extracted') THEN 'extracted' "
            + "WHEN MAX(\(alias).origin = 'corrected') THEN 'corrected' ELSE 'added' END AS origin"
    }

    /// Runs a two-column `(owner, id)` query, ordered, into `owner → [id]`.
    func groupedIDs(sql: String) throws -> [Int64: [Int64]] {
        var grouped: [Int64: [Int64]] = [:]
        for row in try Row.fetchAll(db, sql: sql) {
            grouped[row[0], default: []].append(row[1])
        }
        return grouped
    }
}
