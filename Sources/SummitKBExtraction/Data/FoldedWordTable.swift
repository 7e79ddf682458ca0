/// A hash table from folded words (short, lower-case, mostly ASCII strings) to values,
/// hashed with FNV-1a over the word's UTF-8 bytes.
///
/// ```swift
/// var table = FoldedWordTable<Int>()
/// table.set(1, for: "summit")
/// table["summit"]   // 1
/// table["summits"]  // nil
/// ```
///
/// The extraction stages look a token's folded word up in a trie or a word class at nearly
/// every token, several times over. `Dictionary` hashes a `String` with a seeded SipHash,
/// about five times the work of FNV-1a on a six-byte word; the tables are built from the
/// data files and never see hostile keys. `key` can mix in a small number, so that one
/// table holds the edges of a whole trie (``PhraseTrie``).
struct FoldedWordTable<Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        let word: String
        let key: Int32
        var value: Value
    }

    /// Open addressing, linear probing; the capacity is a power of two, at most half full.
    private var slots: [Slot?] = Array(repeating: nil, count: 8)
    /// The full hash of each slot's word and key, 0 for an empty slot: a probe compares
    /// these before it reads a slot, and reads only the slot whose hash matches.
    private var hashes: [Int] = Array(repeating: 0, count: 8)
    private(set) var count = 0

    /// The value stored for `word` under `key` (0 by default), nil when there is none.
    subscript(word: String, key key: Int32 = 0) -> Value? {
        let hash = Self.hash(word, key)
        var index = hash & (hashes.count - 1)
        while hashes[index] != 0 {
            if hashes[index] == hash, let slot = slots[index], slot.key == key, slot.word == word { return slot.value }
            index = (index + 1) & (hashes.count - 1)
        }
        return nil
    }

    /// Stores `value` for `word` under `key`, replacing the value stored there.
    mutating func set(_ value: Value, for word: String, key: Int32 = 0) {
        if (count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(word, key)
        var index = hash & (slots.count - 1)
        while let slot = slots[index] {
            if slot.key == key, slot.word == word {
                slots[index]!.value = value
                return
            }
            index = (index + 1) & (slots.count - 1)
        }
        slots[index] = Slot(word: word, key: key, value: value)
        hashes[index] = hash
        count += 1
    }

    private mutating func grow() {
        let old = slots.compactMap { $0 }
        slots = Array(repeating: nil, count: slots.count * 2)
        hashes = Array(repeating: 0, count: slots.count)
        count = 0
        for slot in old { set(slot.value, for: slot.word, key: slot.key) }
    }

    private static func hash(_ word: String, _ key: Int32) -> Int {
        var word = word   // withUTF8 reads a small string's bytes in place; iterating `utf8` cost five times more
        return word.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(UInt32(bitPattern: key))
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            // Never 0, which marks an empty slot in `hashes`.
            return Int(truncatingIfNeeded: hash ^ (hash >> 29)) | 1 << 62
        }
    }
}

/// A set of folded words, tested with ``FoldedWordTable``'s cheap hash: the small closed
/// word classes the rules test token by token (function words, calendar words, ...).
///
/// ```swift
/// let stops: FoldedWordSet = ["and", "or"]
/// stops.contains("and")   // true
/// ```
struct FoldedWordSet: Sendable, ExpressibleByArrayLiteral {
    private var words = FoldedWordTable<Void>()

    init(arrayLiteral words: String...) {
        for word in words { self.words.set((), for: word) }
    }

    func contains(_ word: String) -> Bool { words[word] != nil }
}
