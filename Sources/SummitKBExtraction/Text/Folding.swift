/// Folding for matching: lower case, Latin diacritics removed, dots dropped,
/// typographic apostrophes made plain. Works on UTF-8 bytes.
public enum Folding {
    /// Folds a string the way tokens are folded: `"Élysée"` → `"elysee"`, `"U.K."` → `"uk"`.
    public static func fold(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return fold(bytes, 0, bytes.count)
    }

    /// Folds `bytes[start..<end]`. The folded form is never longer than the bytes, so it is
    /// written straight into the new string: no buffer per token.
    static func fold(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        String(unsafeUninitializedCapacity: end - start) { out in
            var count = 0
            var i = start
            while i < end {
                let b = bytes[i]
                if b < 0x80 {
                    i += 1
                    if b == UInt8(ascii: ".") { continue }
                    out[count] = b >= 65 && b <= 90 ? b + 32 : b
                    count += 1
                } else if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 || bytes[i + 2] == 0x98 {
                    out[count] = UInt8(ascii: "'")   // ’ ‘ → '
                    count += 1
                    i += 3
                } else if (b == 0xC3 || b == 0xC4 || b == 0xC5), i + 1 < end {
                    let scalar = (UInt32(b & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                    if let base = latinBase(scalar) {
                        out[count] = base
                        count += 1
                    } else {
                        out[count] = b
                        out[count + 1] = bytes[i + 1]
                        count += 2
                    }
                    i += 2
                } else {
                    out[count] = b
                    count += 1
                    i += 1
                }
            }
            return count
        }
    }

    /// The lower-case ASCII base letter of a Latin-1 Supplement or Latin Extended-A letter.
    static func latinBase(_ scalar: UInt32) -> UInt8? {
        switch scalar {
        case 0xC0...0xC5, 0xE0...0xE5, 0x100...0x105: return UInt8(ascii: "a")
        case 0xC7, 0xE7, 0x106...0x10D: return UInt8(ascii: "c")
        case 0x10E...0x111: return UInt8(ascii: "d")
        case 0xC8...0xCB, 0xE8...0xEB, 0x112...0x11B: return UInt8(ascii: "e")
        case 0x11C...0x123: return UInt8(ascii: "g")
        case 0xCC...0xCF, 0xEC...0xEF, 0x128...0x131: return UInt8(ascii: "i")
        case 0x139...0x142: return UInt8(ascii: "l")
        case 0xD1, 0xF1, 0x143...0x148: return UInt8(ascii: "n")
        case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8, 0x14C...0x151: return UInt8(ascii: "o")
        case 0x154...0x159: return UInt8(ascii: "r")
        case 0x15A...0x161: return UInt8(ascii: "s")
        case 0x162...0x167: return UInt8(ascii: "t")
        case 0xD9...0xDC, 0xF9...0xFC, 0x168...0x173: return UInt8(ascii: "u")
        case 0xDD, 0xFD, 0xFF, 0x176...0x178: return UInt8(ascii: "y")
        case 0x179...0x17E: return UInt8(ascii: "z")
        default: return nil
        }
    }
}
