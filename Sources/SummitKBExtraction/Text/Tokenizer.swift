/// Splits a paragraph's UTF-8 bytes into word, number and punctuation tokens.
///
/// Letters (ASCII or any non-ASCII letter) and digits make words; a possessive
/// `'s`/`’s` becomes its own token; dotted abbreviations stay whole (`U.K.`, `J.D.`);
/// every other mark is a one-character punctuation token. Runs in one pass.
enum Tokenizer {
    /// Non-ASCII punctuation that must not be glued into words.
    private static let punctuationScalars: Set<UInt32> = [
        0x2018, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014, 0x2026, 0x00AB, 0x00BB, 0x00A0,
        0x2022, 0x00B7, 0x2010, 0x2011, 0x2012, 0x2015, 0x201E, 0x2032, 0x00A9, 0x00AE, 0x2122,
    ]

    static func tokens(in bytes: [UInt8], range: TextRange) -> [Token] {
        var tokens: [Token] = []
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let (scalar, width) = decode(bytes, i, end)
            if isSpace(scalar) { i += width; continue }
            if isWordScalar(scalar) {
                let start = i
                var j = i
                var sawLetter = false
                var allDigits = true
                while j < end {
                    let (s, w) = decode(bytes, j, end)
                    if isWordScalar(s) {
                        if !(s >= 48 && s <= 57) { allDigits = false; sawLetter = true }
                        j += w
                    } else if (s == 0x27 || s == 0x2019), j + w < end {
                        // Apostrophe inside a word ("don't", "O'Brien") but not a possessive 's.
                        let (next, nw) = decode(bytes, j + w, end)
                        let possessive = (next == 115 || next == 83) && (j + w + nw >= end || !isWordScalar(decode(bytes, j + w + nw, end).0))
                        if isWordScalar(next) && !possessive { j += w } else { break }
                    } else if s == 0x2E, sawLetter, j - start <= 2, j + 1 < end, isUpperASCII(bytes[j + 1]) || isUpperASCII(bytes[start]) && bytes[j + 1] >= 65 {
                        // Dotted abbreviation: U.K., U.S.A., J.D. When the letters-and-dots scan
                        // fails ("U1.S." has a digit), keep the word so far: never go back to
                        // `start`, which would make an empty token and loop forever.
                        j = max(j, dottedAbbreviationEnd(bytes, from: start, end: end))
                        break
                    } else if s == 0x2C || s == 0x2E, allDigits, j + 1 < end, bytes[j + 1] >= 48, bytes[j + 1] <= 57 {
                        j += 1   // 1,000 or 3.5
                    } else {
                        break
                    }
                }
                let kind: Token.Kind = allDigits ? .number : .word
                tokens.append(makeToken(bytes, start, j, kind))
                i = j
            } else if (scalar == 0x27 || scalar == 0x2019), i + width < end, bytes[i + width] == 115 || bytes[i + width] == 83,
                      i + width + 1 >= end || !isWordScalar(decode(bytes, i + width + 1, end).0) {
                tokens.append(makeToken(bytes, i, i + width + 1, .word))   // possessive 's
                i += width + 1
            } else {
                tokens.append(makeToken(bytes, i, i + width, .punctuation))
                i += width
            }
        }
        return tokens
    }

    /// End of a dotted abbreviation that starts at `start` (a letter): letters and dots
    /// alternating, ending after the last dot.
    private static func dottedAbbreviationEnd(_ bytes: [UInt8], from start: Int, end: Int) -> Int {
        var j = start
        while j < end {
            var k = j
            while k < end, isASCIILetter(bytes[k]), k - j < 2 { k += 1 }
            if k == j || k >= end || bytes[k] != UInt8(ascii: ".") { break }
            j = k + 1
        }
        return j
    }

    private static func makeToken(_ bytes: [UInt8], _ start: Int, _ end: Int, _ kind: Token.Kind) -> Token {
        let folded = kind == .punctuation ? String(decoding: bytes[start..<end], as: UTF8.self)
                                          : Folding.fold(bytes, start, end)
        let first = decode(bytes, start, end).0
        let capitalized = kind == .word && isUpperScalar(first)
        return Token(range: TextRange(start, end), kind: kind, isCapitalized: capitalized, sentence: 0, folded: folded)
    }

    /// Decodes one scalar at `i`; invalid sequences count as one byte (scalar 0xFFFD).
    @inline(__always)
    static func decode(_ bytes: [UInt8], _ i: Int, _ end: Int) -> (UInt32, Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 & 0xE0 == 0xC0, i + 1 < end { return ((UInt32(b0 & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F), 2) }
        if b0 & 0xF0 == 0xE0, i + 2 < end {
            return ((UInt32(b0 & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        if b0 & 0xF8 == 0xF0, i + 3 < end {
            return ((UInt32(b0 & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                    | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    @inline(__always) static func isSpace(_ s: UInt32) -> Bool {
        s == 32 || s == 9 || s == 10 || s == 13 || s == 0xA0 || s == 0x2009 || s == 0x200B || s == 0x202F || s == 0x3000
    }

    @inline(__always) static func isWordScalar(_ s: UInt32) -> Bool {
        if s < 0x80 { return (s >= 48 && s <= 57) || (s >= 65 && s <= 90) || (s >= 97 && s <= 122) }
        if s >= 0x2000 && s <= 0x206F { return false }   // general punctuation
        if s >= 0x1F000 { return false }                   // emoji and symbols
        return !punctuationScalars.contains(s) && s != 0xFFFD && !(s >= 0xA1 && s <= 0xBF) && s != 0xD7 && s != 0xF7
    }

    @inline(__always) static func isUpperScalar(_ s: UInt32) -> Bool {
        (s >= 65 && s <= 90) || (s >= 0xC0 && s <= 0xDE && s != 0xD7) || (s >= 0x100 && s <= 0x17F && s % 2 == 0) || (s >= 0x391 && s <= 0x3A9) || (s >= 0x410 && s <= 0x42F)
    }

    @inline(__always) private static func isUpperASCII(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
    @inline(__always) private static func isASCIILetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
}
