/// The kinds of actor a participant can be.
public enum ParticipantKind: String, Hashable, Sendable, Codable, CaseIterable {
    case person, country, organization, group
}

/// A meeting's kind, as the export format names it.
public enum MeetingKind: String, Hashable, Sendable, Codable, CaseIterable {
    case summit, ministerial, military, talks, conference, virtual, call, visit, meeting
}

/// Where a meeting stands in time relative to the article.
public enum MeetingStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case planned, held, ongoing, unknown
}

/// How precisely a date expression pins a day.
public enum DatePrecision: String, Hashable, Sendable, Codable, CaseIterable {
    case day, weekday, week, month, year, unknown
}

/// A participant's part in a meeting.
public enum MeetingRole: String, Hashable, Sendable, Codable, CaseIterable {
    case convener, host, attendee, speaker, invited, excluded
}

/// A participant's position on a proposal.
public enum Stance: String, Hashable, Sendable, Codable, CaseIterable {
    case proposes, supports, opposes, discusses
}

/// Where a proposal stands.
public enum ProposalStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case proposed, offered, suggested, agreed, rejected
    case underDiscussion = "under discussion"
}

/// The text behind one extracted fact: where it is and which rule found it.
public struct Evidence: Hashable, Sendable {
    /// What the evidence supports: `mention`, `meeting`, `date`, `city`, `convener`, `proposal`, ...
    public var slot: String
    /// The slot value this evidence gives, as text (nil for the fact itself).
    public var value: String?
    /// The matched span, in UTF-8 bytes of the normalized text.
    public var range: TextRange
    /// Index of the sentence holding the span, in ``Document/sentences``.
    public var sentence: Int
    /// Stage and rule, e.g. `entities/lexicon:default` or `meetings/trigger`.
    public var extractor: String
    /// How sure the rule is, from 0 to 1.
    public var confidence: Double

    public init(slot: String, value: String? = nil, range: TextRange, sentence: Int,
                extractor: String, confidence: Double = 1) {
        self.slot = slot
        self.value = value
        self.range = range
        self.sentence = sentence
        self.extractor = extractor
        self.confidence = confidence
    }
}

/// One actor as resolved within a document.
///
/// `key` is the resolution key shared across documents: `kind:` plus the folded
/// canonical name (`person:emmanuel macron`), so the store can unify actors.
public struct Entity: Hashable, Sendable {
    public var key: String
    public var kind: ParticipantKind
    public var name: String
    public var title: String?
    public var country: String?
    /// Every spelling seen or known for this actor.
    public var aliases: [String]
    /// Name of the lexicon that knew it; nil when a pattern found it.
    public var lexicon: String?

    public init(key: String, kind: ParticipantKind, name: String, title: String? = nil,
                country: String? = nil, aliases: [String] = [], lexicon: String? = nil) {
        self.key = key
        self.kind = kind
        self.name = name
        self.title = title
        self.country = country
        self.aliases = aliases
        self.lexicon = lexicon
    }
}

/// One place in the text that names an entity.
public struct EntityMention: Hashable, Sendable {
    /// ``Entity/key`` of the actor named.
    public var entity: String
    /// How the actor is named here.
    public var form: MentionForm
    public var evidence: Evidence
    /// Tokens covered, as indices into ``Document/tokens``.
    public var tokens: Range<Int>

    public init(entity: String, form: MentionForm, evidence: Evidence, tokens: Range<Int>) {
        self.entity = entity
        self.form = form
        self.evidence = evidence
        self.tokens = tokens
    }
}

/// How a mention names its actor.
public enum MentionForm: String, Hashable, Sendable {
    /// The name or a known alias ("France", "U.K.", "Macron").
    case name
    /// An adjective or demonym ("French", "Dutch").
    case adjective
    /// A capital acting for its state ("Washington has circulated").
    case metonym
}

/// A participant's part in an extracted meeting, with the text that shows it.
public struct ExtractedRole: Hashable, Sendable {
    public var entity: String
    public var role: MeetingRole
    public var evidence: Evidence

