/// A byline such as `By Emma Walker – News Editor` or `By JANE DOE, Reuters`.
struct Byline: Equatable {
    /// The names only, joined by " and ": `"Jane Doe and John Roe"`.
    var author: String
    /// A date written after the names (`By Jane Doe | 17 February 2025`), as ISO `YYYY-MM-DD`.
    var published: String?

    /// Small lower-case words that may sit inside a name (`Ursula von der Leyen`).
    private static let particles: Set<String> = ["de", "da", "di", "del", "der", "den", "van", "von", "la", "le", "du", "al", "bin", "ibn"]
    /// Words that separate the names from a role, outlet or date.
    private static let separators: Set<String> = ["–", "—", "-", "--", "|", "·", "•", "/"]

    /// Parses a byline line; `leads` are the keys of the words that open one (`by`, `written by`).
    ///
    /// After the lead come one or more names (2 to 5 capitalized words each, joined by
    /// `and` or `&`), then optionally a dash or bar and up to 12 words (role, outlet, date),
    /// or a comma and up to 6 capitalized words (an outlet). Anything else is prose
    /// (`By Monday, leaders will ...`) and gives nil.
    static func parse(_ bytes: [UInt8], key: [UInt8], leads: [[UInt8]]) -> Byline? {
        guard bytes.count <= 200, let lead = leads.first(where: { LineKey.hasWordPrefix(key, $0) }) else { return nil }
        let words = bytes.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        var index = 0
        var leadWords = 0
        let leadCount = LineKey.wordCount(lead)
        while index < words.count, leadWords < leadCount {
            leadWords += LineKey.wordCount(LineKey.key(Array(words[index].utf8)))
            index += 1
        }
        var names: [[String]] = [[]]
        var trailer: [String] = []
        var afterComma = false
        while index < words.count {
            let word = words[index]
            index += 1
            if separators.contains(word) {
                trailer = Array(words[index...])
                break
            }
            if word == "and" || word == "&" {
                names.append([])
                continue
            }
            let comma = word.hasSuffix(",")
            let bare = comma ? String(word.dropLast()) : word
            guard isNameWord(bare, first: names[names.count - 1].isEmpty) else { return nil }
            names[names.count - 1].append(bare)
            if comma {
                trailer = Array(words[index...])
                afterComma = true
                break
            }
        }
        guard names.allSatisfy({ (2...5).contains($0.count) }) else { return nil }
        if afterComma {
            guard trailer.count <= 6, trailer.allSatisfy({ $0.first.map { $0.isUppercase || $0.isNumber } ?? false }) else { return nil }
        } else if trailer.count > 12 {
            return nil
        }
        let author = names.map { $0.map(capitalizedIfShouting).joined(separator: " ") }.joined(separator: " and ")
        return Byline(author: author, published: MetadataParser.isoDate(trailer.joined(separator: " ")))
    }

    private static func isNameWord(_ word: String, first: Bool) -> Bool {
        guard let initial = word.unicodeScalars.first else { return false }
        if !first, particles.contains(word) { return true }
        if word.hasSuffix("’s") || word.hasSuffix("'s") { return false }
        return Tokenizer.isUpperScalar(initial.value) && word.unicodeScalars.contains { Tokenizer.isWordScalar($0.value) }
    }

    /// `JANE` → `Jane`, `O'NEIL-SMITH` → `O'Neil-Smith`; other words unchanged.
    static func capitalizedIfShouting(_ word: String) -> String {
        guard word.count > 1, word == word.uppercased(), word != word.lowercased(), !word.hasSuffix(".") else { return word }
        var out = ""
        var upper = true
        for character in word {
            out += upper ? String(character) : character.lowercased()
            upper = !character.isLetter
        }
        return out
    }
}

/// The dateline that opens a news paragraph: `Paris – ...`, `PARIS (Reuters) — ...`,
/// `KYIV, Feb 17 (AP) - ...`.
enum Dateline {
    private static let dashes: Set<String> = ["–", "—", "-", "--", "―"]

    /// A line that reads as a real paragraph: at least 12 words, or ending a sentence.
    static func isParagraph(_ bytes: [UInt8], key: [UInt8]) -> Bool {
        let words = LineKey.wordCount(key)
        guard words >= 6 else { return false }
        if words >= 12 { return true }
        guard let last = bytes.last else { return false }
        return last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?")
            || last == UInt8(ascii: "\"") || bytes.suffix(3).elementsEqual("”".utf8)
    }

    /// The place of a dateline at the start of `bytes`, or nil.
    ///
    /// A dateline is 1 to 3 capitalized place words, optionally followed by a comma and a
    /// few capitalized words or numbers (a region or a date) and by an agency in parentheses,
    /// then a dash and a capitalized word. An all-capitals place is returned capitalized.
    static func place(_ bytes: [UInt8]) -> String? {
        // Split on the bytes: splitting the String by Character cost 68,000 instructions a line.
        let words = bytes.prefix(160).split(separator: UInt8(ascii: " ")).prefix(10).map { String(decoding: $0, as: UTF8.self) }
        guard let dash = words.firstIndex(where: dashes.contains), dash > 0, dash + 1 < words.count,
              let next = words[dash + 1].unicodeScalars.first,
              Tokenizer.isUpperScalar(next.value) || next == "“" || next == "\"" else { return nil }
        var place: [String] = []
        var rest = false, agency = false
        for word in words[..<dash] {
            if word.hasPrefix("(") || agency {   // (Reuters), (AP), (Example Wire)
                agency = !word.hasSuffix(")")
                rest = true
                continue
            }
            guard isCapitalized(word, digits: rest) else { return nil }
            if rest { continue }
            let comma = word.hasSuffix(",")
            place.append(comma ? String(word.dropLast()) : word)
            if comma { rest = true }
        }
        guard !agency, (1...3).contains(place.count), words[..<dash].count <= 8 else { return nil }
        return place.map(Byline.capitalizedIfShouting).joined(separator: " ")
    }

    /// Starts with an upper-case letter (or a digit, when `digits`), and is no possessive (`Trump’s`).
    private static func isCapitalized(_ word: String, digits: Bool) -> Bool {
        guard let first = word.unicodeScalars.first, !word.hasSuffix("’s"), !word.hasSuffix("'s") else { return false }
        return Tokenizer.isUpperScalar(first.value) || (digits && first.value >= 48 && first.value <= 57)
    }
}
