import GRDB

/// The `proposals` report: each proposal with who proposes, supports and opposes it, its status
/// and the meeting where it was raised.
///
/// ```swift
/// for entry in try kb.proposalsReport().proposals { print(entry.proposal.summary, entry.opposers) }
/// ```
///
/// JSON: `{"proposals": [ProposalSummary]}`, where a `ProposalSummary` is `{"proposal": Proposal,
/// "meeting"?: Meeting, "proposers": [String], "supporters": [String], "opposers": [String],
/// "discussants": [String], "source_count": Int}`.
public struct ProposalsReport: Codable, Sendable, Hashable, TableRepresentable {
    public var proposals: [ProposalSummary]

    /// Wraps already fetched rows, e.g. filtered ones.
    ///
    /// ```swift
    /// let ceasefires = ProposalsReport(proposals: try kb.proposals(ProposalFilter(kind: "ceasefire")))
    /// ```
    public init(proposals: [ProposalSummary]) { self.proposals = proposals }

    public var tables: [TextTable] {
        [TextTable(
            title: "Proposals",
            columns: ["id", "summary", "kind", "status", "proposers", "supporters", "opposers", "meeting", "sources"],
            wrapping: ["summary", "proposers", "supporters", "opposers", "meeting"],
            rows: proposals.map {
                [String($0.proposal.id), $0.proposal.summary, $0.proposal.kind, $0.proposal.status.rawValue,
                 $0.proposers.cell, $0.supporters.cell, $0.opposers.cell, $0.meeting?.name ?? "",
                 String($0.sourceCount)]
            })]
    }
}

/// Everything known about one proposal: `summitkb show proposal ID`.
///
/// ```swift
/// let dossier = try kb.proposalDossier(id: 2)
/// for position in dossier.positions { print(position.participant, position.stance) }
/// ```
///
/// JSON: `{"summary": ProposalSummary, "sources": [ProposalSourceReport], "positions": [PositionDetail],
/// "evidence": [EvidenceItem]}`.
public struct ProposalDossier: Codable, Sendable, Hashable, TableRepresentable {
    public var summary: ProposalSummary
    /// Each source's own account of the proposal.
    public var sources: [ProposalSourceReport]
    /// Every stance row, from every source.
    public var positions: [PositionDetail]
    /// The sentences behind the proposal and its positions.
    public var evidence: [EvidenceItem]

    public var tables: [TextTable] {
        let proposal = summary.proposal
        let fields: [(String, String?)] = [
            ("summary", proposal.summary), ("kind", proposal.kind), ("status", proposal.status.rawValue),
            ("conditions", proposal.conditions), ("meeting", summary.meeting.map { "\($0.id): \($0.name)" }),
        ]
        return [
            TextTable(title: "Proposal \(proposal.id)", columns: ["field", "value"], wrapping: ["value"],
                      rows: fields.compactMap { field, value in value.map { [field, $0] } }),
            TextTable(title: "Positions", columns: ["position id", "participant", "stance", "source"],
                      wrapping: ["participant"],
                      rows: positions.map { [String($0.id), $0.participant, $0.stance.rawValue, $0.path.cell] }),
            TextTable(title: "Sources", columns: ["id", "path", "summary", "status", "features", "challenges", "merge reason"],
                      wrapping: ["summary", "features", "challenges", "merge reason"],
                      rows: sources.map {
                          [String($0.sourceId), $0.path, $0.report.summary, $0.report.status, $0.report.features.cell,
                           $0.report.challenges.cell, $0.report.mergeReason.cell]
                      }),
            evidenceTable(evidence),
        ]
    }
}

/// What one source says about a proposal.
///
/// ```swift
/// let features = try kb.proposalDossier(id: 4).sources.compactMap(\.report.features)
/// ```
///
/// JSON: `{"source_id", "path", "title", "report": ProposalReport}`.
public struct ProposalSourceReport: Codable, Sendable, Hashable {
    public var sourceId: Int64
    public var path: String
    public var title: String?
    public var report: ProposalReport
}

/// One stance row with the participant's name and the source that reports it.
///
/// ```swift
/// let opposers = try kb.proposalDossier(id: 2).positions.filter { $0.stance == .opposes }
/// ```
///
/// JSON: `{"id", "participant_id", "participant", "stance", "path"}`; `path` is null when added by hand.
public struct PositionDetail: Codable, Sendable, Hashable, FetchableRecord {
    /// The `proposal_positions` row id, which `summitkb explain position` takes.
    public var id: Int64
    public var participantId: Int64
    public var participant: String
    public var stance: Stance
    public var path: String?
}

extension KnowledgeBase {
    /// The `proposals` report; `limit` caps the number of proposals.
    ///
    /// ```swift
    /// let report = try kb.proposalsReport()
    /// ```
    public func proposalsReport(limit: Int? = nil) throws -> ProposalsReport {
        ProposalsReport(proposals: try proposals(limit: limit))
    }

    /// Everything known about one proposal.
    ///
    /// ```swift
    /// let dossier = try kb.proposalDossier(id: 1)
    /// ```
    ///
    /// - Throws: ``SummitKBError/notFound(kind:reference:)``.
    public func proposalDossier(id: Int64) throws -> ProposalDossier {
        try writer.read { db in
            guard let summary = try Self.proposals(db, ProposalFilter(), limit: nil, ids: [id]).first else {
                throw SummitKBError.notFound(kind: "proposal", reference: String(id))
            }
            let reports = try ProposalReport
                .filter(ProposalReport.Columns.proposalId == id)
                .order(ProposalReport.Columns.sourceId, ProposalReport.Columns.ordinal)
                .fetchAll(db)
            let sources = try Self.sourceTitles(db, ids: reports.map(\.sourceId))
            let positions = try PositionDetail.fetchAll(db, sql: """
                SELECT pp.id, pp.participant_id AS participantId, p.name AS participant, pp.stance, s.path
                FROM proposal_positions pp
                JOIN participants p ON p.id = pp.participant_id
                LEFT JOIN proposal_reports r ON r.id = pp.proposal_report_id
                LEFT JOIN sources s ON s.id = r.source_id
                WHERE pp.proposal_id = ?
                ORDER BY pp.stance, p.name, s.path
                """, arguments: [id])
            return ProposalDossier(
                summary: summary,
                sources: reports.map { report in
                    ProposalSourceReport(sourceId: report.sourceId, path: sources[report.sourceId]?.path ?? "",
                                         title: sources[report.sourceId]?.title, report: report)
                },
                positions: positions,
                evidence: try Self.proposalEvidence(db, proposalID: id))
        }
    }
}
