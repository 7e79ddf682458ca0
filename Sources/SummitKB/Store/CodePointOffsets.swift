/// Converts UTF-8 byte offsets of a text into Unicode code-point offsets, which is what
/// SQLite's `substr()` and `length()` count on a TEXT value.
///
/// ```swift
/// let offsets = CodePointOffsets(utf8: Array("Élysée Palace".utf8))
/// offsets.codePoint(atByte: 8)   // 6: the space after "Élysée"
/// ```
///
/// A byte offset inside a multi-byte character maps to the character after it.
/// Pure ASCII text needs no table: offsets are equal.
struct CodePointOffsets {
    /// `table[i]` = number of code points that start before byte `i`; nil for ASCII text.
    private let table: [Int32]?
    private let byteCount: Int

    init(utf8 bytes: [UInt8]) {
        byteCount = bytes.count
        guard bytes.contains(where: { $0 >= 0x80 }) else {
            table = nil
            return
        }
        var table = [Int32](repeating: 0, count: bytes.count + 1)
        var count: Int32 = 0
        for (index, byte) in bytes.enumerated() {
            table[index] = count
            if byte & 0xC0 != 0x80 { count += 1 }
        }
        table[bytes.count] = count
        self.table = table
    }

    /// The code-point offset of a byte offset (clamped to the text).
    func codePoint(atByte offset: Int) -> Int {
        let clamped = min(max(offset, 0), byteCount)
        guard let table else { return clamped }
        return Int(table[clamped])
    }
}
