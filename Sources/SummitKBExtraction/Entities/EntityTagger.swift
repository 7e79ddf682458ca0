// STUB: replaced by the participants work (issue 3).
public struct Lexicon: Sendable {
    public let tables: [DataTable]
    public init(name: String, text: String) throws {
        tables = [try DataTable(name: name, text: text, format: "summitkb-entities/1", columns: ["x"])]
    }
    init(tables: [DataTable]) { self.tables = tables }
    public func adding(_ other: Lexicon) throws -> Lexicon { Lexicon(tables: tables + other.tables) }
}

public struct TitleLexicon: Sendable {
    public let table: DataTable
    public init(name: String, text: String) throws {
        table = try DataTable(name: name, text: text, format: "summitkb-titles/1", columns: ["x"])
    }
}

/// The entities of one document and every mention of them.
public struct EntityTagging: Sendable {
    public var entities: [Entity]
    public var mentions: [EntityMention]
    public init(entities: [Entity] = [], mentions: [EntityMention] = []) {
        self.entities = entities
        self.mentions = mentions
    }
}

public struct EntityTagger: Sendable {
    public init(lexicon: Lexicon, titles: TitleLexicon) {}
    public func tag(_ document: Document) -> EntityTagging { EntityTagging() }
}
