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
        case attendees, exclusion, speaker, count, hold, venue, city
    }

    /// Phrase tries per cue; the payload is the row's value.
    private(set) var tries: [Cue: PhraseTrie<String>] = [:]
    private(set) var words: [Cue: Set<String>] = [:]

    /// Parses and validates a meeting-terms file.
    ///
    /// - Throws: ``DataFileError`` naming the file and line of the first problem.
    public init(name: String, text: String) throws {
        let table = try DataTable(name: name, text: text, format: Self.format, columns: Self.columns)
        for row in table.rows {
            guard let cue = Cue(rawValue: row[1]) else {
                throw DataFileError(file: name, line: row.line,
                                    message: "unknown type '\(row[1])' (expected \(Cue.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if cue == .trigger || cue == .verb || cue == .kind, MeetingKind(rawValue: row[2]) == nil {
                throw DataFileError(file: name, line: row.line, message: "unknown meeting kind '\(row[2])'")
            }
            let phrase = foldedTokens(row[0])
            guard !phrase.isEmpty else { throw DataFileError(file: name, line: row.line, message: "has an empty phrase") }
            tries[cue, default: PhraseTrie()].insert(phrase, row[2])
            words[cue, default: []].insert(phrase.joined(separator: " "))
        }
    }

    func match(_ cue: Cue, _ tokens: [Token], at index: Int, end: Int) -> (length: Int, value: String)? {
        guard let match = tries[cue]?.longestMatch(tokens, from: index, to: end) else { return nil }
        return (match.length, match.payloads[0])
    }

    func isCue(_ cue: Cue, _ folded: String) -> Bool { words[cue]?.contains(folded) ?? false }
}
