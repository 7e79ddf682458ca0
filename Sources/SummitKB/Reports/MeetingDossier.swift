import GRDB

/// The `meeting ID` report: everything known about one meeting.
///
/// ```swift
/// let dossier = try kb.meetingDossier(id: 1)
/// print(dossier.meeting.name, dossier.participants.map(\.name))
/// ```
///
/// JSON: `{"meeting": Meeting, "convener"?: Participant, "participants": [RosterEntry],
/// "proposals": [ProposalSummary], "sources": [MeetingSourceReport], "evidence": [EvidenceItem]}`.
public struct MeetingDossier: Codable, Sendable, Hashable, TableRepresentable {
    public var meeting: Meeting
    public var convener: Participant?
    /// Merged participants, by name, with every role any source gives them.
    public var participants: [RosterEntry]
    /// Proposals raised at the meeting.
    public var proposals: [ProposalSummary]
    /// Each source's own account of the meeting and why it was merged.
    public var sources: [MeetingSourceReport]
    /// The sentences behind the meeting's slots and participants.
    public var evidence: [EvidenceItem]

    public var tables: [TextTable] {
        let slots: [(String, String?)] = [
            ("name", meeting.name), ("kind", meeting.kind.rawValue), ("status", meeting.status.rawValue),
            ("date", meeting.date), ("date as written", meeting.dateText),
            ("date precision", meeting.datePrecision.rawValue), ("venue", meeting.venue), ("city", meeting.city),
            ("country", meeting.country), ("convener", convener?.name), ("topic", meeting.topic),
            ("stated participant count", meeting.participantCount.map(String.init)),
        ]
        return [
            TextTable(title: "Meeting \(meeting.id)", columns: ["field", "value"], wrapping: ["value"],
                      rows: slots.compactMap { field, value in value.map { [field, $0] } }),
            TextTable(title: "Participants", columns: ["id", "name", "kind", "roles", "sources"],
                      wrapping: ["name", "sources"],
                      rows: participants.map {
                          [String($0.participantId), $0.name, $0.kind.rawValue, $0.roles.map(\.rawValue).cell,
                           $0.sources.cell]
                      }),
            ProposalsReport(proposals: proposals).tables[0].retitled("Proposals raised"),
            TextTable(title: "Sources", columns: ["id", "path", "date as written", "place", "kind", "merge reason"],
                      wrapping: ["date as written", "place", "merge reason"],
                      rows: sources.map {
                          [String($0.sourceId), $0.path, $0.report.dateText ?? $0.report.date ?? "",
                           [$0.report.venue, $0.report.city].compactMap { $0 }.joined(separator: ", "),
                           $0.report.kind, $0.report.mergeReason.cell]
                      }),
            evidenceTable(evidence),
        ]
    }
}

/// One participant of a meeting with its roles and the sources that give them.
///
/// ```swift
/// let hosts = try kb.meetingDossier(id: 1).participants.filter { $0.roles.contains(.host) }
/// ```
///
/// JSON: `{"participant_id", "name", "kind", "roles": [String], "sources": [String]}`.
public struct RosterEntry: Codable, Sendable, Hashable {
    public var participantId: Int64
    public var name: String
    public var kind: ParticipantKind
    /// Distinct roles, in ``MeetingRole`` declaration order.
    public var roles: [MeetingRole]
    /// Paths of the sources that name the participant here, sorted; empty when added by hand.
    public var sources: [String]
}

/// What one source says about a meeting.
///
/// ```swift
/// for account in try kb.meetingDossier(id: 1).sources { print(account.path, account.report.mergeReason ?? "") }
/// ```
///
/// JSON: `{"source_id", "path", "title", "report": MeetingReport}`.
public struct MeetingSourceReport: Codable, Sendable, Hashable {
    public var sourceId: Int64
    public var path: String
    public var title: String?
    public var report: MeetingReport
}

extension KnowledgeBase {
    /// The `meeting ID` report.
    ///
    /// ```swift
    /// let dossier = try kb.meetingDossier(id: 3)
    /// ```
    ///
    /// - Throws: ``SummitKBError/notFound(kind:reference:)``.
    public func meetingDossier(id: Int64) throws -> MeetingDossier {
        try writer.read { db in
            guard let meeting = try Meeting.fetchOne(db, key: id) else {
                throw SummitKBError.notFound(kind: "meeting", reference: String(id))
            }
            let convener = try meeting.convenerId.flatMap { try Participant.fetchOne(db, key: $0) }
            let accounts = try Self.meetingAccounts(db, meetingID: id)
            return MeetingDossier(
                meeting: meeting, convener: convener,
                participants: try Self.roster(db, meetingID: id),
                proposals: try Self.proposals(db, ProposalFilter(meetingId: id), limit: nil),
                sources: accounts,
                evidence: try Self.meetingEvidence(db, meetingID: id))
        }
    }

    static func meetingAccounts(_ db: Database, meetingID: Int64) throws -> [MeetingSourceReport] {
        let reports = try MeetingReport
            .filter(MeetingReport.Columns.meetingId == meetingID)
            .order(MeetingReport.Columns.sourceId, MeetingReport.Columns.ordinal)
            .fetchAll(db)
        let sources = try sourceTitles(db, ids: reports.map(\.sourceId))
        return reports.map { report in
            MeetingSourceReport(sourceId: report.sourceId, path: sources[report.sourceId]?.path ?? "",
                                title: sources[report.sourceId]?.title, report: report)
        }
    }

    static func roster(_ db: Database, meetingID: Int64) throws -> [RosterEntry] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT mp.participant_id, p.name, p.kind, mp.role, s.path
            FROM meeting_participants mp
            JOIN participants p ON p.id = mp.participant_id
            LEFT JOIN meeting_reports r ON r.id = mp.meeting_report_id
            LEFT JOIN sources s ON s.id = r.source_id
            WHERE mp.meeting_id = ?
            ORDER BY p.name, mp.participant_id
            """, arguments: [meetingID])
        var entries: [RosterEntry] = []
        for row in rows {
            let participantID: Int64 = row["participant_id"]
            if entries.last?.participantId != participantID {
                entries.append(RosterEntry(participantId: participantID, name: row["name"],
                                           kind: ParticipantKind(rawValue: row["kind"]) ?? .group, roles: [], sources: []))
            }
            if let role = MeetingRole(rawValue: row["role"]) { entries[entries.count - 1].roles.append(role) }
            if let path: String = row["path"] { entries[entries.count - 1].sources.append(path) }
        }
        return entries.map { entry in
            var entry = entry
            entry.roles = MeetingRole.allCases.filter(entry.roles.contains)
            entry.sources = Array(Set(entry.sources)).sorted()
            return entry
        }
    }
}

extension TextTable {
    func retitled(_ title: String) -> TextTable {
        var table = self
        table.title = title
        return table
    }
}

/// The evidence table shared by dossiers and explanations.
func evidenceTable(_ items: [EvidenceItem], title: String = "Evidence") -> TextTable {
    TextTable(title: title, columns: ["source", "span", "slot", "value", "sentence"],
              wrapping: ["value", "sentence"],
              rows: items.map {
                  [$0.path, "\($0.evidence.start)-\($0.evidence.end)", $0.evidence.slot, $0.evidence.value.cell,
                   $0.evidence.sentence]
              })
}
