import GRDB

/// One meeting with its convener and how many participants and sources it has.
///
/// ```swift
/// for entry in try kb.meetings() {
///     print(entry.meeting.date ?? entry.meeting.dateText ?? "?", entry.meeting.name, entry.sourceCount)
/// }
/// ```
///
/// JSON: `{"meeting": Meeting, "convener"?: Participant, "attendee_count": Int, "source_count": Int}`.
public struct MeetingSummary: Codable, Sendable, Hashable, FetchableRecord {
    public var meeting: Meeting
    public var convener: Participant?
    /// Distinct participants in any role but `excluded`.
    public var attendeeCount: Int
    /// Distinct sources that report the meeting.
    public var sourceCount: Int
}

/// One participant with how many sources mention it and how often.
///
/// ```swift
/// for entry in try kb.participants(kind: .person) { print(entry.participant.name, entry.sourceCount) }
/// ```
///
/// JSON: `{"participant": Participant, "source_count": Int, "mention_count": Int}`.
public struct ParticipantSummary: Codable, Sendable, Hashable, FetchableRecord {
    public var participant: Participant
    public var sourceCount: Int
    public var mentionCount: Int
}

/// One proposal with who proposes, supports, opposes or discusses it, and where it was raised.
///
/// ```swift
/// for entry in try kb.proposals() { print(entry.proposal.summary, entry.proposers) }
/// ```
///
/// JSON: `{"proposal": Proposal, "meeting"?: Meeting, "proposers": [String], "supporters": [String],
/// "opposers": [String], "discussants": [String], "source_count": Int}`; names sorted.
public struct ProposalSummary: Codable, Sendable, Hashable {
    public var proposal: Proposal
    public var meeting: Meeting?
    public var proposers: [String]
    public var supporters: [String]
    public var opposers: [String]
    public var discussants: [String]
    public var sourceCount: Int
}

/// One ingested source without its text, with how much it contributed.
///
/// ```swift
/// for source in try kb.sources() { print(source.path, source.factCount) }
/// ```
///
/// JSON: `{"id", "path", "title", "published", "word_count", "fact_count", "meeting_count",
/// "proposal_count"}`.
public struct SourceSummary: Codable, Sendable, Hashable, FetchableRecord {
    public var id: Int64
    public var path: String
    public var title: String?
    public var published: String?
    public var wordCount: Int
    /// Evidence rows found in this source: every fact it backs.
    public var factCount: Int
    public var meetingCount: Int
    public var proposalCount: Int
}

/// One evidence row with the path of its source.
///
/// ```swift
/// for item in try kb.explain(.proposal(id: 2)).evidence {
///     print("\(item.path) [\(item.evidence.start)..<\(item.evidence.end)] \(item.evidence.sentence)")
/// }
/// ```
///
/// JSON: `{"evidence": EvidenceRecord, "path": String}`.
public struct EvidenceItem: Codable, Sendable, Hashable, FetchableRecord {
    public var evidence: EvidenceRecord
    public var path: String
}

/// One full-text search hit.
///
/// ```swift
/// for hit in try kb.search("peacekeeping troops") { print(hit.path, hit.snippet) }
/// ```
///
/// JSON: `{"source_id", "path", "title", "snippet", "rank"}`; the snippet marks matches
/// with `[` and `]`; a lower rank (bm25) is a better match.
public struct SearchHit: Codable, Sendable, Hashable, FetchableRecord {
    public var sourceId: Int64
    public var path: String
    public var title: String?
    public var snippet: String
    public var rank: Double
}

/// One participant's stance on one proposal, merged over sources.
///
/// ```swift
/// for entry in try kb.positions(ofParticipant: uk.id) { print(entry.stance, entry.summary) }
/// ```
///
/// JSON: `{"proposal_id", "summary", "stance", "report_count": Int, "sources": [String]}`.
public struct PositionEntry: Codable, Sendable, Hashable {
    /// How many sources' paths an entry lists at most: a participant named in thousands of
    /// articles takes the same stance in hundreds of them, and a profile listing them all
    /// read every one (30,000 rows for one head of state in a million articles).
    public static let sourceLimit = 10

    public var proposalId: Int64
    public var summary: String
    public var stance: Stance
    /// How many stored reports state the stance (one per source, as a rule); 0 when it was
    /// added by hand.
    public var reportCount: Int
    /// Paths of the sources of the first ``sourceLimit`` reports stored, sorted; empty when
    /// the stance was added by hand. ``reportCount`` tells whether there are more.
    public var sources: [String]
}

/// A participant with its spellings and every mention, each with its sentence.
///
/// ```swift
/// let zelensky = try kb.participantMentions(named: "Zelenskiy")
/// for mention in zelensky.mentions { print(mention.path, mention.evidence.sentence) }
/// ```
///
/// JSON: `{"participant": Participant, "aliases": [String], "mentions": [EvidenceItem]}`.
public struct ParticipantMentions: Codable, Sendable, Hashable {
    public var participant: Participant
    public var aliases: [String]
    public var mentions: [EvidenceItem]
}

/// Filters for ``KnowledgeBase/meetings(_:limit:)``; nil means "any".
///
/// ```swift
/// let filter = MeetingFilter(place: "Paris", from: "2025-02-01", through: "2025-03-31", participant: "UK")
/// ```
public struct MeetingFilter: Sendable, Hashable {
    /// City as stored, or a place whose folded form is the meeting's merge block.
    public var place: String?
    /// Earliest resolved date, ISO `YYYY-MM-DD`. A date filter excludes unresolved meetings.
    public var from: String?
    /// Latest resolved date, ISO `YYYY-MM-DD`.
    public var through: String?
    public var kind: MeetingKind?
    /// Any alias of a participant holding any role.
    public var participant: String?
    /// A source id or path.
    public var source: String?

    /// Any combination of filters; all must hold.
    ///
    /// ```swift
    /// let filter = MeetingFilter(kind: .military)
    /// ```
    public init(place: String? = nil, from: String? = nil, through: String? = nil, kind: MeetingKind? = nil,
                participant: String? = nil, source: String? = nil) {
        self.place = place
        self.from = from
        self.through = through
        self.kind = kind
        self.participant = participant
        self.source = source
    }
}

/// Filters for ``KnowledgeBase/proposals(_:limit:)``; nil means "any".
///
/// ```swift
/// let filter = ProposalFilter(kind: "troop deployment", proposer: "UK")
/// ```
public struct ProposalFilter: Sendable, Hashable {
    public var kind: String?
    /// Any alias of a participant that proposes it.
    public var proposer: String?
    /// Any alias of a participant that supports it.
    public var supporter: String?
    public var meetingId: Int64?

    /// Any combination of filters; all must hold.
    ///
    /// ```swift
    /// let filter = ProposalFilter(supporter: "Turkey")
    /// ```
    public init(kind: String? = nil, proposer: String? = nil, supporter: String? = nil, meetingId: Int64? = nil) {
        self.kind = kind
        self.proposer = proposer
        self.supporter = supporter
        self.meetingId = meetingId
    }
}
