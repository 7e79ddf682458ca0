import GRDB

/// One real-world meeting, merged from every source that reports it: a row of `meetings`.
///
/// ```swift
/// let paris = try kb.meetings(MeetingFilter(place: "Paris", kind: .summit))
/// for entry in paris { print(entry.meeting.name, entry.sourceCount) }
/// ```
public struct Meeting: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "meetings"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var id: Int64
    public var name: String
    public var kind: MeetingKind
    public var city: String?
    public var venue: String?
    public var country: String?
    /// ISO `YYYY-MM-DD` when resolved.
    public var date: String?
    /// The date as written: "Monday", "last week".
    public var dateText: String?
    public var datePrecision: DatePrecision
    public var status: MeetingStatus
    public var convenerId: Int64?
    public var topic: String?
    /// A bare attendee count ("chiefs from 30 nations").
    public var participantCount: Int?
    /// The merge block: folded place, or `virtual` / `none`.
    public var blockKey: String
    public var origin: String
    public var verified: Bool

    /// The columns of `meetings`.
    ///
    /// ```swift
    /// let request = Meeting.filter(Meeting.Columns.city == "Paris").order(Meeting.Columns.date)
    /// ```
    public enum Columns {
        public static let id = Column("id")
        public static let kind = Column("kind")
        public static let city = Column("city")
        public static let date = Column("date")
        public static let dateText = Column("date_text")
        public static let convenerId = Column("convener_id")
        public static let blockKey = Column("block_key")
    }

    /// Who convened or hosts the meeting.
    public static let convener = belongsTo(Participant.self, key: "convener")
    /// What each source says about this meeting.
    public static let reports = hasMany(MeetingReport.self)
    /// Every participant role, from every source.
    public static let roles = hasMany(MeetingParticipant.self)
    /// Proposals raised at this meeting.
    public static let proposals = hasMany(Proposal.self)

    /// Where the meeting took place, most precise first: "Élysée Palace, Paris".
    public var place: String? {
        let parts = [venue, city].compactMap { $0 }
        return parts.isEmpty ? country : parts.joined(separator: ", ")
    }
}

/// What one source says about one meeting: a row of `meeting_reports`.
///
/// ```swift
/// let dossier = try kb.meetingDossier(id: 1)
/// for source in dossier.sources { print(source.path, source.report.dateText ?? "-") }
/// ```
public struct MeetingReport: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "meeting_reports"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var id: Int64
    public var sourceId: Int64
    public var meetingId: Int64
    /// Order of the meeting within its source.
    public var ordinal: Int
    public var kind: String
    public var name: String
    public var city: String?
    public var venue: String?
    public var country: String?
    public var date: String?
    public var dateText: String?
    public var datePrecision: String
    public var status: String
    public var convenerId: Int64?
    public var topic: String?
    public var participantCount: Int?
    public var blockKey: String
    /// Why this report joined its meeting.
    public var mergeReason: String?
    public var confidence: Double

    /// The columns of `meeting_reports`.
    ///
    /// ```swift
    /// let request = MeetingReport.filter(MeetingReport.Columns.meetingId == 1)
    /// ```
    public enum Columns {
        public static let id = Column("id")
        public static let sourceId = Column("source_id")
        public static let meetingId = Column("meeting_id")
        public static let ordinal = Column("ordinal")
    }

    public static let source = belongsTo(Source.self)
    public static let meeting = belongsTo(Meeting.self)
    public static let convener = belongsTo(Participant.self, key: "convener")
    /// The participant roles this source reports.
    public static let roles = hasMany(MeetingParticipant.self)
    /// The evidence for this report's slots.
    public static let evidence = hasMany(EvidenceRecord.self)
}

/// One participant's role in one meeting, as one source reports it: a row of `meeting_participants`.
///
/// ```swift
/// let attendance = try kb.attendance()
/// ```
///
/// `meetingReportId` is nil when a person added the role by hand.
public struct MeetingParticipant: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "meeting_participants"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var id: Int64
    public var meetingId: Int64
    public var meetingReportId: Int64?
    public var participantId: Int64
    public var role: MeetingRole
    public var origin: String
    public var verified: Bool

    /// The columns of `meeting_participants`.
    ///
    /// ```swift
    /// let request = MeetingParticipant.filter(MeetingParticipant.Columns.role == "excluded")
    /// ```
    public enum Columns {
        public static let id = Column("id")
        public static let meetingId = Column("meeting_id")
        public static let meetingReportId = Column("meeting_report_id")
        public static let participantId = Column("participant_id")
        public static let role = Column("role")
    }

    public static let meeting = belongsTo(Meeting.self)
    public static let report = belongsTo(MeetingReport.self)
    public static let participant = belongsTo(Participant.self)
    public static let evidence = hasMany(EvidenceRecord.self)
}
