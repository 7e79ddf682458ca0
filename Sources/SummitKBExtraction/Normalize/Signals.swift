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
    /// `and` or `&`), then optionally a dash, bar or dot and up to 12 words (role, outlet,
    /// date, also a labelled one from `dateLabels`: `· Posted on January 9, 2025`),
    /// or a comma and up to 6 words opening with a capital (an outlet or a role: `Asia
    /// correspondent`), with no sentence ending inside them. Anything else is prose
    /// (`By Monday, leaders will ...`) and gives nil.
    static func parse(_ bytes: [UInt8], key: [UInt8], leads: [[UInt8]], dateLabels: [DateLine.Label] = []) -> Byline? {
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
            // An outlet or a role: `Example Wire`, `Asia correspondent`.
            guard trailer.count <= 6, trailer.first?.first.map({ $0.isUppercase || $0.isNumber }) ?? false,
                  !trailer.dropLast().contains(where: { $0.hasSuffix(".") }) else { return nil }
        } else if trailer.count > 12 {
            return nil
        }
        let author = names.map { $0.map(capitalizedIfShouting).joined(separator: " ") }.joined(separator: " and ")
        let written = trailer.joined(separator: " ")
        return Byline(author: author, published: DateLine.parse(Array(written.utf8), labels: dateLabels)?.published
                                                  ?? MetadataParser.isoDate(written))
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
    static func place(_ bytes: [UInt8]) -> String? { read(bytes)?.place }

    /// The place of a dateline at the start of `bytes` and the date written after its comma
    /// (`WASHINGTON, 12 June 2024 — ...`) as ISO `YYYY-MM-DD`, or nil when there is no dateline.
    ///
    /// A dateline is 1 to 3 capitalized place words, optionally followed by a comma and a
    /// few capitalized words or numbers (a region or a date) and by an agency in parentheses,
    /// then a dash and a capitalized word; or 1 to 3 words in capitals closed by a colon.
    /// An all-capitals place is returned capitalized.
    static func read(_ bytes: [UInt8]) -> (place: String, date: String?)? {
        // Split on the bytes: splitting the String by Character cost 68,000 instructions a line.
        let words = bytes.prefix(160).split(separator: UInt8(ascii: " ")).prefix(10).map { String(decoding: $0, as: UTF8.self) }
        if let colon = words.prefix(3).firstIndex(where: { $0.hasSuffix(":") }) {
            return shoutedPlace(words, colon: colon).map { ($0, nil) }
        }
        guard let dash = words.firstIndex(where: dashes.contains), dash > 0, dash + 1 < words.count,
              let next = words[dash + 1].unicodeScalars.first,
              Tokenizer.isUpperScalar(next.value) || next == "“" || next == "\"" else { return nil }
        var place: [String] = [], after: [String] = []
        var rest = false, agency = false
        for word in words[..<dash] {
            if word.hasPrefix("(") || agency {   // (Reuters), (AP), (Example Wire)
                agency = !word.hasSuffix(")")
                rest = true
                continue
            }
            guard isCapitalized(word, digits: rest) else { return nil }
            if rest { after.append(word); continue }
            let comma = word.hasSuffix(",")
            place.append(comma ? String(word.dropLast()) : word)
            if comma { rest = true }
        }
        guard !agency, (1...3).contains(place.count), words[..<dash].count <= 8 else { return nil }
        return (place.map(Byline.capitalizedIfShouting).joined(separator: " "), MetadataParser.isoDate(after.joined(separator: " ")))
    }

    /// The place of a dateline written in capitals and closed by a colon (`RIYADH: Senior
    /// officials ...`); a colon after ordinary words is a label (`Update: ...`), not a place.
    private static func shoutedPlace(_ words: [String], colon: Int) -> String? {
        let place = words[...colon].map { $0.hasSuffix(":") ? String($0.dropLast()) : $0 }
        guard colon + 1 < words.count, let next = words[colon + 1].unicodeScalars.first, Tokenizer.isUpperScalar(next.value),
              place.allSatisfy({ word in word.count > 1 && word.allSatisfy { $0.isLetter && $0.isUppercase } }) else { return nil }
        return place.map(Byline.capitalizedIfShouting).joined(separator: " ")
    }

    /// Starts with an upper-case letter (or a digit, when `digits`), and is no possessive (`Trump’s`).
    private static func isCapitalized(_ word: String, digits: Bool) -> Bool {
        guard let first = word.unicodeScalars.first, !word.hasSuffix("’s"), !word.hasSuffix("'s") else { return false }
        return Tokenizer.isUpperScalar(first.value) || (digits && first.value >= 48 && first.value <= 57)
    }
}

/// A line near the top that only dates the article: `Published 14 March 2025`,
/// `Published: 27 June 2024 | Updated: 28 June 2024`, `November 8, 2025`,
/// `Mon 3 Mar 2025 14:02 GMT`, `New Delhi, 21 August 2025 (Staff Reporter)`.
struct DateLine: Equatable {
    /// A label that opens a date (`published`, `updated`), as a line key.
    struct Label: Equatable, Sendable {
        var key: [UInt8]
        /// The date is a revision's: used only when the line gives no other.
        var isUpdate: Bool
    }

    /// The article's date, as ISO `YYYY-MM-DD`; nil when the line gives it in a form that is
    /// not one day (`Posted: 03/10/2025`, day first or month first).
    var published: String?
    /// The place written before the date (`New Delhi` in `New Delhi, 21 August 2025`).
    var place: String?

    /// Parts of a date line, such as a published and an updated date.
    private static let separators: Set<String> = ["|", "·", "•", "/"]

