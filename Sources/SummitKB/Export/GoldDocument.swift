import Foundation

/// The hand-written truth about one document, scored against an export by
/// ``Evaluation/evaluate(export:gold:)``.
///
/// ```swift
/// let gold = try GoldDocument.load(directory: "Tests/SummitKBTests/Fixtures/gold")
/// print(gold.map(\.document))   // ["000_cf92cea98311280a.txt", ...]
/// ```
///
/// Keys that a gold file may leave out (`aliases`, `optional`, `attendees`,
/// `optional_attendees`, `excluded`, `match`, `proposers`, `supporters`, ...) decode as
/// empty or `false`; unknown keys are ignored. `participant_count` and `venue` are read
/// but not scored.
public struct GoldDocument: Codable, Sendable, Equatable {
    /// The file name of the source; an export source matches when its path's base name is equal.
    public var document: String
    public var source: Source?
    public var entities: [Entity]
    public var meetings: [Meeting]
    public var proposals: [Proposal]

    public init(document: String, source: Source? = nil, entities: [Entity] = [], meetings: [Meeting] = [], proposals: [Proposal] = []) {
        self.document = document
        self.source = source
        self.entities = entities
        self.meetings = meetings
        self.proposals = proposals
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        document = try container.decode(String.self, forKey: .document)
        source = try container.decodeIfPresent(Source.self, forKey: .source)
        entities = try container.decodeIfPresent([Entity].self, forKey: .entities) ?? []
        meetings = try container.decodeIfPresent([Meeting].self, forKey: .meetings) ?? []
        proposals = try container.decodeIfPresent([Proposal].self, forKey: .proposals) ?? []
    }

    enum CodingKeys: String, CodingKey {
        case document, source, entities, meetings, proposals
    }

    /// What ingest must make of the source text (checked by the ingest tests, not scored here).
    public struct Source: Codable, Sendable, Equatable {
        public var title: String?
        public var author: String?
        public var mustContainOnce: [String]
        public var mustNotContain: [String]

        public init(title: String? = nil, author: String? = nil, mustContainOnce: [String] = [], mustNotContain: [String] = []) {
            self.title = title
            self.author = author
            self.mustContainOnce = mustContainOnce
            self.mustNotContain = mustNotContain
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            author = try container.decodeIfPresent(String.self, forKey: .author)
            mustContainOnce = try container.decodeIfPresent([String].self, forKey: .mustContainOnce) ?? []
            mustNotContain = try container.decodeIfPresent([String].self, forKey: .mustNotContain) ?? []
        }

        enum CodingKeys: String, CodingKey {
            case title, author
            case mustContainOnce = "must_contain_once"
            case mustNotContain = "must_not_contain"
        }
    }

    /// An actor the document mentions.
    public struct Entity: Codable, Sendable, Equatable {
        public var name: String
        public var kind: String
        public var aliases: [String]
        public var title: String?
        public var country: String?
        /// May be extracted or not: neither found nor missed.
        public var optional: Bool

        public init(name: String, kind: String, aliases: [String] = [], title: String? = nil, country: String? = nil, optional: Bool = false) {
            self.name = name
            self.kind = kind
            self.aliases = aliases
            self.title = title
            self.country = country
            self.optional = optional
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            kind = try container.decode(String.self, forKey: .kind)
            aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
            title = try container.decodeIfPresent(String.self, forKey: .title)
            country = try container.decodeIfPresent(String.self, forKey: .country)
            optional = try container.decodeIfPresent(Bool.self, forKey: .optional) ?? false
        }

        enum CodingKeys: String, CodingKey {
            case name, kind, aliases, title, country, optional
        }
    }

    /// A meeting the document reports.
    public struct Meeting: Codable, Sendable, Equatable {
        /// Names the real-world meeting: the same key in two documents is the same meeting.
        public var key: String
        public var kind: String?
        /// Place names any of which identifies the meeting; a `nil` element means "no place".
        public var location: [String?]
        public var venue: String?
        public var dateText: String?
        /// An entity name of the same document.
        public var convener: String?
        public var attendees: [String]
        public var optionalAttendees: [String]
        public var excluded: [String]
        public var participantCount: Int?
        public var optional: Bool

