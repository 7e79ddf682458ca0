import Foundation

/// Character-level cleanup on UTF-8 bytes: Unicode NFC, line endings, control
/// characters and odd spaces; splits the result into trimmed lines.
enum TextCleaner {
    /// The UTF-8 bytes of `text` in Unicode NFC.
    ///
    /// Fast path: text made only of scalars that NFC never changes (ASCII, Latin-1,
    /// Latin Extended, Cyrillic, general punctuation, currency, emoji) is returned as is;
    /// anything else (combining marks, Hangul, compatibility singletons) goes through Foundation.
    static func nfcBytes(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        return isSurelyNFC(bytes) ? bytes : Array(text.precomposedStringWithCanonicalMapping.utf8)
    }

    /// True when every scalar lies in a block with neither combining marks nor singletons.
    static func isSurelyNFC(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            let end = buffer.count
            while i < end {
                // Eight ASCII bytes at a time.
                if i + 8 <= end,
                   UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
                let b = buffer[i]
                if b < 0xCC { i += b < 0x80 ? 1 : 2; continue }             // U+0000–U+02FF
                let c = i + 1 < end ? buffer[i + 1] : 0
                switch b {
                case 0xD0, 0xD1: i += 2                                        // Cyrillic U+0400–U+047F
                case 0xE2 where c <= 0x82 || (c >= 0x94 && c <= 0x9F):
                    i += 3                                                     // punctuation, currency, box drawing, symbols
                case 0xEF where c == 0xBB && i + 2 < end && buffer[i + 2] == 0xBF:
                    i += 3                                                     // U+FEFF, removed later
                case 0xF0 where c == 0x9F:
                    i += 4                                                     // emoji U+1F000–U+1FFFF
                default: return false
                }
            }
            return true
        }
    }

    /// Splits `bytes` into lines, each trimmed, with runs of spaces collapsed.
    ///
    /// `\r\n`, a lone `\r`, U+0085, U+2028 and U+2029 end a line; tabs and odd spaces
    /// (no-break, thin, ideographic, …) become a plain space; other C0 and C1 controls,
    /// DEL, zero-width spaces, word joiners, stray byte-order marks and soft hyphens are removed.
    /// Empty lines are kept (as empty arrays) so callers can see paragraph breaks.
    static func lines(_ slice: ArraySlice<UInt8>) -> [[UInt8]] {
        slice.withUnsafeBufferPointer(lines)
    }

    private static func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> [[UInt8]] {
        var out = LineBuilder()
        var i = 0
        let end = bytes.count
        while i < end {
            let b = bytes[i]
            if b >= 0x21 && b < 0x7F {
                // A run of visible ASCII is copied at once.
                var j = i + 1
                while j < end, bytes[j] >= 0x21 && bytes[j] < 0x7F { j += 1 }
                out.append(UnsafeBufferPointer(rebasing: bytes[i..<j]))
                i = j
                continue
            }
            switch b {
            case 0x20, 0x09: out.space(); i += 1
            case 0x0A: out.endLine(); i += 1
            case 0x0D:
                out.endLine()
                i += (i + 1 < end && bytes[i + 1] == 0x0A) ? 2 : 1
            case 0x00..<0x20, 0x7F: i += 1
            case 0xC2 where i + 1 < end:
                let c = bytes[i + 1]
                if c == 0x85 { out.endLine() }                      // NEL
                else if c == 0xA0 { out.space() }                   // no-break space
                else if c < 0xA0 || c == 0xAD { }                   // C1 control, soft hyphen
                else { out.append(b); out.line.append(c) }
                i += 2
            case 0xE1 where i + 2 < end && bytes[i + 1] == 0x9A && bytes[i + 2] == 0x80:
                out.space(); i += 3                                  // U+1680 ogham space
            case 0xE2 where i + 2 < end && bytes[i + 1] == 0x80:
                let c = bytes[i + 2]
                switch c {
                case 0x80...0x8A, 0xAF: out.space()                  // U+2000–U+200A, U+202F
                case 0x8B: break                                     // U+200B zero-width space
                case 0xA8, 0xA9: out.endLine()                       // U+2028, U+2029
                default: out.append(b); out.line.append(0x80); out.line.append(c)
                }
                i += 3
            case 0xE2 where i + 2 < end && bytes[i + 1] == 0x81 && (bytes[i + 2] == 0x9F || bytes[i + 2] == 0xA0):
                if bytes[i + 2] == 0x9F { out.space() }              // U+205F space; U+2060 word joiner dropped
                i += 3
            case 0xE3 where i + 2 < end && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80:
                out.space(); i += 3                                  // U+3000 ideographic space
            case 0xEF where i + 2 < end && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF:
                i += 3                                               // U+FEFF
            default:
                out.append(b)
                i += 1                                               // continuation bytes follow as is
            }
        }
        out.endLine()
        return out.lines
    }

    /// Collects lines; spaces are kept pending so lines come out trimmed and collapsed.
    private struct LineBuilder {
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        var pendingSpace = false

        init() { line.reserveCapacity(512) }

        @inline(__always) mutating func append(_ b: UInt8) {
            if pendingSpace { line.append(32); pendingSpace = false }
            line.append(b)
        }

        @inline(__always) mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
            if pendingSpace { line.append(32); pendingSpace = false }
            line.append(contentsOf: run)
        }

        @inline(__always) mutating func space() { if !line.isEmpty { pendingSpace = true } }

        mutating func endLine() {
            lines.append(line)
            line.removeAll(keepingCapacity: true)
            pendingSpace = false
        }
    }
}