    public init(entity: String, role: MeetingRole, evidence: Evidence) {
        self.entity = entity
        self.role = role
        self.evidence = evidence
    }
}

/// One meeting as one article reports it.
public struct ExtractedMeeting: Hashable, Sendable {
    public var kind: MeetingKind
    /// A readable name, e.g. "Paris leaders' meeting on European security".
    public var name: String
    public var city: String?
    public var venue: String?
    public var country: String?
    /// ISO `YYYY-MM-DD` when resolved against the published date; never invented.
    public var date: String?
    /// The date expression as written ("Monday", "last week").
    public var dateText: String?
    public var datePrecision: DatePrecision
    public var status: MeetingStatus
    /// ``Entity/key`` of the convener or host.
    public var convener: String?
    public var topic: String?
    /// A bare count of participants ("chiefs from 30 nations").
    public var participantCount: Int?
    public var participants: [ExtractedRole]
    /// Evidence for the meeting itself (slot `meeting`) and for each slot.
    public var evidence: [Evidence]

    public init(kind: MeetingKind, name: String, city: String? = nil, venue: String? = nil,
                country: String? = nil, date: String? = nil, dateText: String? = nil,
                datePrecision: DatePrecision = .unknown, status: MeetingStatus = .unknown,
                convener: String? = nil, topic: String? = nil, participantCount: Int? = nil,
                participants: [ExtractedRole] = [], evidence: [Evidence] = []) {
        self.kind = kind
        self.name = name
        self.city = city
        self.venue = venue
        self.country = country
        self.date = date
        self.dateText = dateText
        self.datePrecision = datePrecision
        self.status = status
        self.convener = convener
        self.topic = topic
        self.participantCount = participantCount
        self.participants = participants
        self.evidence = evidence
    }
}

/// A participant's stance on an extracted proposal, with the text that shows it.
public struct ExtractedPosition: Hashable, Sendable {
    public var entity: String
    public var stance: Stance
    public var evidence: Evidence

    public init(entity: String, stance: Stance, evidence: Evidence) {
        self.entity = entity
        self.stance = stance
        self.evidence = evidence
    }
}

/// One proposal as one article reports it.
public struct ExtractedProposal: Hashable, Sendable {
    /// A short normalized summary: "Deploy peacekeeping troops to Ukraine".
    public var summary: String
    /// ceasefire, troop deployment, sanctions, military aid, security guarantee, ...
    public var kind: String
    public var status: ProposalStatus
    /// Conditions attached ("only after a peace deal is signed").
    public var conditions: String?
    /// Features and challenges, when the proposal is a row of a flattened table.
    public var features: String?
    public var challenges: String?
    /// Index into ``ExtractionResult/meetings`` of the meeting where it was raised.
    public var meeting: Int?
    public var positions: [ExtractedPosition]
    /// Evidence for the proposal itself (slot `proposal`) and its slots.
    public var evidence: [Evidence]

    public init(summary: String, kind: String, status: ProposalStatus = .proposed,
                conditions: String? = nil, features: String? = nil, challenges: String? = nil,
                meeting: Int? = nil, positions: [ExtractedPosition] = [], evidence: [Evidence] = []) {
        self.summary = summary
        self.kind = kind
        self.status = status
        self.conditions = conditions
        self.features = features
        self.challenges = challenges
        self.meeting = meeting
        self.positions = positions
        self.evidence = evidence
    }
}

/// Everything the pipeline extracted from one article.
public struct ExtractionResult: Sendable {
    public var document: Document
    public var entities: [Entity]
    public var mentions: [EntityMention]
    public var meetings: [ExtractedMeeting]
    public var proposals: [ExtractedProposal]

    public init(document: Document, entities: [Entity] = [], mentions: [EntityMention] = [],
                meetings: [ExtractedMeeting] = [], proposals: [ExtractedProposal] = []) {
        self.document = document
        self.entities = entities
        self.mentions = mentions
        self.meetings = meetings
        self.proposals = proposals
    }

    /// The entity with the given key.
    public func entity(_ key: String) -> Entity? { entities.first { $0.key == key } }
}
