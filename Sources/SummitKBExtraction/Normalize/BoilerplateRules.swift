import Foundation

/// The boilerplate patterns that ``Normalizer`` removes, loaded from a
/// `summitkb-boilerplate/1` data file such as the built-in `boilerplate.tsv`.
///
/// Each row is `kind<TAB>pattern<TAB>requires`. Most kinds match a line's *key*: the
/// line lower-cased, with every run of characters that are not letters or digits
/// turned into one space (`"Leave a Comment!"` → `"leave a comment"`), so a pattern
/// needs neither case nor punctuation to be exact.
///
/// ```swift
/// let rules = try BoilerplateRules(name: "mine.tsv", text: """
///     # format: summitkb-boilerplate/1
///     # provenance: written by hand for my scraper
///     # gaps: English only
///     # columns: kind\tpattern\trequires
///     line\tadvertisement
///     cut\tyou may also like
///     regex\t^[^<]*"\\s*>$\t>
///     """)
/// let article = Normalizer(rules: rules).normalize(scrapedText)
/// ```
///
/// See the header of `boilerplate.tsv` for every kind.
public struct BoilerplateRules: Sendable {
    /// The format name a boilerplate file must declare.
    public static let format = "summitkb-boilerplate/1"
    /// The columns a boilerplate file must declare.
    public static let columns = ["kind", "pattern", "requires"]

    /// Every rule kind a row may use.
    public enum Kind: String, CaseIterable, Sendable {
        /// Drop a line whose key equals the pattern's key.
        case line
        /// Drop a line whose key starts with the pattern's key (whole words).
        case prefix
        /// Drop a line that starts with the pattern followed by a colon (`Related: ...`).
        case label
        /// Drop a line made only of these words (share-button rows: `Facebook Twitter Email`).
        case words
        /// A line whose key equals the pattern ends the article: it and everything after are dropped.
        case cut
        /// The first item of a breadcrumb trail (`Home` in `Home » News » Title`).
        case crumbRoot = "crumb-root"
        /// A separator between breadcrumb items (`»`).
        case crumbSeparator = "crumb-separator"
        /// Words that open a byline (`by`, `written by`); the names after them become the author.
        case byline
        /// Words that open a line giving the article's date (`published`, `posted on`):
        /// `Published: 14 March 2025` dates the article and is removed.
        case publishedLabel = "published-label"
        /// Words that open a line giving the date of a later revision (`updated`): used only
        /// when the article gives no other date.
        case updatedLabel = "updated-label"
        /// An HTML element dropped with all its content when markup is stripped (`script`).
        case htmlDrop = "html-drop"
        /// Drop a line matched by this regular expression (case-insensitive); tried only on lines
        /// of at most ``BoilerplateRules/regexLineLimit`` bytes that contain `requires`.
        case regex
    }

    /// Regular-expression rules are tried only on lines up to this many UTF-8 bytes;
    /// boilerplate lines are short and long paragraphs are the bulk of an article.
    public static let regexLineLimit = 300

    /// A compiled regular-expression rule.
    struct RegexRule: @unchecked Sendable {
        // NSRegularExpression is immutable and documented as safe to share between threads.
        let expression: NSRegularExpression
        /// Lower-cased ASCII bytes that must occur in the line before the expression is tried.
        let requires: [UInt8]
    }

    /// Name of the file the rules came from, for messages.
    public let name: String
    let lines: Set<LineKey.Hashed>
    let prefixes: [[UInt8]]
    let labels: [[UInt8]]
    let words: Set<LineKey.Hashed>
    let cuts: Set<LineKey.Hashed>
    /// The longest key among `lines` and `cuts`: longer lines need no set lookup.
    let longestLine: Int
    let crumbRoots: [[UInt8]]
    let crumbSeparators: [[UInt8]]
    let bylines: [[UInt8]]
    /// Keys of the labels that open a date line, longest first.
    let dateLabels: [DateLine.Label]
    let htmlDropped: Set<[UInt8]>
    let regexes: [RegexRule]

