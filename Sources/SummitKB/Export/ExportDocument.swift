import Foundation

/// The whole knowledge base as one `summitkb-export/1` JSON document, the format that
/// gold files are scored against (the gold set's `FORMAT.md` fixes it; `docs/SCHEMA.md` maps it to tables).
///
/// ```swift
/// let kb = try KnowledgeBase(path: "summitkb.sqlite", mode: .readOnly)
/// let document = try kb.export()
/// try document.jsonData().write(to: URL(fileURLWithPath: "export.json"))
///
/// let again = try ExportDocument(contentsOf: URL(fileURLWithPath: "export.json"))
/// assert(again == document)
/// ```
///
/// Every key the format requires is always written, `null` included; a few extra keys
/// (`aliases`, `topic`, `participant_count`, `conditions`, `url`, `dateline`) carry
/// what the database knows beyond the format, and `origin` (`extracted`, `corrected`,
/// `added`) and `verified` on every participant, meeting, role, proposal and position say
/// whether a person changed, added or checked it. Lists are ordered by id, and
/// ``jsonData()`` sorts keys, so two exports of the same database are byte-identical.
public struct ExportDocument: Codable, Sendable, Equatable {
    /// The value of the `format` key this version writes and reads.
    public static let formatIdentifier = "summitkb-export/1"

    public var format: String
    public var sources: [Source]
    public var participants: [Participant]
    public var meetings: [Meeting]
    public var proposals: [Proposal]

    public init(
        sources: [Source] = [], participants: [Participant] = [], meetings: [Meeting] = [], proposals: [Proposal] = []
    ) {
        self.format = Self.formatIdentifier
        self.sources = sources
        self.participants = participants
        self.meetings = meetings
        self.proposals = proposals
    }

    /// One ingested article.
    public struct Source: Codable, Sendable, Equatable {
        public var id: Int64
        /// The path it was ingested from; its base name is what gold `document` names.
        public var path: String
        public var title: String?
        public var author: String?
        public var publisher: String?
        /// ISO `YYYY-MM-DD` from the metadata, when known.
        public var published: String?
        public var sha256: String
        /// The normalized body text (spans in the database are code-point offsets into it).
        public var text: String
        /// Extra: the article URL from its metadata.
        public var url: String?
        /// Extra: the dateline place ("Paris" from "Paris – ...").
        public var dateline: String?

        public init(
            id: Int64, path: String, title: String? = nil, author: String? = nil, publisher: String? = nil,
            published: String? = nil, sha256: String, text: String, url: String? = nil, dateline: String? = nil
        ) {
            self.id = id
            self.path = path
            self.title = title
            self.author = author
            self.publisher = publisher
            self.published = published
            self.sha256 = sha256
            self.text = text
            self.url = url
            self.dateline = dateline
        }

        enum CodingKeys: String, CodingKey {
            case id, path, title, author, publisher, published, sha256, text, url, dateline
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(path, forKey: .path)
            try container.encode(title, forKey: .title)
            try container.encode(author, forKey: .author)
            try container.encode(publisher, forKey: .publisher)
            try container.encode(published, forKey: .published)
            try container.encode(sha256, forKey: .sha256)
            try container.encode(text, forKey: .text)
            try container.encode(url, forKey: .url)
            try container.encode(dateline, forKey: .dateline)
        }
    }

    /// One actor: a person, a country, an organization or a group.
    public struct Participant: Codable, Sendable, Equatable {
        public var id: Int64
        /// `person`, `country`, `organization` or `group`.
        public var kind: String
        public var name: String
        public var title: String?
        public var country: String?
        /// Every source that mentions it, ascending.
        public var sources: [Int64]
        /// Extra: the spellings the knowledge base resolved to this actor, sorted.
        public var aliases: [String]
        /// Extra: `extracted`, `corrected` (a person changed it) or `added` (a person added it).
        public var origin: String
        /// Extra: a person verified it.
        public var verified: Bool