    /// Parses a date line, or returns nil for anything else (prose that opens with a date,
    /// a byline, a heading).
    ///
    /// The line is split at bars and dots into parts. A part is a date, optionally opened by
    /// a label from `labels` and followed by a time (`10:42`, `14.02 GMT`, `9 am`) or an
    /// agency in parentheses; the first part may instead open with a place and a comma. Every
    /// part must be a date, except short ones (`4 min read`) after it. A labelled
    /// publication date wins over an update's.
    static func parse(_ bytes: [UInt8], labels: [Label]) -> DateLine? {
        guard bytes.count <= 160, bytes.contains(where: { $0 >= 48 && $0 <= 57 }) else { return nil }
        let words = bytes.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        guard words.count <= 20 else { return nil }
        var parts: [[String]] = [[]]
        for word in words {
            if separators.contains(word) { parts.append([]) } else { parts[parts.count - 1].append(word) }
        }
        var published: (iso: String?, isUpdate: Bool)?
        var place: String?
        for (index, part) in parts.enumerated() {
            guard let found = date(in: part, labels: labels, placeAllowed: index == 0) else {
                guard published != nil, part.count <= 4 else { return nil }
                continue
            }
            if index == 0 { place = found.place }
            if let current = published {
                guard found.iso != nil, current.iso == nil || current.isUpdate && !found.isUpdate else { continue }
            }
            published = (found.iso, found.isUpdate)
        }
        return published.map { DateLine(published: $0.iso, place: place) }
    }

    /// The date of one part of a date line, with its label's kind and the place before it.
    private static func date(in part: [String], labels: [Label], placeAllowed: Bool)
        -> (iso: String?, isUpdate: Bool, place: String?)? {
        var words = part
        var isUpdate = false
        var labelled = false
        let key = LineKey.key(Array(words.joined(separator: " ").utf8))
        if let label = labels.first(where: { LineKey.hasWordPrefix(key, $0.key) }) {
            words.removeFirst(min(words.count, LineKey.wordCount(label.key)))
            if words.first == ":" { words.removeFirst() }
            isUpdate = label.isUpdate
            labelled = true
        }
        var place: String?
        if !labelled, placeAllowed, let comma = words.prefix(3).firstIndex(where: { $0.hasSuffix(",") }),
           MetadataParser.leadingDate(split(words)) == nil {
            let name = words[...comma].map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 }
            guard name.allSatisfy(isPlaceWord) else { return nil }
            place = name.map(Byline.capitalizedIfShouting).joined(separator: " ")
            words.removeFirst(comma + 1)
        }
        let split = split(words)
        guard let found = MetadataParser.leadingDate(split) ?? numericDate(split.first).map({ ($0, 1) }) else {
            // "Posted: 03/10/2025": a labelled date, but not one day.
            guard labelled, split.first.map(isNumericDate) == true, split.dropFirst().allSatisfy(isTimeWord) else { return nil }
            return (nil, isUpdate, nil)
        }
        var rest = split.dropFirst(found.count)
        if let open = rest.firstIndex(where: { $0.hasPrefix("(") }) {   // (Staff Reporter), (Reuters)
            guard rest.last?.hasSuffix(")") == true else { return nil }
            rest = rest[..<open]
        }
        guard rest.allSatisfy(isTimeWord) else { return nil }
        return (found.iso, isUpdate, place)
    }

    /// The three numbers of a numeric date with the year last (`03/10/2025`, `23.10.2025`), or nil.
    private static func numericParts(_ word: String) -> [Int]? {
        let groups = word.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
        guard groups.count == 3, groups[2].count == 4 else { return nil }
        let numbers = groups.compactMap { Int($0) }
        return numbers.count == 3 ? numbers : nil
    }

    private static func isNumericDate(_ word: String) -> Bool { numericParts(word) != nil }

    /// A numeric date with the year last whose order is plain because one number cannot be
    /// a month: `23/10/2025` (day first), `10/23/2025` (month first); nil for `03/10/2025`.
    private static func numericDate(_ word: String?) -> String? {
        guard let word, let numbers = numericParts(word) else { return nil }
        let (day, month): (Int, Int)
        if numbers[0] > 12, numbers[1] <= 12 { (day, month) = (numbers[0], numbers[1]) }
        else if numbers[1] > 12, numbers[0] <= 12 { (day, month) = (numbers[1], numbers[0]) }
        else { return nil }
        return MetadataParser.isoDate("\(day) \(MetadataParser.monthName(month)) \(numbers[2])")
    }

    /// Words with the commas split off, as ``MetadataParser/leadingDate(_:)`` reads them.
    private static func split(_ words: [String]) -> [String] {
        words.flatMap { $0.split(separator: ",").map(String.init) }
    }

    /// A capitalized word that names no month or weekday (a weekday opens a date, not a place).
    private static func isPlaceWord(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, Tokenizer.isUpperScalar(first.value) else { return false }
        let folded = word.lowercased()
        return MetadataParser.monthNumber(word) == nil && !DateExpressionFinder.weekdays.contains { $0.hasPrefix(folded) && folded.count >= 3 }
    }

    /// A part of a time of day: `10:42`, `14.02`, `9am`, `am`, `p.m.`, `at`, or a time zone
    /// written in capitals (`GMT`, `CET`).
    private static func isTimeWord(_ word: String) -> Bool {
        if word.contains(where: \.isNumber) { return true }
        if ["am", "pm", "a.m.", "p.m.", "at", "–", "-"].contains(word.lowercased()) { return true }
        return (2...5).contains(word.count) && word.allSatisfy { $0.isASCII && $0.isUppercase }
    }
}
