import GRDB

/// A person, country, organization or group: a row of `participants`.
///
/// ```swift
/// let macron = try kb.participant(named: "macron")
/// print(macron.name, macron.title ?? "")   // Emmanuel Macron President
/// ```
public struct Participant: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "participants"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var id: Int64
    public var kind: ParticipantKind
    public var name: String
    /// `kind` plus the folded canonical name: the resolution key.
    public var key: String
    public var title: String?
    /// Canonical country name, for people.
    public var country: String?
    /// The lexicon that knew it; nil when a pattern found it.
    public var lexicon: String?
    public var origin: String
    public var verified: Bool

    /// The columns of `participants`.
    ///
    /// ```swift
    /// let request = Participant.filter(Participant.Columns.kind == "person")
    /// ```
    public enum Columns {
        public static let id = Column("id")
        public static let kind = Column("kind")
        public static let name = Column("name")
    }

    /// Every spelling that resolves to this participant.
    public static let aliases = hasMany(ParticipantAlias.self)
    /// The meetings roles this participant holds.
    public static let meetingRoles = hasMany(MeetingParticipant.self)
    /// The stances this participant takes on proposals.
    public static let positions = hasMany(ProposalPosition.self)
    /// Every mention of this participant.
    public static let mentions = hasMany(EvidenceRecord.self)
}

/// One spelling of a participant: a row of `participant_aliases`.
///
/// ```swift
/// let aliases = try kb.participantMentions(named: "Zelenskyy").aliases
/// ```
public struct ParticipantAlias: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "participant_aliases"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var participantId: Int64
    public var alias: String
    /// Lower case, no diacritics, no dots: what lookups compare against.
    public var folded: String

    /// The columns of `participant_aliases`.
    ///
    /// ```swift
    /// let request = ParticipantAlias.filter(ParticipantAlias.Columns.folded == Folding.fold("Zelenskyy"))
    /// ```
    public enum Columns {
        public static let participantId = Column("participant_id")
        public static let alias = Column("alias")
        public static let folded = Column("folded")
    }

    /// The participant this alias names.
    public static let participant = belongsTo(Participant.self)
}
