/// Turns raw scraped article text into clean paragraphs plus metadata: the first
/// stage of the extraction pipeline.
///
/// ```swift
/// let normalizer = Normalizer(rules: try .builtIn())
/// let article = normalizer.normalize("""
///     Home » News » Leaders Meet in Paris
///     Leaders Meet in Paris
///     By Jane Doe – Staff Writer
///     Paris – Leaders met on **Monday** to talk about a truce.
///     You may also like
///     """)
/// article.text               // "Paris – Leaders met on Monday to talk about a truce."
/// article.metadata.title     // "Leaders Meet in Paris"
/// article.metadata.author    // "Jane Doe"
/// article.dateline           // "Paris"
/// ```
///
/// In order, it: converts to Unicode NFC; drops a byte-order mark; reads front matter
/// (also unfenced `Title: ...` lines at the top);
/// reduces HTML to text and decodes entities; normalizes line endings, control characters
/// and spaces; strips Markdown quote, heading and list marks and emphasis; drops lines the
/// ``BoilerplateRules`` match and lines without a letter or digit; drops repeated
/// paragraphs; detects the title, byline and dateline. The output has one paragraph per
/// non-empty input line, joined by `"\n\n"`. Normalizing its own output changes nothing.
///
/// Asides such as `Pro Tip:` or `Did You Know?` are kept: they are written text, and the
/// later stages find no meetings in them.
public struct Normalizer: Sendable {
    public let rules: BoilerplateRules

    /// Creates a normalizer that removes the boilerplate `rules` describe.
    public init(rules: BoilerplateRules) {
        self.rules = rules
    }

    /// A kept line and what was learned about it.
    struct Line {
        var bytes: [UInt8]
        var key: [UInt8]
        var heading: Int
        var bold: Bool
        /// The key of the last item of a breadcrumb just before this line.
        var crumb: [UInt8]?
    }

    /// Detected lines at the top of an article are looked for among this many kept lines.
    static let headWindow = 6

    /// Normalizes one article.
    ///
    /// - Parameters:
    ///   - raw: The article as read from disk or the network.
    ///   - metadata: Metadata from outside the text (a sidecar file); it fills the fields
    ///     the front matter leaves empty, and detected title and author fill the rest.
    /// - Returns: The clean text, the completed metadata and the dateline place.
    public func normalize(_ raw: String, metadata: ArticleMetadata = ArticleMetadata()) -> NormalizedArticle {
        let bytes = TextCleaner.nfcBytes(raw)
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var meta = metadata
        if let (front, start) = MetadataParser.frontMatter(body) ?? MetadataParser.headerFields(body) {
            meta = front.filling(from: metadata)
            body = body[start...]
        }
        let markup = HTMLText.hasMarkup(body)
        var plain: [UInt8]?
        if markup.tags { plain = HTMLText.stripTags(body, dropping: rules.htmlDropped) }
        if markup.entities { plain = HTMLText.decodeEntities(plain ?? Array(body)) }

        var lines = keptLines(TextCleaner.lines(plain.map { $0[...] } ?? body))
        var dateline: String?
        detectSignals(&lines, metadata: &meta, dateline: &dateline)

        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for line in lines {
            if !out.isEmpty { out.append(10); out.append(10) }
            out.append(contentsOf: line.bytes)
        }
        return NormalizedArticle(text: String(decoding: out, as: UTF8.self), metadata: meta, dateline: dateline)
    }

    /// Strips Markdown, drops boilerplate, breadcrumbs, markup-only lines and repeats.
    private func keptLines(_ raw: [[UInt8]]) -> [Line] {
        var lines: [Line] = []
        lines.reserveCapacity(raw.count)
        var seen = Set<LineKey.Hashed>()
        var crumb: [UInt8]?
        for bytes in raw where !bytes.isEmpty {
            let stripped = Markdown.strip(bytes)
            let key = LineKey.key(stripped.bytes)
            if let items = rules.breadcrumbItems(stripped.bytes, key: key) {
                crumb = items.last.map(LineKey.key)
                continue
            }
            switch rules.verdict(stripped.bytes, key: key) {
            case .cut: return lines
            case .drop: continue
            case .keep: break
            }
            guard seen.insert(LineKey.Hashed(key)).inserted else { continue }
            lines.append(Line(bytes: stripped.bytes, key: key, heading: stripped.heading, bold: stripped.bold, crumb: crumb))
            crumb = nil
        }
        return lines
    }

