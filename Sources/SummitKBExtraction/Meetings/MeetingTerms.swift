/// Cue phrases for finding meetings, loaded from `meeting-terms.tsv`: triggers with
/// their kind, kind and status cues, role cues, and a gazetteer of venues and cities.
///
/// ```swift
/// let terms = try MeetingTerms(name: "mine.tsv", text: """
///     # format: summitkb-meeting-terms/1
///     # provenance: example
///     # gaps: nearly everything
///     # columns: phrase	type	value
///     summit	trigger	summit
///     Paris	city	France
///     """)
/// ```
public struct MeetingTerms: Sendable {
    public static let format = "summitkb-meeting-terms/1"
    public static let columns = ["phrase", "type", "value"]

    /// What a cue phrase does.
    enum Cue: String, Sendable, CaseIterable {
        case trigger, verb, nontrigger, kind, plural, background, negation, anaphor, planned, held, ongoing
        case convenerAfter = "convener-after", convenerBefore = "convener-before"
        case attendees, exclusion, speaker, count, hold, venue, city, guest, body, attend
        case venueHead = "venue-head"
    }

    /// One cue phrase as listed: its type and value.
    struct Entry: Sendable {
        let cue: Cue
        let value: String
    }

    /// Every cue phrase in one trie, so a document is indexed in one walk per token.
    private(set) var trie = PhraseTrie<Entry>()
    private var words = WordClasses<Cue, Void>()

    /// Parses and validates a meeting-terms file.
    ///
    /// - Throws: ``DataFileError`` naming the file and line of the first problem.
    public init(name: String, text: String) throws {
        let table = try DataTable(name: name, text: text, format: Self.format, columns: Self.columns)
        for (row, cue, phrase) in try table.cueRows(of: Cue.self) {
            if cue == .trigger || cue == .verb || cue == .guest || cue == .kind, MeetingKind(rawValue: row[2]) == nil {
                throw DataFileError(file: name, line: row.line, message: "unknown meeting kind '\(row[2])'")
            }
            trie.insert(phrase, Entry(cue: cue, value: row[2]))
            words.set((), for: phrase.joined(separator: " "), in: cue)
        }
    }

    /// Every cue phrase in `tokens`, found once: the index the meeting finder queries.
    func index(_ document: Document) -> CueIndex {
        var matches = [[CueIndex.Match]](repeating: [], count: document.tokens.count)
        for sentence in document.sentences {
            for start in sentence.tokens {
                for (length, entries) in trie.allMatches(document.tokens, from: start, to: sentence.tokens.upperBound) {
                    for entry in entries { matches[start].append(CueIndex.Match(cue: entry.cue, length: length, value: entry.value)) }
                }
            }
        }
        return CueIndex(matches: matches)
    }

    /// The longest phrase of `cue` at the start of a short text (a gazetteer lookup).
    func match(_ cue: Cue, in text: String) -> (length: Int, value: String)? {
        let document = Document(text: text)
        return index(document).match(cue, at: 0, end: document.tokens.count)
    }

    func isCue(_ cue: Cue, _ folded: String) -> Bool { words.contains(cue, folded) }
}

/// The cue phrases found at each token of one document.
struct CueIndex: Sendable {
    struct Match: Sendable {
        let cue: MeetingTerms.Cue
        let length: Int
        let value: String
    }

    let matches: [[Match]]

    /// The longest phrase of `cue` starting at `index` and ending by `end`.
    func match(_ cue: MeetingTerms.Cue, at index: Int, end: Int) -> (length: Int, value: String)? {
        var best: Match?
        for match in matches[index] where match.cue == cue && index + match.length <= end {
            if best == nil || match.length > best!.length { best = match }
        }
        return best.map { ($0.length, $0.value) }
    }
}
