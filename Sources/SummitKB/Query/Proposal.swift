import GRDB

/// One proposal, merged from every source that reports it: a row of `proposals`.
///
/// ```swift
/// let troops = try kb.proposals(ProposalFilter(kind: "troop deployment"))
/// ```
public struct Proposal: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "proposals"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var id: Int64
    /// A short normalized summary: "Deploy peacekeeping troops to Ukraine".
    public var summary: String
    public var kind: String
    public var status: ProposalStatus
    public var conditions: String?
    /// The meeting where it was raised, when the text ties them.
    public var meetingId: Int64?
    public var mergeKey: String
    public var origin: String
    public var verified: Bool

    /// The columns of `proposals`.
    ///
    /// ```swift
    /// let request = Proposal.filter(Proposal.Columns.kind == "ceasefire")
    /// ```
    public enum Columns {
        public static let id = Column("id")
        public static let kind = Column("kind")
        public static let meetingId = Column("meeting_id")
    }

    public static let meeting = belongsTo(Meeting.self)
    public static let reports = hasMany(ProposalReport.self)
    public static let positions = hasMany(ProposalPosition.self)
}

/// What one source says about one proposal: a row of `proposal_reports`.
///
/// ```swift
/// let dossier = try kb.proposalDossier(id: 1)
/// for source in dossier.sources { print(source.path, source.report.status) }
/// ```
public struct ProposalReport: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "proposal_reports"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var id: Int64
    public var sourceId: Int64
    public var proposalId: Int64
    public var meetingReportId: Int64?
    public var ordinal: Int
    public var summary: String
    public var kind: String
    public var status: String
    public var conditions: String?
    /// From a flattened table row.
    public var features: String?
    /// From a flattened table row.
    public var challenges: String?
    public var mergeKey: String
    public var mergeReason: String?
    public var confidence: Double

    /// The columns of `proposal_reports`.
    ///
    /// ```swift
    /// let request = ProposalReport.filter(ProposalReport.Columns.sourceId == 4)
    /// ```
    public enum Columns {
        public static let id = Column("id")
        public static let sourceId = Column("source_id")
        public static let proposalId = Column("proposal_id")
        public static let ordinal = Column("ordinal")
    }

    public static let source = belongsTo(Source.self)
    public static let proposal = belongsTo(Proposal.self)
    public static let meetingReport = belongsTo(MeetingReport.self)
    public static let positions = hasMany(ProposalPosition.self)
    public static let evidence = hasMany(EvidenceRecord.self)
}

/// One participant's stance on one proposal, as one source reports it: a row of `proposal_positions`.
///
/// ```swift
/// let positions = try kb.positions(ofParticipant: macron.id)
/// ```
///
/// `proposalReportId` is nil when a person added the stance by hand.
public struct ProposalPosition: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "proposal_positions"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var id: Int64
    public var proposalId: Int64
    public var proposalReportId: Int64?
    public var participantId: Int64
    public var stance: Stance
    public var origin: String
    public var verified: Bool

    /// The columns of `proposal_positions`.
    ///
    /// ```swift
    /// let request = ProposalPosition.filter(ProposalPosition.Columns.stance == "opposes")
    /// ```
    public enum Columns {
        public static let id = Column("id")
        public static let proposalId = Column("proposal_id")
        public static let proposalReportId = Column("proposal_report_id")
        public static let participantId = Column("participant_id")
        public static let stance = Column("stance")
    }

    public static let proposal = belongsTo(Proposal.self)
    public static let report = belongsTo(ProposalReport.self)
    public static let participant = belongsTo(Participant.self)
    public static let evidence = hasMany(EvidenceRecord.self)
}
