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
/// extraction.
struct WordClasses<Class: Equatable & Sendable, Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        let wordClass: Class
        var value: Value
    }

    private var entries = FoldedWordTable<[Entry]>()

    /// Gives `folded` the class `wordClass` with `value`, replacing the value it had in that class.
    mutating func set(_ value: Value, for folded: String, in wordClass: Class) {
        var classes = entries[folded] ?? []
        if let index = classes.firstIndex(where: { $0.wordClass == wordClass }) {
            classes[index].value = value
        } else {
            classes.append(Entry(wordClass: wordClass, value: value))
        }
        entries.set(classes, for: folded)
    }

    /// The value of `folded` in the class, or nil when it is not in it.
    func value(_ wordClass: Class, _ folded: String) -> Value? {
        entries[folded]?.first { $0.wordClass == wordClass }?.value
    }

    /// Whether `folded` is in the class.
    func contains(_ wordClass: Class, _ folded: String) -> Bool {
        entries[folded]?.contains { $0.wordClass == wordClass } ?? false
    }
}
