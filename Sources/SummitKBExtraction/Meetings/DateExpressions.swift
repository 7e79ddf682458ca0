/// A date expression found in text, resolved against the article's published date when
/// there is one. Never invents a date: without an anchor, `date` stays nil.
struct DateExpression: Hashable, Sendable {
    var text: String
    var tokens: Range<Int>
    var date: String?
    var precision: DatePrecision
    /// For a bare weekday ("on Monday"): its index (0 = Monday), resolved later by the meeting's status.
    var bareWeekday: Int?
}

/// Finds date expressions ("Monday", "today", "last week", "Thursday 6 March") in a sentence.
struct DateExpressionFinder: Sendable {
    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"]
    static let monthAbbreviations = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    /// Month number (1-12) by folded name or abbreviation: one look-up per capitalized token,
    /// where searching the lists compared it with up to 25 names.
    private static let monthNumbers: FoldedWordTable<Int> = {
        var numbers = FoldedWordTable<Int>()
        numbers.set(9, for: "sept")
        for (index, names) in zip(months, monthAbbreviations).enumerated() {
            numbers.set(index + 1, for: names.0)
            numbers.set(index + 1, for: names.1)
        }
        return numbers
    }()
    /// Weekday index (0 = Monday) by folded name.
    private static let weekdayIndices: FoldedWordTable<Int> = {
        var indices = FoldedWordTable<Int>()
        for (index, name) in weekdays.enumerated() { indices.set(index, for: name) }
        return indices
    }()

    let document: Document
    /// The published date as (year, month, day), if known.
    let anchor: CivilDate?

    init(document: Document) {
        self.document = document
        anchor = document.metadata.published.flatMap(CivilDate.init(iso:))
    }

    func expressions(in sentence: Sentence) -> [DateExpression] {
        let tokens = document.tokens
        var found: [DateExpression] = []
        var i = sentence.tokens.lowerBound
        let end = sentence.tokens.upperBound
        while i < end {
            if let expression = expression(at: i, end: end, tokens) {
                found.append(expression)
                i = expression.tokens.upperBound
            } else {
                i += 1
            }
        }
        return found
    }

    private func month(_ folded: String) -> Int? { Self.monthNumbers[folded] }

    private func dayNumber(_ token: Token) -> Int? {
        guard token.kind == .number, let value = Int(token.folded), (1...31).contains(value) else { return nil }
        return value
    }

    private static let relativeWords: FoldedWordSet = ["today", "tonight", "yesterday", "tomorrow", "this", "last", "next"]

    private func expression(at i: Int, end: Int, _ tokens: [Token]) -> DateExpression? {
        let word = tokens[i].folded
        // Calendar words are capitalized; numbers and a few relative words are the only other starts.
        guard tokens[i].isCapitalized || tokens[i].kind == .number || Self.relativeWords.contains(word) else { return nil }
        func make(_ range: Range<Int>, _ date: CivilDate?, _ precision: DatePrecision) -> DateExpression {
            DateExpression(text: document.string(tokens: range), tokens: range, date: date?.iso, precision: precision)
        }
        // Weekday, optionally followed by "6 March" or "March 6".
        if tokens[i].isCapitalized, let weekday = Self.weekdayIndices[word] {
            var k = i + 1
            if k < end, tokens[k].folded == "," { k += 1 }
            if k + 1 < end, let day = dayNumber(tokens[k]), let month = month(tokens[k + 1].folded) {
                return make(i..<(k + 2), anchor.map { $0.nearest(month: month, day: day) }, .day)
            }
            if k + 1 < end, let month = month(tokens[k].folded), let day = dayNumber(tokens[k + 1]) {
                return make(i..<(k + 2), anchor.map { $0.nearest(month: month, day: day) }, .day)
            }
            let previous = i > 0 ? tokens[i - 1].folded : ""
            let direction = previous == "last" ? -1 : previous == "next" ? 1 : 0
            let start = direction != 0 ? i - 1 : i
            var expression = make(start..<(i + 1), anchor.map { $0.weekday(weekday, direction: direction) }, .weekday)
            if direction == 0 { expression.bareWeekday = weekday }
            return expression
        }
        // "6 March (2025)", "March 6 (, 2025)", "in March".
        if let day = dayNumber(tokens[i]), i + 1 < end, let month = month(tokens[i + 1].folded), tokens[i + 1].isCapitalized {
            if i + 2 < end, tokens[i + 2].kind == .number, let year = Int(tokens[i + 2].folded), year > 1900 {
                return make(i..<(i + 3), CivilDate(year: year, month: month, day: day), .day)
            }
            return make(i..<(i + 2), anchor.map { $0.nearest(month: month, day: day) }, .day)
        }
        if let month = month(word), tokens[i].isCapitalized, word != "may" || (i + 1 < end && tokens[i + 1].kind == .number) {
            if i + 1 < end, let day = dayNumber(tokens[i + 1]) {
                var k = i + 2
                if k < end, tokens[k].folded == "," { k += 1 }
                if k < end, tokens[k].kind == .number, let year = Int(tokens[k].folded), year > 1900 {
                    return make(i..<(k + 1), CivilDate(year: year, month: month, day: day), .day)
                }
                return make(i..<(i + 2), anchor.map { $0.nearest(month: month, day: day) }, .day)
            }
            if i > 0, tokens[i - 1].folded == "in" || tokens[i - 1].folded == "early" || tokens[i - 1].folded == "late" {
                if i + 1 < end, tokens[i + 1].kind == .number, let year = Int(tokens[i + 1].folded), year > 1900 {
                    return make(i..<(i + 2), CivilDate(year: year, month: month, day: 1), .month)
                }
                return make(i..<(i + 1), anchor.map { $0.nearest(month: month, day: 1) }, .month)
            }
        }
        switch word {
        case "today", "tonight": return make(i..<(i + 1), anchor, .day)
        case "yesterday": return make(i..<(i + 1), anchor?.adding(days: -1), .day)
        case "tomorrow": return make(i..<(i + 1), anchor?.adding(days: 1), .day)
        case "this", "last", "next":
            guard i + 1 < end else { return nil }
            let offset = word == "last" ? -1 : word == "next" ? 1 : 0
            switch tokens[i + 1].folded {
            case "week": return make(i..<(i + 2), anchor?.startOfWeek.adding(days: 7 * offset), .week)
            case "month": return make(i..<(i + 2), anchor?.startOfMonth(offset: offset), .month)
            case "year": return make(i..<(i + 2), anchor.map { CivilDate(year: $0.year + offset, month: 1, day: 1) }, .year)
            case "weekend":
                return make(i..<(i + 2), anchor.map { $0.weekday(5, direction: offset == 0 ? 0 : offset) }, .week)
            default: return nil
            }
        default: return nil
        }
    }
}

