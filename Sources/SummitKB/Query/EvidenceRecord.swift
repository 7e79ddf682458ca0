import GRDB

/// The text behind one stored fact: a row of `evidence`.
///
/// ```swift
/// let why = try kb.explain(.meeting(id: 1))
/// for item in why.evidence { print(item.path, item.evidence.sentence) }
/// ```
///
/// Named `EvidenceRecord` because ``Evidence`` is the extraction model's in-memory value.
/// Exactly one subject column (`participantId`, `meetingReportId`, `meetingParticipantId`,
/// `proposalReportId`, `proposalPositionId`) is set.
public struct EvidenceRecord: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "evidence"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var id: Int64
    public var sourceId: Int64
    public var participantId: Int64?
    public var meetingReportId: Int64?
    public var meetingParticipantId: Int64?
    public var proposalReportId: Int64?
    public var proposalPositionId: Int64?
    /// What the evidence supports: `mention`, `meeting`, `date`, `city`, `convener`, ...
    public var slot: String
    /// The slot value this evidence supports.
    public var value: String?
    /// Span start, in code points into the source's normalized text.
    public var start: Int
    public var end: Int
    /// Sentence start, in code points into the source's normalized text.
    public var sentenceStart: Int
    public var sentenceEnd: Int
    /// The sentence: `sentenceStart..<sentenceEnd` of the source's text, cut out by the query
    /// (see ``databaseSelection``); the table stores only the offsets.
    public var sentence: String
    /// Stage and rule, e.g. `entities/lexicon:default`.
    public var extractor: String
    public var confidence: Double

    /// Every column of `evidence`, and `sentence` cut out of the source's text: the table
    /// keeps a sentence as offsets only (migration 0005), like the `evidence_text` view.
    public static var databaseSelection: [any SQLSelectable] {
        [AllColumns(), SQL("""
            substr((SELECT text FROM sources WHERE sources.id = \(Columns.sourceId)),
                   \(Columns.sentenceStart) + 1, \(Columns.sentenceEnd) - \(Columns.sentenceStart))
            """).forKey("sentence")]
    }

    /// The columns of `evidence`.
    ///
    /// ```swift
    /// let request = EvidenceRecord.filter(EvidenceRecord.Columns.slot == "date")
    /// ```
    public enum Columns {
        public static let id = Column("id")
        public static let sourceId = Column("source_id")
        public static let participantId = Column("participant_id")
        public static let meetingReportId = Column("meeting_report_id")
        public static let meetingParticipantId = Column("meeting_participant_id")
        public static let proposalReportId = Column("proposal_report_id")
        public static let proposalPositionId = Column("proposal_position_id")
        public static let slot = Column("slot")
        public static let start = Column("start")
        public static let sentenceStart = Column("sentence_start")
        public static let sentenceEnd = Column("sentence_end")
    }

    public static let source = belongsTo(Source.self)
    public static let participant = belongsTo(Participant.self)
    public static let meetingReport = belongsTo(MeetingReport.self)
    public static let meetingParticipant = belongsTo(MeetingParticipant.self)
    public static let proposalReport = belongsTo(ProposalReport.self)
    public static let proposalPosition = belongsTo(ProposalPosition.self)
}
