/// Parses YAML-style `key: value` metadata: the front matter of an article or a
/// sidecar file next to it.
///
/// ```swift
/// let metadata = MetadataParser.parse("""
///     title: "Leaders meet in Paris"
///     outlet: Example News
///     published: 17 February 2025
///     """)
/// metadata.published   // "2025-02-17"
/// ```
///
/// Keys are case-insensitive: `title`; `author`; `publisher`, `outlet`, `source` or `site`;
/// `url` or `link`; `published` or `date`. Other keys, comments (`#`) and lines without a
/// colon are ignored; the first occurrence of a field wins. Matching single or double quotes
/// around a value are removed. A published date is stored as ISO `YYYY-MM-DD` when written
/// as `2025-02-17`, `2025-02-17T09:30:00Z`, `2025/02/17`, `17 February 2025`, `17 Feb 2025`,
/// `February 17, 2025` or `Feb. 17 2025`; any other date is left out.
public enum MetadataParser {
    /// Reads the fields of `text`, one `key: value` per line.
    public static func parse(_ text: String) -> ArticleMetadata {
        var metadata = ArticleMetadata()
        // Lines are split and trimmed on UTF-8 bytes: splitting a String by Character cost 5%
        // of extraction, and trimming by Character was still most of a front matter's cost.
        for rawLine in Array(text.utf8)[...].split(whereSeparator: { $0 == 10 || $0 == 13 }) {
            let line = rawLine.trimmingSpaces()
            guard line.first != UInt8(ascii: "#"), let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let key = String(decoding: line[..<colon].trimmingSpaces(), as: UTF8.self).lowercased()
            let value = String(decoding: unquoted(line[(colon + 1)...].trimmingSpaces()), as: UTF8.self)
            guard !value.isEmpty else { continue }
            guard let field = fields[key] else { continue }
            let stored = field == \.published ? isoDate(value) : value
            metadata[keyPath: field] = metadata[keyPath: field] ?? stored
        }
        return metadata
    }

    /// The field each key fills (the first occurrence wins); `published` is stored as an ISO date.
    private static let fields: [String: WritableKeyPath<ArticleMetadata, String?> & Sendable] = [
        "title": \.title, "author": \.author,
        "publisher": \.publisher, "outlet": \.publisher, "source": \.publisher, "site": \.publisher,
        "url": \.url, "link": \.url, "published": \.published, "date": \.published,
    ]

