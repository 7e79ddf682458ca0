/// The patterns of the proposals stage, loaded from `proposal-terms.tsv`: cue verbs and
/// nouns, agenda cues, proposal kinds with their keywords, summary rewrites, and the
/// small word classes the rules need (auxiliaries, actor nouns, stops, conditions, ...).
///
/// ```text
/// # format: summitkb-proposal-terms/1
/// # provenance: ...
/// # gaps: ...
/// # columns: type	phrases	value	status	flags
/// verb	offer|offers|offered	proposes	offered
/// kind	ceasefire|truce	ceasefire
/// ```
///
/// ```swift
/// let terms = try ProposalTerms(name: "mine.tsv", text: text)
/// let finder = ProposalFinder(terms: terms)
/// ```
public struct ProposalTerms: Sendable {
    /// The `format` header value the file must declare.
    public static let format = "summitkb-proposal-terms/1"
    /// The columns the file must declare.
    public static let columns = ["type", "phrases", "value", "status", "flags"]

    /// What a row of the file declares.
    enum Category: String, Sendable, CaseIterable {
        case verb, noun, agenda, kind, lead, topic, stop, condition, list, hedge, date, modal, negation, aux, actor
        case connector, pronoun, relative, elaboration, copula, synonym, function, determiner
        case tableCue = "table-cue", column, meeting, reference
        case referenceModifier = "reference-modifier"
        case referencePronoun = "reference-pronoun"
        case passive
    }

    /// One phrase of the file with what it means.
    struct Cue: Sendable {
        var category: Category
        /// Stance, kind, replacement, column role or pronoun sort, by category.
        var value: String
        var stance: Stance?
        var status: ProposalStatus?
        /// The object must name a known kind.
        var weak: Bool
        /// A reporting verb whose `that` clause is a proposal only with a modal and a kind.
        var claim: Bool
    }

    /// Every phrase, over folded tokens.
    private(set) var trie = PhraseTrie<Cue>()
    /// One-token phrases by category, for word-class tests.
    private var words = WordClasses<Category, Cue>()

    /// Parses and validates a terms file.
    ///
    /// - Throws: ``DataFileError`` naming `name` and the line of an unknown type, an empty
    ///   phrase, an unknown stance, status, column role or flag.
    public init(name: String, text: String) throws {
        let table = try DataTable(name: name, text: text, format: Self.format, columns: Self.columns)
        for row in table.rows {
            func fail(_ message: String) -> DataFileError { DataFileError(file: name, line: row.line, message: message) }
            guard let category = Category(rawValue: row[0]) else {
                throw fail("unknown type '\(row[0])' (expected \(Category.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let phrases = row.list(1)
            guard !phrases.isEmpty else { throw fail("has no phrase") }
            var cue = Cue(category: category, value: row[2], stance: nil, status: nil, weak: false, claim: false)
            switch category {
            case .verb, .noun, .agenda:
                guard let stance = Stance(rawValue: row[2]) else {
                    throw fail("has stance '\(row[2])' (expected \(Stance.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                guard let status = ProposalStatus(rawValue: row[3]) else {
                    throw fail("has status '\(row[3])' (expected \(ProposalStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                cue.stance = stance
                cue.status = status
            case .kind, .synonym:
                guard !row[2].isEmpty else { throw fail("needs a value in column 'value'") }
            case .column:
                guard row[2] == "features" || row[2] == "challenges" else {
                    throw fail("has column role '\(row[2])' (expected features or challenges)")
                }
            case .pronoun:
                guard row[2] == "person" || row[2] == "group" else {
                    throw fail("has pronoun sort '\(row[2])' (expected person or group)")
                }
            default:
                break
            }
            for flag in row.list(4).flatMap({ $0.split(separator: ",").map { $0.trimmingSpaces() } }) {
                switch flag {
                case "weak": cue.weak = true
                case "claim": cue.claim = true
                default: throw fail("has unknown flag '\(flag)' (expected weak or claim)")
                }
            }
            for phrase in phrases {
                let folded = foldedTokens(phrase)
                guard !folded.isEmpty else { throw fail("has a phrase with no words: '\(phrase)'") }
                trie.insert(folded, cue)
                if folded.count == 1 { words.set(cue, for: folded[0], in: category) }
            }
        }
    }

    /// Whether a folded word is a one-word phrase of the category.
    func isWord(_ category: Category, _ folded: String) -> Bool { words.contains(category, folded) }

    /// The one-word cue of a category for a folded word.
    func word(_ category: Category, _ folded: String) -> Cue? { words.value(category, folded) }

    /// The longest phrase of one of `categories` starting at `start`. An array, not a set:
    /// a set hashes each candidate's category by its raw value.
    func match(_ categories: [Category], in tokens: [Token], at start: Int, end: Int) -> (length: Int, cue: Cue)? {
        trie.longestMatch(tokens, from: start, to: end) { cue, _ in categories.contains(cue.category) }
            .map { ($0.length, $0.payloads[0]) }
    }
}
