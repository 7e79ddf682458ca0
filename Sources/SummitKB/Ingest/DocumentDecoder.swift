/// Turns the bytes of one input document into text, or refuses it with a one-line reason.
///
/// ```swift
/// switch DocumentDecoder.decode(bytes, maxBytes: 1 << 20) {
/// case .text(let text): ...                    // UTF-8 (BOM stripped) or UTF-16 with a BOM
/// case .refused(let reason): print(reason)     // "invalid UTF-8 at byte 17"
/// }
/// ```
///
/// Refused: more than `maxBytes` bytes, nothing but whitespace, binary data (a NUL
/// byte, or mostly control bytes), invalid UTF-8 (with the byte offset), a UTF-16
/// byte-order mark followed by invalid UTF-16.
enum DocumentDecoder {
    /// What decoding made of a document.
    enum Decoded: Equatable {
        case text(String)
        case refused(String)
    }

    /// How many leading bytes are sampled for the "mostly control bytes" test.
    private static let controlSampleSize = 8192

    static func decode(_ bytes: [UInt8], maxBytes: Int) -> Decoded {
        if bytes.count > maxBytes {
            return .refused(sizeReason(bytes.count, maxBytes: maxBytes))
        }
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            return decodeUTF16(bytes, bigEndian: bytes[0] == 0xFE)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes[3...]) : bytes
        if let nul = body.firstIndex(of: 0) {
            return .refused("binary file (NUL byte at byte \(nul + (bytes.count - body.count)))")
        }
        if isMostlyControlBytes(body) {
            return .refused("binary file (mostly control bytes)")
        }
        if let offset = firstInvalidUTF8Offset(body) {
            return .refused("invalid UTF-8 at byte \(offset + (bytes.count - body.count))")
        }
        return checkedText(String(decoding: body, as: UTF8.self), byteCount: bytes.count)
    }

    /// The refusal for a document of `size` bytes over the limit.
    static func sizeReason(_ size: Int, maxBytes: Int) -> String {
        "\(size) bytes is over the limit of \(maxBytes) bytes (raise it with --max-bytes)"
    }

    private static func checkedText(_ text: String, byteCount: Int) -> Decoded {
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            return .refused(byteCount == 0 ? "empty file" : "only whitespace")
        }
        return .text(text)
    }

    private static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool) -> Decoded {
        guard bytes.count % 2 == 0 else { return .refused("invalid UTF-16: odd number of bytes") }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var index = 2
        while index < bytes.count {
            let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        var scalars = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var decoder = UTF16()
        var unitOffset = 0
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value == 0 { return .refused("binary file (NUL character in UTF-16 text)") }
                scalars.append(scalar)
                unitOffset += scalar.value > 0xFFFF ? 2 : 1
            case .emptyInput:
                break decoding
            case .error:
                return .refused("invalid UTF-16 at byte \(2 + unitOffset * 2)")
            }
        }
        return checkedText(String(scalars), byteCount: bytes.count)
    }

    /// True when over 10% of the first bytes are control bytes other than tab, line feed,
    /// form feed and carriage return.
    private static func isMostlyControlBytes(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(controlSampleSize)
        guard !sample.isEmpty else { return false }
        let controls = sample.reduce(0) { count, byte in
            (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D) || byte == 0x7F ? count + 1 : count
        }
        return controls * 10 > sample.count
    }

    /// The offset of the first byte that does not start or continue a well-formed UTF-8
    /// sequence (no overlong forms, no surrogates, nothing above U+10FFFF), or nil.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            let count = buffer.count
            while i < count {
                let lead = buffer[i]
                if lead < 0x80 { i += 1; continue }
                let length: Int
                var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; upper = 0x9F
                case 0xF0: length = 4; lower = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; upper = 0x8F
                default: return i
                }
                guard i + length <= count else { return i }
                let second = buffer[i + 1]
                if second < lower || second > upper { return i }
                for k in 2..<length where buffer[i + k] & 0xC0 != 0x80 { return i }
                i += length
            }
            return nil
        }
    }
}