    /// The ISO `YYYY-MM-DD` form of a written date, or nil when it is not one of the
    /// accepted forms or not a real day.
    ///
    /// ```swift
    /// MetadataParser.isoDate("February 17, 2025")   // "2025-02-17"
    /// ```
    public static func isoDate(_ text: String) -> String? {
        leadingDate(text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init))?.iso
    }

    /// The date that opens `words` (commas already split off) in one of the forms
    /// ``isoDate(_:)`` accepts, as ISO `YYYY-MM-DD`, and how many words it took; nil when
    /// the words do not open with a real day.
    static func leadingDate(_ words: [String]) -> (iso: String, count: Int)? {
        guard let first = words.first else { return nil }
        var year = 0, month = 0, day = 0, count = 3
        let numeric = first.prefix(10).split(whereSeparator: { $0 == "-" || $0 == "/" })
        if numeric.count == 3, numeric[0].count == 4, let y = Int(numeric[0]), let m = Int(numeric[1]), let d = Int(numeric[2]),
           first.count == 10 || first.dropFirst(10).first == "T" || first.dropFirst(10).first == " " {
            (year, month, day, count) = (y, m, d, 1)
        } else if let found = wordsDate(words) {
            (year, month, day) = found
        } else if let found = wordsDate(Array(words.dropFirst())) {   // after a weekday
            (year, month, day, count) = (found.0, found.1, found.2, 4)
        } else {
            return nil
        }
        guard (1000...9999).contains(year), (1...12).contains(month), day >= 1, day <= daysIn(month, year) else { return nil }
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return ("\(year)-\(pad(month))-\(pad(day))", count)
    }

    /// `17 February 2025` or `February 17, 2025` (commas already split off) at the start
    /// of `words`, anything after it (a time) ignored.
    private static func wordsDate(_ words: [String]) -> (Int, Int, Int)? {
        guard words.count >= 3 else { return nil }
        if let d = Int(words[0]), let m = monthNumber(words[1]), let y = Int(words[2]) { return (y, m, d) }
        if let m = monthNumber(words[0]), let d = Int(words[1]), let y = Int(words[2]) { return (y, m, d) }
        return nil
    }

    private static let months = ["january", "february", "march", "april", "may", "june", "july", "august",
                                 "september", "october", "november", "december"]

    /// The English name of month `number` (1-12).
    static func monthName(_ number: Int) -> String { months[number - 1] }

    /// The number of an English month name or its three-letter abbreviation (`Sept` too).
    static func monthNumber(_ word: String) -> Int? {
        var name = word.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if let full = months.firstIndex(of: name) { return full + 1 }
        if name == "sept" { return 9 }
        guard name.count == 3 else { return nil }
        return months.firstIndex(where: { $0.hasPrefix(name) }).map { $0 + 1 }
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `value` without matching single or double quotes around it.
    private static func unquoted(_ value: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard value.count >= 2, let first = value.first, first == UInt8(ascii: "\"") || first == UInt8(ascii: "'"),
              value.last == first else { return value }
        return value.dropFirst().dropLast().trimmingSpaces()
    }

    /// Splits leading `Key: value` lines with keys that ``parse(_:)`` reads (`Title: ...`,
    /// `Date: 2025-05-13`) off `bytes`: front matter written without its `---` fences.
    /// Returns the metadata and the index where the body starts, or nil when the first
    /// non-blank line is no such field.
    static func headerFields(_ bytes: ArraySlice<UInt8>) -> (ArticleMetadata, Int)? {
        var start = bytes.startIndex
        var fieldsEnd: Int?
        while start < bytes.endIndex {
            let end = lineEnd(bytes, from: start)
            let line = bytes[start..<end].trimmingSpaces()
            if !line.isEmpty {
                guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon - line.startIndex <= 12,
                      fields[String(decoding: line[..<colon], as: UTF8.self).lowercased()] != nil,
                      !line[(colon + 1)...].trimmingSpaces().isEmpty else { break }
                fieldsEnd = end
            }
            start = next(bytes, after: end)
        }
        guard let fieldsEnd else { return nil }
        return (parse(String(decoding: bytes[bytes.startIndex..<fieldsEnd], as: UTF8.self)), next(bytes, after: fieldsEnd))
    }

    /// Splits a leading front-matter block off `bytes`: a first line `---`, `key: value`
    /// lines, and a closing `---` line. Returns the metadata and the index where the body
    /// starts, or nil when there is no complete block.
    static func frontMatter(_ bytes: ArraySlice<UInt8>) -> (ArticleMetadata, Int)? {
        let firstEnd = lineEnd(bytes, from: bytes.startIndex)
        guard isFence(bytes[bytes.startIndex..<firstEnd]) else { return nil }
        var start = next(bytes, after: firstEnd)
        let contentStart = start
        while start < bytes.endIndex {
            let end = lineEnd(bytes, from: start)
            let line = bytes[start..<end]
            if isFence(line) {
                let text = String(decoding: bytes[contentStart..<start], as: UTF8.self)
                return (parse(text), next(bytes, after: end))
            }
            guard isField(line) else { return nil }   // a Markdown rule, not front matter
            start = next(bytes, after: end)
        }
        return nil
    }

    /// A blank line, a `#` comment or `key: value` with a one-word key.
    private static func isField(_ line: ArraySlice<UInt8>) -> Bool {
        guard let first = line.firstIndex(where: { $0 != 32 && $0 != 9 && $0 != 13 }) else { return true }
        if line[first] == UInt8(ascii: "#") { return true }
        guard let colon = line[first...].firstIndex(of: UInt8(ascii: ":")), colon > first, colon - first <= 40 else { return false }
        return line[first..<colon].allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
    }

    private static func isFence(_ line: ArraySlice<UInt8>) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == 32 || last == 9 { trimmed.removeLast() }
        return trimmed.elementsEqual("---".utf8)
    }

    /// The index of the line break (`\n` or `\r`) that ends the line starting at `start`.
    private static func lineEnd(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int {
        bytes[start...].firstIndex(where: { $0 == 10 || $0 == 13 }) ?? bytes.endIndex
    }

    /// The start of the line after the break at `end` (`\r\n` counts as one break).
    private static func next(_ bytes: ArraySlice<UInt8>, after end: Int) -> Int {
        guard end < bytes.endIndex else { return end }
        return bytes[end] == 13 && end + 1 < bytes.endIndex && bytes[end + 1] == 10 ? end + 2 : end + 1
    }
}
