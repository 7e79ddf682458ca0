/// The source list printed by `summitkb sources`.
///
/// ```swift
/// print(try Rendering.render(SourceList(sources: try kb.sources()), as: .csv))
/// ```
///
/// JSON: `{"sources": [SourceSummary]}`.
public struct SourceList: Codable, Sendable, Hashable, TableRepresentable {
    public var sources: [SourceSummary]

    /// Wraps already fetched rows, e.g. filtered ones.
    ///
    /// ```swift
    /// let list = SourceList(sources: try kb.sources(limit: 10))
    /// ```
    public init(sources: [SourceSummary]) { self.sources = sources }

    public var tables: [TextTable] {
        [TextTable(columns: ["id", "path", "title", "published", "words", "facts"], wrapping: ["title"],
                   rows: sources.map {
                       [String($0.id), $0.path, $0.title.cell, $0.published.cell, String($0.wordCount), String($0.factCount)]
                   })]
    }
}

/// The participant list printed by `summitkb participants`.
///
/// ```swift
/// let list = ParticipantList(participants: try kb.participants(kind: .country))
/// ```
///
/// JSON: `{"participants": [ParticipantSummary]}`.
public struct ParticipantList: Codable, Sendable, Hashable, TableRepresentable {
    public var participants: [ParticipantSummary]

    /// Wraps already fetched rows, e.g. filtered ones.
    ///
    /// ```swift
    /// let list = ParticipantList(participants: try kb.participants())
    /// ```
    public init(participants: [ParticipantSummary]) { self.participants = participants }

    public var tables: [TextTable] {
        [TextTable(columns: ["id", "kind", "name", "title", "country", "sources"], wrapping: ["name", "title"],
                   rows: participants.map {
                       [String($0.participant.id), $0.participant.kind.rawValue, $0.participant.name,
                        $0.participant.title.cell, $0.participant.country.cell, String($0.sourceCount)]
                   })]
    }
}

/// Full-text search hits printed by `summitkb search`.
///
/// ```swift
/// let results = SearchResults(query: "troops", hits: try kb.search("troops"))
/// ```
///
/// JSON: `{"query": String, "hits": [SearchHit]}`.
public struct SearchResults: Codable, Sendable, Hashable, TableRepresentable {
    public var query: String
    public var hits: [SearchHit]

    /// Wraps already fetched rows, e.g. filtered ones.
    ///
    /// ```swift
    /// let results = SearchResults(query: "Rutte", hits: try kb.search("Rutte"))
    /// ```
    public init(query: String, hits: [SearchHit]) {
        self.query = query
        self.hits = hits
    }

    public var tables: [TextTable] {
        [TextTable(columns: ["id", "path", "title", "snippet"], wrapping: ["title", "snippet"],
                   rows: hits.map { [String($0.sourceId), $0.path, $0.title.cell, $0.snippet] })]
    }
}

/// `summitkb show source`: metadata, then the normalized text, one paragraph per row.
///
/// ```swift
/// print(try Rendering.render(try kb.source("1"), as: .table))
/// ```
extension Source: TableRepresentable {
    /// Metadata, then the normalized text: what `summitkb show source` prints.
    public var tables: [TextTable] {
        let fields: [(String, String?)] = [
            ("id", String(id)), ("path", path), ("title", title), ("author", author), ("publisher", publisher),
            ("url", url), ("published", published), ("dateline", dateline), ("words", String(wordCount)),
            ("bytes", String(byteCount)), ("sha256", sha256), ("extractor", extractorVersion), ("ingested", ingestedAt),
        ]
        return [
            TextTable(title: "Source \(id)", columns: ["field", "value"], wrapping: ["value"],
                      rows: fields.compactMap { field, value in value.map { [field, $0] } }),
            TextTable(title: "Text", columns: ["paragraph"], wrapping: ["paragraph"],
                      rows: text.split(separator: "\n", omittingEmptySubsequences: true).map { [String($0)] }),
        ]
    }
}

/// `summitkb show participant`: the participant, then each mention with its sentence.
///
/// ```swift
/// print(try Rendering.render(try kb.participantMentions(named: "Rutte"), as: .markdown))
/// ```
extension ParticipantMentions: TableRepresentable {
    /// The participant, its aliases, and each mention with its sentence.
    public var tables: [TextTable] {
        let fields: [(String, String?)] = [
            ("name", participant.name), ("kind", participant.kind.rawValue), ("title", participant.title),
            ("country", participant.country), ("aliases", aliases.cell), ("lexicon", participant.lexicon),
        ]
        return [
            TextTable(title: "Participant \(participant.id)", columns: ["field", "value"], wrapping: ["value"],
                      rows: fields.compactMap { field, value in value.map { [field, $0] } }),
            evidenceTable(mentions, title: "Mentions"),
        ]
    }
}
