import GRDB

/// What `summitkb explain` can explain.
///
/// ```swift
/// let why = try kb.explain(.participant(name: "Rutte"))
/// ```
public enum ExplainSubject: Sendable, Hashable {
    /// A merged meeting: the sentences behind its slots and participants, from every source.
    case meeting(id: Int64)
    /// A participant (any alias): its mentions, meeting roles and stances.
    case participant(name: String)
    /// A merged proposal: the sentences behind it and its positions.
    case proposal(id: Int64)
    /// One `proposal_positions` row (ids are listed by `summitkb show proposal`).
    case position(id: Int64)
}

/// The sentences behind one meeting, participant, proposal or position, with source and span.
///
/// ```swift
/// let why = try kb.explain(.meeting(id: 1))
/// for item in why.evidence { print(item.path, item.evidence.start, item.evidence.sentence) }
/// ```
///
/// JSON: `{"subject": String, "evidence": [EvidenceItem]}`, where an `EvidenceItem` is
/// `{"evidence": EvidenceRecord, "path": String}`; spans are code-point offsets into the source text.
public struct Explanation: Codable, Sendable, Hashable, TableRepresentable {
    /// A readable name of what is explained: "meeting 1: Paris leaders' meeting".
    public var subject: String
    public var evidence: [EvidenceItem]

    public var tables: [TextTable] { [evidenceTable(evidence, title: "Evidence for \(subject)")] }
}

extension KnowledgeBase {
    /// The sentences behind `subject`.
    ///
    /// ```swift
    /// let why = try kb.explain(.position(id: 7))
    /// ```
    ///
    /// - Throws: ``SummitKBError/notFound(kind:reference:)``.
    public func explain(_ subject: ExplainSubject) throws -> Explanation {
        try writer.read { db in
            switch subject {
            case let .meeting(id):
                guard let meeting = try Meeting.fetchOne(db, key: id) else {
                    throw SummitKBError.notFound(kind: "meeting", reference: String(id))
                }
                return Explanation(subject: "meeting \(id): \(meeting.name)", evidence: try Self.meetingEvidence(db, meetingID: id))
            case let .participant(name):
                let participant = try Self.participant(db, named: name)
                let roles = MeetingParticipant.filter(MeetingParticipant.Columns.participantId == participant.id)
                    .select(MeetingParticipant.Columns.id)
                let positions = ProposalPosition.filter(ProposalPosition.Columns.participantId == participant.id)
                    .select(ProposalPosition.Columns.id)
                return Explanation(
                    subject: "participant \(participant.id): \(participant.name)",
                    evidence: try Self.evidence(db, where: EvidenceRecord.Columns.participantId == participant.id
                        || roles.contains(EvidenceRecord.Columns.meetingParticipantId)
                        || positions.contains(EvidenceRecord.Columns.proposalPositionId)))
            case let .proposal(id):
                guard let proposal = try Proposal.fetchOne(db, key: id) else {
                    throw SummitKBError.notFound(kind: "proposal", reference: String(id))
                }
                return Explanation(subject: "proposal \(id): \(proposal.summary)",
                                   evidence: try Self.proposalEvidence(db, proposalID: id))
            case let .position(id):
                guard let position = try ProposalPosition.fetchOne(db, key: id),
                      let proposal = try Proposal.fetchOne(db, key: position.proposalId),
                      let participant = try Participant.fetchOne(db, key: position.participantId) else {
                    throw SummitKBError.notFound(kind: "position", reference: String(id))
                }
                return Explanation(
                    subject: "position \(id): \(participant.name) \(position.stance.rawValue) \"\(proposal.summary)\"",
                    evidence: try Self.evidence(db, where: EvidenceRecord.Columns.proposalPositionId == id))
            }
        }
    }

    /// Evidence of a meeting's reports and participant roles.
    static func meetingEvidence(_ db: Database, meetingID: Int64) throws -> [EvidenceItem] {
        let reports = MeetingReport.filter(MeetingReport.Columns.meetingId == meetingID).select(MeetingReport.Columns.id)
        let roles = MeetingParticipant.filter(MeetingParticipant.Columns.meetingId == meetingID)
            .select(MeetingParticipant.Columns.id)
        return try evidence(db, where: reports.contains(EvidenceRecord.Columns.meetingReportId)
            || roles.contains(EvidenceRecord.Columns.meetingParticipantId))
    }

    /// Evidence of a proposal's reports and positions.
    static func proposalEvidence(_ db: Database, proposalID: Int64) throws -> [EvidenceItem] {
        let reports = ProposalReport.filter(ProposalReport.Columns.proposalId == proposalID).select(ProposalReport.Columns.id)
        let positions = ProposalPosition.filter(ProposalPosition.Columns.proposalId == proposalID)
            .select(ProposalPosition.Columns.id)
        return try evidence(db, where: reports.contains(EvidenceRecord.Columns.proposalReportId)
            || positions.contains(EvidenceRecord.Columns.proposalPositionId))
    }
}