    /// Parses and validates a boilerplate file.
    ///
    /// - Parameters:
    ///   - name: The file name, used in error messages.
    ///   - text: The file's contents.
    /// - Throws: ``DataFileError`` naming `name` and the line, for a bad header, an unknown
    ///   kind, an empty pattern, a pattern without letters or digits where a key is matched,
    ///   a regular expression that does not compile, or `requires` on a row that is not `regex`.
    public init(name: String, text: String) throws {
        let table = try DataTable(name: name, text: text, format: Self.format, columns: Self.columns)
        self.name = name
        var lines = Set<LineKey.Hashed>(), words = Set<LineKey.Hashed>(), cuts = Set<LineKey.Hashed>(), roots: [[UInt8]] = []
        var dropped = Set<[UInt8]>()
        var prefixes: [[UInt8]] = [], labels: [[UInt8]] = [], separators: [[UInt8]] = [], bylines: [[UInt8]] = []
        var regexes: [RegexRule] = []
        var dateLabels: [DateLine.Label] = []
        for row in table.rows {
            func fail(_ message: String) -> DataFileError { DataFileError(file: name, line: row.line, message: message) }
            guard let kind = Kind(rawValue: row[0]) else {
                throw fail("has unknown kind '\(row[0])'; use one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let pattern = row[1]
            guard !pattern.isEmpty else { throw fail("has an empty pattern") }
            if kind != .regex, !row[2].isEmpty {
                throw fail("gives 'requires' for a '\(kind.rawValue)' row; only 'regex' rows take it")
            }
            func key() throws -> [UInt8] {
                let key = LineKey.key(Array(pattern.utf8))
                guard !key.isEmpty else { throw fail("pattern '\(pattern)' has no letters or digits to match") }
                return key
            }
            switch kind {
            case .line: lines.insert(LineKey.Hashed(try key()))
            case .prefix: prefixes.append(try key())
            case .label: labels.append(Array(pattern.lowercased().utf8))
            case .words:
                let key = try key()
                guard !key.contains(UInt8(ascii: " ")) else { throw fail("'words' rows take one word each, got '\(pattern)'") }
                words.insert(LineKey.Hashed(key))
            case .cut: cuts.insert(LineKey.Hashed(try key()))
            case .crumbRoot: roots.append(try key())
            case .crumbSeparator: separators.append(Array(pattern.utf8))
            case .byline: bylines.append(try key())
            case .publishedLabel: dateLabels.append(DateLine.Label(key: try key(), isUpdate: false))
            case .updatedLabel: dateLabels.append(DateLine.Label(key: try key(), isUpdate: true))
            case .htmlDrop: dropped.insert(Array(pattern.lowercased().utf8))
            case .regex:
                do {
                    let expression = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
                    regexes.append(RegexRule(expression: expression, requires: Array(row[2].lowercased().utf8)))
                } catch {
                    throw fail("has a regular expression that does not compile: \(pattern)")
                }
            }
        }
        self.lines = lines
        self.prefixes = prefixes
        self.labels = labels
        self.words = words
        self.cuts = cuts
        self.longestLine = (lines.map(\.bytes.count) + cuts.map(\.bytes.count)).max() ?? 0
        self.crumbRoots = roots
        // Longest first, so `>>` wins over `>`.
        self.crumbSeparators = separators.sorted { $0.count > $1.count }
        self.bylines = bylines.sorted { $0.count > $1.count }
        self.dateLabels = dateLabels.sorted { $0.key.count > $1.key.count }
        self.htmlDropped = dropped
        self.regexes = regexes
    }

    /// The rules shipped in the library (`Resources/boilerplate.tsv`).
    ///
    /// - Throws: ``DataFileError`` if the shipped file is malformed (a build defect).
    public static func builtIn() throws -> BoilerplateRules {
        try BoilerplateRules(name: "boilerplate", text: BuiltInData.text(.boilerplate))
    }

    /// What to do with one cleaned line.
    enum Verdict: Equatable {
        case keep, drop, cut
    }

    /// Classifies a line given its bytes (markdown already stripped) and its key.
    func verdict(_ bytes: [UInt8], key: [UInt8]) -> Verdict {
        if key.isEmpty { return .drop }   // only markup or punctuation
        if key.count <= longestLine {
            let hashed = LineKey.Hashed(key)
            if cuts.contains(hashed) { return .cut }
            if lines.contains(hashed) { return .drop }
        }
        for prefix in prefixes where LineKey.hasWordPrefix(key, prefix) { return .drop }
        for label in labels where Self.hasLabel(bytes, label) { return .drop }
        if !words.isEmpty, key.count <= Self.wordsLineLimit, Self.onlyWords(key, words) { return .drop }
        if !regexes.isEmpty, bytes.count <= Self.regexLineLimit, matchesRegex(bytes) { return .drop }
        return .keep
    }

    /// `bytes` starts with `label` (ASCII case-insensitive), then optional spaces and a colon.
    static func hasLabel(_ bytes: [UInt8], _ label: [UInt8]) -> Bool {
        guard bytes.count > label.count else { return false }
        for i in 0..<label.count where LineKey.lower(bytes[i]) != label[i] { return false }
        var i = label.count
        while i < bytes.count, bytes[i] == 32 { i += 1 }
        return i < bytes.count && bytes[i] == UInt8(ascii: ":")
    }

    /// A share-button row is short; longer lines are not tested against `words` rules.
    static let wordsLineLimit = 120

    /// Every space-separated word of `key` is in `words`.
    static func onlyWords(_ key: [UInt8], _ words: Set<LineKey.Hashed>) -> Bool {
        var start = 0
        for i in 0...key.count where i == key.count || key[i] == 32 {
            if !words.contains(LineKey.Hashed(Array(key[start..<i]))) { return false }
            start = i + 1
        }
        return true
    }

    private func matchesRegex(_ bytes: [UInt8]) -> Bool {
        var line: String?
        let present = LineKey.byteSet(bytes)
        for rule in regexes {
            if let first = rule.requires.first {
                guard LineKey.contains(present, first), LineKey.containsLowered(bytes, rule.requires) else { continue }
            }
            let text = line ?? String(decoding: bytes, as: UTF8.self)
            line = text
            let range = NSRange(location: 0, length: (text as NSString).length)
            if rule.expression.firstMatch(in: text, options: [], range: range) != nil { return true }
        }
        return false
    }

    /// The breadcrumb items of a line such as `Home » News » Title`, or nil when the line
    /// is not a breadcrumb (its first item must be a `crumb-root`, and it needs a separator).
    func breadcrumbItems(_ bytes: [UInt8], key: [UInt8]) -> [[UInt8]]? {
        guard !crumbSeparators.isEmpty, crumbRoots.contains(where: { LineKey.hasWordPrefix(key, $0) }) else { return nil }
        var items: [[UInt8]] = []
        var start = 0, i = 0
        while i < bytes.count {
            if let separator = crumbSeparators.first(where: { LineKey.hasBytes(bytes, at: i, $0) }) {
                items.append(Array(bytes[start..<i]))
                i += separator.count
                start = i
            } else {
                i += 1
            }
        }
        guard !items.isEmpty, crumbRoots.contains(LineKey.key(items[0])) else { return nil }
        items.append(Array(bytes[start...]))
        return items.map { LineKey.trimmed($0) }
    }
}