        public init(
            id: Int64, kind: String, name: String, title: String? = nil, country: String? = nil,
            sources: [Int64] = [], aliases: [String] = [], origin: String = "extracted", verified: Bool = false
        ) {
            self.id = id
            self.kind = kind
            self.name = name
            self.title = title
            self.country = country
            self.sources = sources
            self.aliases = aliases
            self.origin = origin
            self.verified = verified
        }

        enum CodingKeys: String, CodingKey {
            case id, kind, name, title, country, sources, aliases, origin, verified
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(Int64.self, forKey: .id)
            kind = try container.decode(String.self, forKey: .kind)
            name = try container.decode(String.self, forKey: .name)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            country = try container.decodeIfPresent(String.self, forKey: .country)
            sources = try container.decode([Int64].self, forKey: .sources)
            aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
            origin = try container.decodeIfPresent(String.self, forKey: .origin) ?? "extracted"
            verified = try container.decodeIfPresent(Bool.self, forKey: .verified) ?? false
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(kind, forKey: .kind)
            try container.encode(name, forKey: .name)
            try container.encode(title, forKey: .title)
            try container.encode(country, forKey: .country)
            try container.encode(sources, forKey: .sources)
            try container.encode(aliases, forKey: .aliases)
            try container.encode(origin, forKey: .origin)
            try container.encode(verified, forKey: .verified)
        }
    }

    /// One real-world meeting, merged over every source that reports it.
    public struct Meeting: Codable, Sendable, Equatable {
        /// A participant and its role at the meeting.
        public struct Attendance: Codable, Sendable, Equatable, Hashable {
            public var participant: Int64
            /// `convener`, `host`, `attendee`, `speaker`, `invited` or `excluded`.
            public var role: String
            /// Extra: `extracted` when any source reports it, else `added` by a person.
            public var origin: String
            /// Extra: a person verified it.
            public var verified: Bool

            public init(participant: Int64, role: String, origin: String = "extracted", verified: Bool = false) {
                self.participant = participant
                self.role = role
                self.origin = origin
                self.verified = verified
            }

            public init(from decoder: Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                participant = try container.decode(Int64.self, forKey: .participant)
                role = try container.decode(String.self, forKey: .role)
                origin = try container.decodeIfPresent(String.self, forKey: .origin) ?? "extracted"
                verified = try container.decodeIfPresent(Bool.self, forKey: .verified) ?? false
            }
        }

        public var id: Int64
        public var name: String
        /// `summit`, `ministerial`, `military`, `talks`, `conference`, `virtual`, `call`, `visit` or `meeting`.
        public var kind: String
        public var city: String?
        public var venue: String?
        public var country: String?
        /// ISO `YYYY-MM-DD` when resolved.
        public var date: String?
        /// The date as written: "Monday", "last week".
        public var dateText: String?
        /// `day`, `weekday`, `week`, `month`, `year` or `unknown`.
        public var datePrecision: String
        /// `planned`, `held`, `ongoing` or `unknown`.
        public var status: String
        /// The participant id of the convener.
        public var convener: Int64?
        /// Distinct (participant, role) pairs, ordered by participant then role.
        public var participants: [Attendance]
        /// The sources that report it, ascending.
        public var sources: [Int64]
        /// Extra: what the meeting is about.
        public var topic: String?
        /// Extra: a bare head count ("chiefs from 30 nations").
        public var participantCount: Int?
        /// Extra: `extracted`, or `corrected` when a person changed a slot.
        public var origin: String
        /// Extra: a person verified it.
        public var verified: Bool