    /// Finds the title, byline, date line and dateline; removes the title, byline and date lines.
    private func detectSignals(_ lines: inout [Line], metadata: inout ArticleMetadata, dateline: inout String?) {
        let head = min(lines.count, Self.headWindow)
        var byline: (index: Int, found: Byline)?
        for i in 0..<head {
            if let found = Byline.parse(lines[i].bytes, key: lines[i].key, leads: rules.bylines, dateLabels: rules.dateLabels) {
                byline = (i, found)
                break
            }
        }
        var dateLine: (index: Int, found: DateLine)?
        for i in 0..<head where i != byline?.index {
            if let found = DateLine.parse(lines[i].bytes, labels: rules.dateLabels) {
                dateLine = (i, found)
                break
            }
        }
        var remove = Set<Int>()
        if let title = metadata.title {
            let key = LineKey.key(Array(title.utf8))
            for i in lines.indices where lines[i].key == key { remove.insert(i) }
        } else if let i = titleLine(lines, head: head, signals: [byline?.index, dateLine?.index].compactMap { $0 }) {
            metadata.title = String(decoding: lines[i].bytes, as: UTF8.self)
            remove.insert(i)
        }
        if let byline {
            remove.insert(byline.index)
            metadata.author = metadata.author ?? byline.found.author
            metadata.published = metadata.published ?? byline.found.published
        }
        if let dateLine {
            remove.insert(dateLine.index)
            metadata.published = metadata.published ?? dateLine.found.published
        }
        if !remove.isEmpty {
            lines = lines.indices.filter { !remove.contains($0) }.map { lines[$0] }
        }
        // The dateline opens the first real paragraph (not a standfirst or subheading).
        if let first = lines.prefix(3).first(where: { Dateline.isParagraph($0.bytes, key: $0.key) }),
           let found = Dateline.read(first.bytes) {
            dateline = found.place
            metadata.published = metadata.published ?? found.date
        }
        dateline = dateline ?? dateLine?.found.place
    }

    /// The title line, from explicit signals only: the last breadcrumb item echoed by the
    /// line after it; a `#` heading or whole-line bold line among the first four lines (any heading
    /// level when it is the first line); the line just before a byline or a date line
    /// (`signals`, the indexes of those lines); a first line that is no sentence, before a
    /// paragraph opening with a dateline.
    private func titleLine(_ lines: [Line], head: Int, signals: [Int]) -> Int? {
        func headline(_ i: Int) -> Bool { LineKey.wordCount(lines[i].key) <= 30 }
        func echoes(_ i: Int) -> Bool {
            guard let crumb = lines[i].crumb, !crumb.isEmpty else { return false }
            // A long item may be cut short in the trail (`Macron Hosts Leaders to…`).
            return lines[i].key == crumb || (LineKey.wordCount(crumb) >= 4 && LineKey.hasWordPrefix(lines[i].key, crumb))
        }
        if let i = (0..<head).first(where: echoes), headline(i) { return i }
        // A `#` heading or a bold line near the top; a smaller heading only as the very first line.
        let top = (0..<min(head, 4)).first { i in lines[i].heading == 1 || lines[i].bold || (i == 0 && lines[i].heading > 1) }
        if let i = top, headline(i) { return i }
        if let i = signals.sorted().lazy.map({ $0 - 1 }).first(where: { $0 >= 0 && !signals.contains($0) && headline($0) }) {
            return i
        }
        // A headline right before a dateline paragraph ("Blinken visits Cairo" then "WASHINGTON, 12 June – ...").
        if lines.count > 1, headline(0), let last = lines[0].bytes.last, !".!?:".utf8.contains(last),
           Dateline.isParagraph(lines[1].bytes, key: lines[1].key), Dateline.place(lines[1].bytes) != nil {
            return 0
        }
        return nil
    }
}
