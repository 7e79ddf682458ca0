/// Reduces HTML (a whole page or stray tags left in scraped text) to plain text,
/// on UTF-8 bytes.
enum HTMLText {
    /// True when `bytes` holds something that looks like a tag (`<p`, `</`, `<!`) or an entity (`&x;`).
    static func hasMarkup(_ slice: ArraySlice<UInt8>) -> (tags: Bool, entities: Bool) {
        slice.withUnsafeBufferPointer { bytes in
            var tags = false, entities = false
            var i = 0
            let end = bytes.count
            while i + 1 < end, !(tags && entities) {
                let b = bytes[i]
                if b == UInt8(ascii: "<"), isTagStart(bytes[i + 1]) { tags = true }
                if b == UInt8(ascii: "&"), bytes[i + 1] == UInt8(ascii: "#") || isLetter(bytes[i + 1]) { entities = true }
                i += 1
            }
            return (tags, entities)
        }
    }

    /// Elements that end a line of text.
    private static let blockElements: Set<[UInt8]> = Set([
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre", "section",
        "table", "tbody", "thead", "tr", "ul", "body", "html", "title",
    ].map { Array($0.utf8) })

    /// Removes tags, comments and the elements in `dropped` (with their content).
    ///
    /// Block elements become line breaks, table cells a space, and `<h1>` a Markdown
    /// `# ` heading so title detection sees it. A tag cut off by the end of a line
    /// (`<img alt="...`) is dropped up to that line end.
    static func stripTags(_ bytes: ArraySlice<UInt8>, dropping dropped: Set<[UInt8]>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            guard b == UInt8(ascii: "<"), i + 1 < end, isTagStart(bytes[i + 1]) else {
                out.append(b)
                i += 1
                continue
            }
            if hasASCII(bytes, at: i, "<!--") {
                i = find(bytes, "-->", from: i + 4).map { $0 + 3 } ?? end
                continue
            }
            let tagEnd = closingBracket(bytes, from: i + 1)
            let closing = bytes[i + 1] == UInt8(ascii: "/")
            var nameStart = closing ? i + 2 : i + 1
            if bytes[i + 1] == UInt8(ascii: "!") || bytes[i + 1] == UInt8(ascii: "?") { nameStart = i + 2 }
            var nameEnd = nameStart
            while nameEnd < end, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            let name = bytes[nameStart..<nameEnd].map(LineKey.lower)
            guard let close = tagEnd else {
                // A tag cut off by the line end: drop it up to there.
                i = bytes[i...].firstIndex(of: 10) ?? end
                continue
            }
            i = close + 1
            if !closing, bytes[close - 1] != UInt8(ascii: "/"), dropped.contains(name) {
                i = endOfElement(bytes, name: name, from: i) ?? i
                out.append(10)
                continue
            }
            if name == [0x68, 0x31] {                                       // h1
                out.append(10)
                if !closing { out.append(UInt8(ascii: "#")); out.append(32) }
            } else if name == [0x74, 0x64] || name == [0x74, 0x68] {        // td, th
                out.append(32)
            } else if blockElements.contains(name) {
                out.append(10)
            }
        }
        return out
    }

    /// Decodes character references: `&amp;`, `&#8217;`, `&#x2019;` and the common named ones.
    static func decodeEntities(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "&"),
                  let semicolon = bytes[(i + 1)..<min(bytes.count, i + 12)].firstIndex(of: UInt8(ascii: ";")),
                  let scalar = entityScalar(bytes[(i + 1)..<semicolon]) else {
                out.append(bytes[i])
                i += 1
                continue
            }
            out.append(contentsOf: UTF8.encode(scalar)!)
            i = semicolon + 1
        }
        return out
    }

    private static let namedEntities: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0,
        "ndash": 0x2013, "mdash": 0x2014, "hellip": 0x2026, "lsquo": 0x2018, "rsquo": 0x2019,
        "ldquo": 0x201C, "rdquo": 0x201D, "laquo": 0xAB, "raquo": 0xBB, "bull": 0x2022, "middot": 0xB7,
        "copy": 0xA9, "reg": 0xAE, "trade": 0x2122, "euro": 0x20AC, "pound": 0xA3, "deg": 0xB0,
        "eacute": 0xE9, "egrave": 0xE8, "Eacute": 0xC9, "agrave": 0xE0, "aacute": 0xE1, "ccedil": 0xE7,
        "ouml": 0xF6, "uuml": 0xFC, "auml": 0xE4, "Ouml": 0xD6, "Uuml": 0xDC, "Auml": 0xC4, "szlig": 0xDF,
        "iacute": 0xED, "oacute": 0xF3, "uacute": 0xFA, "ntilde": 0xF1, "thinsp": 0x2009, "shy": 0xAD,
    ]

    private static func entityScalar(_ name: ArraySlice<UInt8>) -> Unicode.Scalar? {
        guard let first = name.first else { return nil }
        if first == UInt8(ascii: "#") {
            let digits = name.dropFirst()
            let hex = digits.first == UInt8(ascii: "x") || digits.first == UInt8(ascii: "X")
            guard let value = UInt32(String(decoding: hex ? digits.dropFirst() : digits, as: UTF8.self), radix: hex ? 16 : 10),
                  value != 0 else { return nil }
            return Unicode.Scalar(value)
        }
        return namedEntities[String(decoding: name, as: UTF8.self)].flatMap(Unicode.Scalar.init)
    }

    /// The index of the `>` that closes a tag opened just before `from`, skipping quoted
    /// attribute values; nil if a line break or the end comes first (for a quote left open,
    /// the line break wins).
    private static func closingBracket(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        var quote: UInt8 = 0
        var i = start
        let limit = min(bytes.endIndex, start + 4096)
        while i < limit {
            let b = bytes[i]
            if quote != 0 {
                if b == quote { quote = 0 } else if b == 10 { return nil }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ">") {
                return i
            } else if b == UInt8(ascii: "<") {
                return nil
            }
            i += 1
        }
        return nil
    }

    /// The index just past `</name ...>` at or after `from`, or nil.
    private static func endOfElement(_ bytes: ArraySlice<UInt8>, name: [UInt8], from start: Int) -> Int? {
        var i = start
        while let open = find(bytes, "</", from: i) {
            var j = open + 2
            var matches = true
            for c in name {
                guard j < bytes.endIndex, LineKey.lower(bytes[j]) == c else { matches = false; break }
                j += 1
            }
            if matches, j < bytes.endIndex, !isNameByte(bytes[j]), let close = bytes[j...].firstIndex(of: UInt8(ascii: ">")) {
                return close + 1
            }
            i = open + 2
        }
        return nil
    }

    private static func find(_ bytes: ArraySlice<UInt8>, _ needle: StaticString, from start: Int) -> Int? {
        var i = start
        while i < bytes.endIndex {
            if hasASCII(bytes, at: i, needle) { return i }
            i += 1
        }
        return nil
    }

    private static func hasASCII(_ bytes: ArraySlice<UInt8>, at start: Int, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard start + count <= bytes.endIndex else { return false }
        return needle.withUTF8Buffer { buffer in
            for j in 0..<count where bytes[start + j] != buffer[j] { return false }
            return true
        }
    }

    @inline(__always) private static func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
    @inline(__always) private static func isTagStart(_ b: UInt8) -> Bool {
        isLetter(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?")
    }
    @inline(__always) private static func isNameByte(_ b: UInt8) -> Bool {
        isLetter(b) || (b >= 48 && b <= 57) || b == UInt8(ascii: "-") || b == UInt8(ascii: ":")
    }
}
