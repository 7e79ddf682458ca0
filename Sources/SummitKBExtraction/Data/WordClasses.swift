/// Folded words (or phrases, tokens joined by spaces) with the classes a data file gives
/// them, each with a value: the word-class tests that the extraction rules run at nearly
/// every token.
///
/// ```swift
/// var classes = WordClasses<MeetingTerms.Cue, String>()
/// classes.set("summit", for: "summit", in: .trigger)
/// classes.contains(.trigger, "summit")   // true
/// ```
///
/// Keyed by the folded text alone (``FoldedWordTable``), so that a test hashes one string.
/// A dictionary per class hashed the class too, and the classes are enums with `String` raw
/// values, which Swift hashes by their raw value: two string hashes per test, a tenth of
/// extraction. A test reads one integer, the word's classes as bits (``Classes``); the values
/// sit in a table of their own, which only ``value(_:_:)`` reads.
struct WordClasses<Class: CaseIterable & Equatable & Sendable, Value: Sendable>: Sendable {
    /// A set of classes, one bit per case of `Class` in declaration order.
    struct Classes: Sendable, Equatable {
        fileprivate(set) var bits: UInt64 = 0
        /// No class.
        static var none: Classes { Classes() }
    }

    private struct Entry: Sendable {
        let wordClass: Class
        var value: Value
    }

    /// The cases of `Class` in order: a class's bit is its position here.
    private let order = Array(Class.allCases)
    private var classes = FoldedWordTable<UInt64>()
    private var values = FoldedWordTable<[Entry]>()

    init() {
        precondition(order.count <= 64, "WordClasses holds at most 64 classes")
    }

    /// The bit of one class.
    private func bit(_ wordClass: Class) -> UInt64 {
        1 << UInt64(order.firstIndex(of: wordClass)!)
    }

    /// Gives `folded` the class `wordClass` with `value`, replacing the value it had in that class.
    mutating func set(_ value: Value, for folded: String, in wordClass: Class) {
        var entries = values[folded] ?? []
        if let index = entries.firstIndex(where: { $0.wordClass == wordClass }) {
            entries[index].value = value
        } else {
            entries.append(Entry(wordClass: wordClass, value: value))
        }
        values.set(entries, for: folded)
        classes.set((classes[folded] ?? 0) | bit(wordClass), for: folded)
    }

    /// The value of `folded` in the class, or nil when it is not in it.
    func value(_ wordClass: Class, _ folded: String) -> Value? {
        values[folded]?.first { $0.wordClass == wordClass }?.value
    }

    /// Whether `folded` is in the class.
    func contains(_ wordClass: Class, _ folded: String) -> Bool {
        contains(wordClass, classes(of: folded))
    }

    /// Every class of `folded`, looked up once: a rule that tests the same token for several
    /// classes, or the same class at every token, keeps these and tests them with
    /// ``contains(_:_:)-(Class,Classes)``.
    func classes(of folded: String) -> Classes {
        Classes(bits: classes[folded] ?? 0)
    }

    /// Whether a set of classes looked up before holds `wordClass`.
    func contains(_ wordClass: Class, _ set: Classes) -> Bool {
        set.bits & bit(wordClass) != 0
    }
}
