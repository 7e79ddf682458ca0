/// Byte helpers for comparing lines: the *key* of a line is its text lower-cased
/// (ASCII), with each run of characters that are neither letters nor digits turned into
/// one space, trimmed. `"**Leave a Comment!**"` and `"leave a comment"` have the same key.
enum LineKey {
    /// A key wrapped so that hashing reads its bytes as one buffer (hashing `[UInt8]`
    /// directly feeds the hasher one byte at a time, several times slower).
    struct Hashed: Hashable, Sendable {
        let bytes: [UInt8]

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// The key of `bytes` (UTF-8).
    static func key(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: input.count) { output, count in
                var n = 0
                var pendingSpace = false
                var i = 0
                let end = input.count
                while i < end {
                    var b = input[i]
                    if b < 0x80 {
                        if b >= 65 && b <= 90 { b += 32 }
                        if (b >= 48 && b <= 57) || (b >= 97 && b <= 122) {
                            if pendingSpace, n > 0 { output[n] = 32; n += 1 }
                            pendingSpace = false
                            output[n] = b
                            n += 1
                        } else {
                            pendingSpace = true
                        }
                        i += 1
                    } else {
                        let (scalar, width) = decode(input, i)
                        // Latin, Greek, Cyrillic … letters (U+00C0–U+1FFF) need no table lookup.
                        let letter = scalar >= 0xC0 && scalar < 0x2000 && scalar != 0xD7 && scalar != 0xF7
                        if letter || Tokenizer.isWordScalar(scalar) {
                            if pendingSpace, n > 0 { output[n] = 32; n += 1 }
                            pendingSpace = false
                            for k in 0..<width { output[n + k] = input[i + k] }
                            n += width
                        } else {
                            pendingSpace = true
                        }
                        i += width
                    }
                }
                count = n
            }
        }
    }

    /// Decodes the multi-byte scalar at `i` (lead byte ≥ 0x80); a broken sequence counts as one byte.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = bytes[i], end = bytes.count
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

    /// `key` starts with the words of `prefix` (a key too), ending at a word boundary.
    static func hasWordPrefix(_ key: [UInt8], _ prefix: [UInt8]) -> Bool {
        guard key.count >= prefix.count, hasBytes(key, at: 0, prefix) else { return false }
        return key.count == prefix.count || key[prefix.count] == 32
    }

    /// `bytes[at...]` starts with `needle`.
    @inline(__always)
    static func hasBytes(_ bytes: [UInt8], at start: Int, _ needle: [UInt8]) -> Bool {
        guard start + needle.count <= bytes.count else { return false }
        for j in 0..<needle.count where bytes[start + j] != needle[j] { return false }
        return true
    }

    /// `bytes`, ASCII lower-cased, contains `needle` (already lower case).
    static func containsLowered(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return needle.isEmpty }
        var i = 0
        while i + needle.count <= bytes.count {
            if lower(bytes[i]) == first {
                var j = 1
                while j < needle.count, lower(bytes[i + j]) == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Which ASCII bytes (lowered) occur in `bytes`: bit `b` of a 128-bit set.
    /// A needle whose first byte is absent cannot occur.
    static func byteSet(_ bytes: [UInt8]) -> (low: UInt64, high: UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0
        for b in bytes where b < 0x80 {
            let l = lower(b)
            if l < 64 { low |= 1 << UInt64(l) } else { high |= 1 << UInt64(l - 64) }
        }
        return (low, high)
    }

    /// `byte` is in a set made by ``byteSet(_:)``; bytes above ASCII always count as present.
    @inline(__always) static func contains(_ set: (low: UInt64, high: UInt64), _ byte: UInt8) -> Bool {
        if byte >= 0x80 { return true }
        return byte < 64 ? set.low & (1 << UInt64(byte)) != 0 : set.high & (1 << UInt64(byte - 64)) != 0
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    /// `bytes` without leading and trailing spaces.
    static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        var lo = 0, hi = bytes.count
        while lo < hi, bytes[lo] == 32 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 32 { hi -= 1 }
        return lo == 0 && hi == bytes.count ? bytes : Array(bytes[lo..<hi])
    }

    /// The number of space-separated words in a key.
    static func wordCount(_ key: [UInt8]) -> Int {
        key.isEmpty ? 0 : key.reduce(1) { $1 == 32 ? $0 + 1 : $0 }
    }
}
