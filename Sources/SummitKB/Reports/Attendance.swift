import GRDB

/// The `attendance` report: participants by meetings, with their roles.
///
/// ```swift
/// for row in try kb.attendance().rows where row.roles.contains(.convener) {
///     print(row.participant, "convened", row.meeting)
/// }
/// ```
///
/// One row per participant and meeting, by participant kind and name, then timeline order.
/// JSON: `{"rows": [AttendanceRow]}`.
public struct Attendance: Codable, Sendable, Hashable, TableRepresentable {
    public var rows: [AttendanceRow]

    public var tables: [TextTable] { [attendanceTable(rows, title: "Attendance")] }
}

/// One participant's roles in one meeting.
///
/// ```swift
/// let macronMeetings = try kb.participantProfile(named: "Macron").meetings
/// ```
///
/// JSON: `{"participant_id", "participant", "kind", "meeting_id", "meeting", "date", "date_text",
/// "roles": [String], "source_count"}`.
public struct AttendanceRow: Codable, Sendable, Hashable {
    public var participantId: Int64
    public var participant: String
    public var kind: ParticipantKind
    public var meetingId: Int64
    public var meeting: String
    public var date: String?
    public var dateText: String?
    /// Distinct roles, in ``MeetingRole`` declaration order.
    public var roles: [MeetingRole]
    /// Distinct sources that give the participant a role in this meeting.
    public var sourceCount: Int
}

extension KnowledgeBase {
    /// The `attendance` report; `limit` caps the number of rows.
    ///
    /// ```swift
    /// let grid = try kb.attendance()
    /// ```
    ///
    /// Participants come by kind then name (the `participants_kind_name` index), each with its
    /// meetings in timeline order, so a limited report reads only the rows it prints: each
    /// participant holding a role gives at least one row, so `limit` of them are enough.
    public func attendance(limit: Int? = nil) throws -> Attendance {
        try writer.read { db in
            var rows: [AttendanceRow] = []
            var request = Participant
                .filter(sql: "EXISTS (SELECT 1 FROM meeting_participants WHERE participant_id = participants.id)")
                .order(Participant.Columns.kind, Participant.Columns.name, Participant.Columns.id)
            if let limit { request = request.limit(limit) }
            let participants = try request.fetchCursor(db)
            while let participant = try participants.next() {
                let remaining = limit.map { $0 - rows.count }
                if let remaining, remaining <= 0 { break }
                rows += try Self.attendanceRows(db, participantID: participant.id, limit: remaining)
            }
            return Attendance(rows: rows)
        }
    }

    /// One participant's meetings with its roles there, in timeline order.
    ///
    /// The meetings are chosen first, then roles and sources are read for the `limit` shown
    /// ones only. A participant in many meetings has its first ones found by walking the
    /// dated meetings in timeline order (``firstDatedMeetings(_:participantID:limit:)``);
    /// otherwise its distinct meetings, from the `(participant_id, meeting_id)` index, are
    /// put in timeline order.
    static func attendanceRows(_ db: Database, participantID: Int64, limit: Int?) throws -> [AttendanceRow] {
        let walked = try limit.flatMap { try firstDatedMeetings(db, participantID: participantID, limit: $0) }
        let shown = walked == nil ? """
            SELECT m.id, m.name, m.date, m.date_text
            FROM (SELECT DISTINCT meeting_id FROM meeting_participants WHERE participant_id = ?1) attended
            JOIN meetings m ON m.id = attended.meeting_id
            ORDER BY m.date IS NULL, m.date, m.date_text, m.id
            LIMIT ?2
            """ : "SELECT id, name, date, date_text FROM meetings WHERE id IN (SELECT value FROM json_each(?2))"
        let arguments: StatementArguments = walked.map { [participantID, KnowledgeBase.jsonArray($0)] } ?? [participantID, limit ?? -1]
        let rows = try Row.fetchAll(db, sql: """
            WITH shown AS (\(shown))
            SELECT p.id AS participant_id, p.name AS participant, p.kind, shown.id AS meeting_id, shown.name AS meeting,
                   shown.date, shown.date_text,
                   (SELECT group_concat(DISTINCT role) FROM meeting_participants
                    WHERE participant_id = ?1 AND meeting_id = shown.id) AS roles,
                   (SELECT count(DISTINCT r.source_id) FROM meeting_participants mp
                    JOIN meeting_reports r ON r.id = mp.meeting_report_id
                    WHERE mp.participant_id = ?1 AND mp.meeting_id = shown.id) AS source_count
            FROM shown JOIN participants p ON p.id = ?1
            ORDER BY shown.date IS NULL, shown.date, shown.date_text, shown.id
            """, arguments: arguments)
        return rows.map { row in
            let roles = Set(String(row["roles"] as String? ?? "").split(separator: ",").map(String.init))
            return AttendanceRow(
                participantId: row["participant_id"], participant: row["participant"],
                kind: ParticipantKind(rawValue: row["kind"]) ?? .group,
                meetingId: row["meeting_id"], meeting: row["meeting"], date: row["date"], dateText: row["date_text"],
                roles: MeetingRole.allCases.filter { roles.contains($0.rawValue) },
                sourceCount: row["source_count"])
        }
    }