        public init(
            id: Int64, name: String, kind: String, city: String? = nil, venue: String? = nil, country: String? = nil,
            date: String? = nil, dateText: String? = nil, datePrecision: String = "unknown", status: String = "unknown",
            convener: Int64? = nil, participants: [Attendance] = [], sources: [Int64] = [], topic: String? = nil,
            participantCount: Int? = nil, origin: String = "extracted", verified: Bool = false
        ) {
            self.id = id
            self.name = name
            self.kind = kind
            self.city = city
            self.venue = venue
            self.country = country
            self.date = date
            self.dateText = dateText
            self.datePrecision = datePrecision
            self.status = status
            self.convener = convener
            self.participants = participants
            self.sources = sources
            self.topic = topic
            self.participantCount = participantCount
            self.origin = origin
            self.verified = verified
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(Int64.self, forKey: .id)
            name = try container.decode(String.self, forKey: .name)
            kind = try container.decode(String.self, forKey: .kind)
            city = try container.decodeIfPresent(String.self, forKey: .city)
            venue = try container.decodeIfPresent(String.self, forKey: .venue)
            country = try container.decodeIfPresent(String.self, forKey: .country)
            date = try container.decodeIfPresent(String.self, forKey: .date)
            dateText = try container.decodeIfPresent(String.self, forKey: .dateText)
            datePrecision = try container.decode(String.self, forKey: .datePrecision)
            status = try container.decode(String.self, forKey: .status)
            convener = try container.decodeIfPresent(Int64.self, forKey: .convener)
            participants = try container.decode([Attendance].self, forKey: .participants)
            sources = try container.decode([Int64].self, forKey: .sources)
            topic = try container.decodeIfPresent(String.self, forKey: .topic)
            participantCount = try container.decodeIfPresent(Int.self, forKey: .participantCount)
            origin = try container.decodeIfPresent(String.self, forKey: .origin) ?? "extracted"
            verified = try container.decodeIfPresent(Bool.self, forKey: .verified) ?? false
        }

        enum CodingKeys: String, CodingKey {
            case id, name, kind, city, venue, country, date, status, convener, participants, sources, topic, origin, verified
            case dateText = "date_text"
            case datePrecision = "date_precision"
            case participantCount = "participant_count"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(kind, forKey: .kind)
            try container.encode(city, forKey: .city)
            try container.encode(venue, forKey: .venue)
            try container.encode(country, forKey: .country)
            try container.encode(date, forKey: .date)
            try container.encode(dateText, forKey: .dateText)
            try container.encode(datePrecision, forKey: .datePrecision)
            try container.encode(status, forKey: .status)
            try container.encode(convener, forKey: .convener)
            try container.encode(participants, forKey: .participants)
            try container.encode(sources, forKey: .sources)
            try container.encode(topic, forKey: .topic)
            try container.encode(participantCount, forKey: .participantCount)
            try container.encode(origin, forKey: .origin)
            try container.encode(verified, forKey: .verified)
        }
    }

    /// One proposal (a plan, an offer, a demand), merged over its sources.
    public struct Proposal: Codable, Sendable, Equatable {
        /// A participant's stance on the proposal.
        public struct Position: Codable, Sendable, Equatable, Hashable {
            public var participant: Int64
            /// `proposes`, `supports`, `opposes` or `discusses`.
            public var stance: String
            /// Extra: `extracted` when any source reports it, else `added` by a person.
            public var origin: String
            /// Extra: a person verified it.
            public var verified: Bool

            public init(participant: Int64, stance: String, origin: String = "extracted", verified: Bool = false) {
                self.participant = participant
                self.stance = stance
                self.origin = origin
                self.verified = verified
            }

            public init(from decoder: Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                participant = try container.decode(Int64.self, forKey: .participant)
                stance = try container.decode(String.self, forKey: .stance)
                origin = try container.decodeIfPresent(String.self, forKey: .origin) ?? "extracted"
                verified = try container.decodeIfPresent(Bool.self, forKey: .verified) ?? false
            }
        }

        public var id: Int64
        public var summary: String
        public var kind: String
        public var status: String
        /// The meeting it was made at or for.
        public var meeting: Int64?
        /// Distinct (participant, stance) pairs, ordered by participant then stance.
        public var positions: [Position]
        /// The sources that report it, ascending.
        public var sources: [Int64]
        /// Extra: the conditions attached ("only after a peace deal").
        public var conditions: String?
        /// Extra: `extracted`, or `corrected` when a person changed a slot.
        public var origin: String
        /// Extra: a person verified it.
        public var verified: Bool

