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
    /// meetings in timeline order, so a limited report reads only the rows it prints.
    public func attendance(limit: Int? = nil) throws -> Attendance {
        try writer.read { db in
            var rows: [AttendanceRow] = []
            let participants = try Participant
                .order(Participant.Columns.kind, Participant.Columns.name, Participant.Columns.id)
                .fetchCursor(db)
            while let participant = try participants.next() {
                let remaining = limit.map { $0 - rows.count }
                if let remaining, remaining <= 0 { break }
                rows += try Self.attendanceRows(db, participantID: participant.id, limit: remaining)
            }
            return Attendance(rows: rows)
        }
    }

    /// One participant's meetings with its roles there, in timeline order.
    static func attendanceRows(_ db: Database, participantID: Int64, limit: Int?) throws -> [AttendanceRow] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT mp.participant_id, p.name AS participant, p.kind, mp.meeting_id, m.name AS meeting,
                   m.date, m.date_text, group_concat(DISTINCT mp.role) AS roles,
                   count(DISTINCT r.source_id) AS source_count
            FROM meeting_participants mp
            JOIN participants p ON p.id = mp.participant_id
            JOIN meetings m ON m.id = mp.meeting_id
            LEFT JOIN meeting_reports r ON r.id = mp.meeting_report_id
            WHERE mp.participant_id = ?
            GROUP BY mp.meeting_id
            ORDER BY m.date IS NULL, m.date, m.date_text, mp.meeting_id
            LIMIT ?
            """, arguments: [participantID, limit ?? -1])
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