    /// How many dated meetings, per row shown, ``firstDatedMeetings(_:participantID:limit:)``
    /// looks through at most.
    static let walkedMeetingsPerRow = 400

    /// The ids of a participant's first `limit` meetings in timeline order, found by walking
    /// the dated meetings in that order (the `meetings_date` index) and stopping at the
    /// `limit`-th one it attended; nil when the walk is not worth it or falls short.
    ///
    /// Sorting all of a participant's meetings costs as many rows as it attended: 47,000 for
    /// a country in a million generated articles. The walk costs about `limit` times the
    /// meetings per meeting attended, so it is tried only when the participant's sources
    /// promise `limit` meetings among the first ``walkedMeetingsPerRow`` × `limit` dated
    /// ones, and never looks further: a participant that appears late falls back to the sort.
    /// Dated meetings come first in timeline order, so `limit` of them found in order are
    /// the first `limit` of all.
    static func firstDatedMeetings(_ db: Database, participantID: Int64, limit: Int) throws -> [Int64]? {
        guard limit > 0 else { return nil }
        let window = limit * walkedMeetingsPerRow
        let sources = try Int.fetchOne(db, sql: "SELECT source_count FROM participants WHERE id = ?", arguments: [participantID]) ?? 0
        let meetings = try Int.fetchOne(db, sql: "SELECT max(id) FROM meetings") ?? 0
        guard sources * window >= limit * meetings else { return nil }
        // The date of the window's last meeting bounds the walk (an index range); with fewer
        // dated meetings than the window, a bound after every ISO date.
        let lastDate = try String.fetchOne(db, sql: """
            SELECT date FROM meetings WHERE date IS NOT NULL ORDER BY date, date_text, id LIMIT 1 OFFSET ?
            """, arguments: [window - 1]) ?? "9999-99-99"
        let ids = try Int64.fetchAll(db, sql: """
            SELECT m.id FROM meetings m
            WHERE m.date IS NOT NULL AND m.date <= ?2
              AND EXISTS (SELECT 1 FROM meeting_participants WHERE participant_id = ?1 AND meeting_id = m.id)
            ORDER BY m.date, m.date_text, m.id
            LIMIT ?3
            """, arguments: [participantID, lastDate, limit])
        return ids.count == limit ? ids : nil
    }
}

func attendanceTable(_ rows: [AttendanceRow], title: String) -> TextTable {
    TextTable(title: title, columns: ["participant", "kind", "meeting id", "meeting", "date", "roles", "sources"],
              wrapping: ["participant", "meeting", "date"],
              rows: rows.map {
                  [$0.participant, $0.kind.rawValue, String($0.meetingId), $0.meeting,
                   dateCell(date: $0.date, text: $0.dateText), $0.roles.map(\.rawValue).cell,
                   String($0.sourceCount)]
              })
}