/// A calendar day without time zone: enough to resolve "Monday" against a published date.
///
/// ```swift
/// let friday = CivilDate(iso: "2025-02-14")!
/// friday.weekday(0, direction: 2).iso   // "2025-02-17", the Monday after
/// CivilDate(dayNumber: friday.dayNumber + 20).iso   // "2025-03-06"
/// ```
public struct CivilDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil when the text is not such a date.
    public init?(iso: String) {
        let parts: [Int]
        if let digits = Self.isoDigits(iso) {
            parts = digits
        } else {
            parts = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
        }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// Year, month and day of exactly `DDDD-DD-DD` in ASCII digits, read from its bytes; nil
    /// for any other text, which ``init(iso:)`` splits by `Character`. The merge parses two
    /// stored dates per pair of reports it compares, and splitting was most of that.
    private static func isoDigits(_ iso: String) -> [Int]? {
        var iso = iso
        return iso.withUTF8 { bytes -> [Int]? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = Int(bytes[index]) - Int(UInt8(ascii: "0"))
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return [year, month, day]
        }
    }

    /// ISO `YYYY-MM-DD`.
    public var description: String { iso }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// The date as ISO `YYYY-MM-DD`.
    public var iso: String {
        guard (1000...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else {
            let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
            return "\(y)-\(m)-\(d)"
        }
        // Written as bytes: the merge formats two dates for every report it places.
        return String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ value: Int, at end: Int, digits: Int) {
                var value = value
                for index in stride(from: end, to: end - digits, by: -1) {
                    buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, at: 3, digits: 4)
            buffer[4] = UInt8(ascii: "-")
            put(month, at: 6, digits: 2)
            buffer[7] = UInt8(ascii: "-")
            put(day, at: 9, digits: 2)
            return 10
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// 0 = Monday ... 6 = Sunday.
    public var weekdayIndex: Int { ((dayNumber % 7) + 7 + 3) % 7 }

    var startOfWeek: CivilDate { adding(days: -weekdayIndex) }

    func startOfMonth(offset: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + offset
        return CivilDate(year: total / 12, month: total % 12 + 1, day: 1)
    }

    /// The given weekday: the nearest within the week around this date (direction 0),
    /// strictly before (-1) or after (+1), or on-or-before (-2) / on-or-after (+2).
    func weekday(_ target: Int, direction: Int) -> CivilDate {
        let delta = target - weekdayIndex
        switch direction {
        case -1: return adding(days: delta < 0 ? delta : delta - 7)
        case 1: return adding(days: delta > 0 ? delta : delta + 7)
        case -2: return adding(days: delta <= 0 ? delta : delta - 7)
        case 2: return adding(days: delta >= 0 ? delta : delta + 7)
        default:
            let forward = (delta + 7) % 7
            return adding(days: forward <= 3 ? forward : forward - 7)
        }
    }

    /// The occurrence of month/day closest to this date.
    func nearest(month: Int, day: Int) -> CivilDate {
        let candidates = [year - 1, year, year + 1].map { CivilDate(year: $0, month: month, day: day) }
        return candidates.min { abs($0.dayNumber - dayNumber) < abs($1.dayNumber - dayNumber) }!
    }
}
