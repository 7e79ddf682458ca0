/// One actor a lexicon knows.
public struct LexiconEntry: Hashable, Sendable {
    public var kind: ParticipantKind
    public var name: String
    public var aliases: [String]
    /// Adjectives and demonyms: "French", "Dutch".
    public var adjectives: [String]
    /// Capitals and seats of power that stand for the state when it acts: "Moscow", "Kremlin".
    public var seats: [String]
    public var title: String?
    public var country: String?
    /// The lexicon file the entry came from.
    public var lexicon: String

    /// The resolution key shared with pattern-found entities: `kind:` + folded name.
    public var key: String { entityKey(kind, name) }
}

/// The resolution key for an actor: `kind:` plus the folded name.
public func entityKey(_ kind: ParticipantKind, _ name: String) -> String {
    "\(kind.rawValue):\(Folding.fold(name))"
}

/// A set of known actors with their spellings, loaded from `entities.tsv`-format files.
///
/// ```swift
/// let lexicon = try Lexicon(name: "mine.tsv", text: """
///     # format: summitkb-entities/1
///     # provenance: my notes
///     # gaps: everything else
///     # columns: kind	name	aliases	adjectives	seats	title	country
///     person	Kaia Rebane	Rebane			Defence Minister	Estonia
///     """)
/// ```
/// Later files extend earlier ones: an entry with the same kind and name adds its
/// spellings and overrides title and country.
public struct Lexicon: Sendable {
    public static let format = "summitkb-entities/1"
    public static let columns = ["kind", "name", "aliases", "adjectives", "seats", "title", "country"]

    /// How a surface form names its entry.
    enum Form: Sendable, Hashable {
        case name, adjective, seat
    }

    struct Surface: Sendable, Hashable {
        let entry: Int
        let form: Form
        /// The form is written in capitals ("US", "EU"): the text must be too.
        let allCaps: Bool
    }

    public private(set) var entries: [LexiconEntry] = []
    /// The entity each entry resolves to, with every spelling the lexicon knows (parallel to `entries`).
    private(set) var entities: [Entity] = []
    private var indexByKey: [String: Int] = [:]
    private(set) var trie = PhraseTrie<Surface>()
    /// Folded surnames of known people, to tell "Macron" from an unknown name.
    private(set) var knownSurnames: Set<String> = []

    /// Parses and validates one lexicon file.
    ///
    /// - Throws: ``DataFileError`` naming the file and line of the first problem.
    public init(name: String, text: String) throws {
        let table = try DataTable(name: name, text: text, format: Self.format, columns: Self.columns)
        for row in table.rows {
            guard let kind = ParticipantKind(rawValue: row[0]) else {
                throw DataFileError(file: name, line: row.line,
                                    message: "unknown kind '\(row[0])' (expected person, country, organization or group)")
            }
            guard !row[1].isEmpty else { throw DataFileError(file: name, line: row.line, message: "has an empty name") }
            add(LexiconEntry(kind: kind, name: row[1], aliases: row.list(2), adjectives: row.list(3), seats: row.list(4),
                             title: row.optional(5), country: row.optional(6), lexicon: name))
        }
    }

    /// This lexicon extended by `other` (its entries win on title and country).
    public func adding(_ other: Lexicon) -> Lexicon {
        var merged = self
        for entry in other.entries { merged.add(entry) }
        return merged
    }

    /// The entry with this resolution key.
    public func entry(key: String) -> LexiconEntry? { indexByKey[key].map { entries[$0] } }

    private mutating func add(_ entry: LexiconEntry) {
        let index: Int
        if let existing = indexByKey[entry.key] {
            index = existing
            var merged = entries[existing]
            merged.aliases += entry.aliases
            merged.adjectives += entry.adjectives
            merged.seats += entry.seats
            merged.title = entry.title ?? merged.title
            merged.country = entry.country ?? merged.country
            entries[existing] = merged
            entities[existing] = Self.entity(merged)
        } else {
            index = entries.count
            entries.append(entry)
            entities.append(Self.entity(entry))
            indexByKey[entry.key] = index
        }
        var names = [entry.name] + entry.aliases
        if entry.kind == .person, let surname = entry.name.split(separator: " ").last, entry.name.contains(" ") {
            names.append(String(surname))
            knownSurnames.insert(Folding.fold(String(surname)))
        }
        for surface in names { insert(surface, Surface(entry: index, form: .name, allCaps: isAllCaps(surface))) }
        for surface in entry.adjectives { insert(surface, Surface(entry: index, form: .adjective, allCaps: false)) }
        for surface in entry.seats { insert(surface, Surface(entry: index, form: .seat, allCaps: false)) }
    }

    /// The entity for an entry, with every spelling the lexicon knows, so a user can find it by any of them.
    private static func entity(_ entry: LexiconEntry) -> Entity {
        var spellings = [entry.name] + entry.aliases + entry.adjectives + entry.seats
        if entry.kind == .person, entry.name.contains(" "), let surname = entry.name.split(separator: " ").last {
            spellings.append(String(surname))
        }
        var seen = Set<String>()
        return Entity(key: entry.key, kind: entry.kind, name: entry.name, title: entry.title, country: entry.country,
                      aliases: spellings.filter { seen.insert($0).inserted }, lexicon: entry.lexicon)
    }

    private mutating func insert(_ surface: String, _ payload: Surface) {
        let tokens = foldedTokens(surface)
        // "the X" aliases are matched without the article: the article is never part of a name.
        let phrase = tokens.first == "the" && tokens.count > 1 ? Array(tokens.dropFirst()) : tokens
        trie.insert(phrase, payload)
    }

    private func isAllCaps(_ surface: String) -> Bool {
        let letters = surface.unicodeScalars.filter { $0.properties.isAlphabetic }
        return letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase }
    }
}

/// Cue words for people and actors, loaded from `titles.tsv`: title heads and parts,
/// ranks, actor nouns, and the words that tell a capital acting from a place.
public struct TitleLexicon: Sendable {
    public static let format = "summitkb-titles/1"
    public static let columns = ["phrase", "type"]

    /// What a cue phrase signals.
    enum Cue: String, Sendable, CaseIterable {
        case head, part, rank, actor, act, locative, relation, counterpart, region
    }

    private(set) var heads = PhraseTrie<Int>()
    private var words = WordClasses<Cue, Void>()

    /// Parses and validates a cue file.
    public init(name: String, text: String) throws {
        let table = try DataTable(name: name, text: text, format: Self.format, columns: Self.columns)
        for (_, cue, phrase) in try table.cueRows(of: Cue.self) {
            if cue == .head || cue == .counterpart { heads.insert(phrase, phrase.count) }
            words.set((), for: phrase.joined(separator: " "), in: cue)
        }
    }

    /// The cue classes of a folded word: a pass that tests tokens again and again keeps one
    /// per token and tests it with ``isCue(_:in:)``.
    typealias Cues = WordClasses<Cue, Void>.Classes

    func isCue(_ cue: Cue, _ folded: String) -> Bool { words.contains(cue, folded) }

    func cues(of folded: String) -> Cues { words.classes(of: folded) }

    func isCue(_ cue: Cue, in cues: Cues) -> Bool { words.contains(cue, cues) }
}