        public init(
            key: String, kind: String? = nil, location: [String?], venue: String? = nil, dateText: String? = nil,
            convener: String? = nil, attendees: [String] = [], optionalAttendees: [String] = [], excluded: [String] = [],
            participantCount: Int? = nil, optional: Bool = false
        ) {
            self.key = key
            self.kind = kind
            self.location = location
            self.venue = venue
            self.dateText = dateText
            self.convener = convener
            self.attendees = attendees
            self.optionalAttendees = optionalAttendees
            self.excluded = excluded
            self.participantCount = participantCount
            self.optional = optional
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            key = try container.decode(String.self, forKey: .key)
            kind = try container.decodeIfPresent(String.self, forKey: .kind)
            location = try container.decode([String?].self, forKey: .location)
            venue = try container.decodeIfPresent(String.self, forKey: .venue)
            dateText = try container.decodeIfPresent(String.self, forKey: .dateText)
            convener = try container.decodeIfPresent(String.self, forKey: .convener)
            attendees = try container.decodeIfPresent([String].self, forKey: .attendees) ?? []
            optionalAttendees = try container.decodeIfPresent([String].self, forKey: .optionalAttendees) ?? []
            excluded = try container.decodeIfPresent([String].self, forKey: .excluded) ?? []
            participantCount = try container.decodeIfPresent(Int.self, forKey: .participantCount)
            optional = try container.decodeIfPresent(Bool.self, forKey: .optional) ?? false
        }

        enum CodingKeys: String, CodingKey {
            case key, kind, location, venue, convener, attendees, excluded, optional
            case dateText = "date_text"
            case optionalAttendees = "optional_attendees"
            case participantCount = "participant_count"
        }
    }

    /// A proposal the document reports.
    public struct Proposal: Codable, Sendable, Equatable {
        public var summary: String
        /// An export summary matches when, for every inner list, it contains one of its strings (folded).
        public var match: [[String]]
        public var proposers: [String]
        public var supporters: [String]
        public var optional: Bool

        public init(summary: String, match: [[String]], proposers: [String] = [], supporters: [String] = [], optional: Bool = false) {
            self.summary = summary
            self.match = match
            self.proposers = proposers
            self.supporters = supporters
            self.optional = optional
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            summary = try container.decode(String.self, forKey: .summary)
            match = try container.decodeIfPresent([[String]].self, forKey: .match) ?? [[summary]]
            proposers = try container.decodeIfPresent([String].self, forKey: .proposers) ?? []
            supporters = try container.decodeIfPresent([String].self, forKey: .supporters) ?? []
            optional = try container.decodeIfPresent(Bool.self, forKey: .optional) ?? false
        }

        enum CodingKeys: String, CodingKey {
            case summary, match, proposers, supporters, optional
        }
    }
}

extension GoldDocument {
    /// Reads every `*.json` file of `directory`, in file-name order.
    ///
    /// - Throws: ``SummitKBError/badGold(path:reason:)`` naming the folder when it cannot be
    ///   listed or holds no `.json` file, or naming the file that cannot be read or decoded.
    public static func load(directory: String) throws -> [GoldDocument] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw SummitKBError.badGold(path: directory, reason: "no such folder; pass the folder that holds the gold *.json files")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw SummitKBError.badGold(path: directory, reason: "cannot list the gold folder: \(error.localizedDescription)")
        }
        let files = names.filter { $0.hasSuffix(".json") }.sorted()
        guard !files.isEmpty else {
            throw SummitKBError.badGold(path: directory, reason: "no .json gold files in this folder")
        }
        return try files.map { try load(file: (directory as NSString).appendingPathComponent($0)) }
    }

    /// Reads one gold file.
    ///
    /// - Throws: ``SummitKBError/badGold(path:reason:)`` naming the file.
    public static func load(file path: String) throws -> GoldDocument {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SummitKBError.badGold(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(GoldDocument.self, from: data)
        } catch {
            throw SummitKBError.badGold(path: path, reason: "not a gold document: \(describeDecodingError(error))")
        }
    }
}