        public init(
            id: Int64, summary: String, kind: String, status: String = "proposed", meeting: Int64? = nil,
            positions: [Position] = [], sources: [Int64] = [], conditions: String? = nil,
            origin: String = "extracted", verified: Bool = false
        ) {
            self.id = id
            self.summary = summary
            self.kind = kind
            self.status = status
            self.meeting = meeting
            self.positions = positions
            self.sources = sources
            self.conditions = conditions
            self.origin = origin
            self.verified = verified
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(Int64.self, forKey: .id)
            summary = try container.decode(String.self, forKey: .summary)
            kind = try container.decode(String.self, forKey: .kind)
            status = try container.decode(String.self, forKey: .status)
            meeting = try container.decodeIfPresent(Int64.self, forKey: .meeting)
            positions = try container.decode([Position].self, forKey: .positions)
            sources = try container.decode([Int64].self, forKey: .sources)
            conditions = try container.decodeIfPresent(String.self, forKey: .conditions)
            origin = try container.decodeIfPresent(String.self, forKey: .origin) ?? "extracted"
            verified = try container.decodeIfPresent(Bool.self, forKey: .verified) ?? false
        }

        enum CodingKeys: String, CodingKey {
            case id, summary, kind, status, meeting, positions, sources, conditions, origin, verified
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(summary, forKey: .summary)
            try container.encode(kind, forKey: .kind)
            try container.encode(status, forKey: .status)
            try container.encode(meeting, forKey: .meeting)
            try container.encode(positions, forKey: .positions)
            try container.encode(sources, forKey: .sources)
            try container.encode(conditions, forKey: .conditions)
            try container.encode(origin, forKey: .origin)
            try container.encode(verified, forKey: .verified)
        }
    }
}

extension ExportDocument {
    /// The document as stable JSON: pretty printed, keys sorted, `null` written out,
    /// ending with a newline.
    public func jsonData() throws -> Data { try StableJSON.document(self) }

    /// Decodes an export from JSON data.
    ///
    /// - Throws: ``SummitKBError/invalidArgument(_:)`` naming `origin` when the data is not
    ///   JSON, lacks a required key, or declares another `format`.
    public init(jsonData data: Data, origin: String = "export") throws {
        let decoded: ExportDocument
        do {
            decoded = try JSONDecoder().decode(ExportDocument.self, from: data)
        } catch {
            throw SummitKBError.invalidArgument("\(origin): not a \(Self.formatIdentifier) document: \(describeDecodingError(error))")
        }
        guard decoded.format == Self.formatIdentifier else {
            throw SummitKBError.invalidArgument("\(origin): format is \"\(decoded.format)\", expected \"\(Self.formatIdentifier)\"")
        }
        self = decoded
    }

    /// Reads and decodes an export file.
    ///
    /// - Throws: ``SummitKBError/unreadablePath(path:reason:)`` when the file cannot be read,
    ///   ``SummitKBError/invalidArgument(_:)`` when it is not a valid export.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SummitKBError.unreadablePath(path: url.path, reason: error.localizedDescription)
        }
        try self.init(jsonData: data, origin: url.path)
    }
}

/// A one-line description of a `DecodingError`: what is wrong and where (`meetings[2].kind`).
func describeDecodingError(_ error: Error) -> String {
    func location(_ path: [CodingKey]) -> String {
        let text = path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "top level" : text)
    }
    switch error as? DecodingError {
    case let .keyNotFound(key, context)?:
        return "missing key \"\(key.stringValue)\" at \(location(context.codingPath))"
    case let .typeMismatch(_, context)?, let .valueNotFound(_, context)?:
        return "\(context.debugDescription) at \(location(context.codingPath))"
    case let .dataCorrupted(context)?:
        let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
        return "invalid JSON" + (underlying.map { ": \($0)" } ?? "") + (context.codingPath.isEmpty ? "" : " at \(location(context.codingPath))")
    default:
        return error.localizedDescription
    }
}
