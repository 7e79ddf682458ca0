/// A half-open range of UTF-8 byte offsets into a document's normalized text.
///
/// Extraction works on bytes; the store converts ranges to code-point offsets
/// (what `substr()` in SQLite counts) when it persists evidence.
public struct TextRange: Hashable, Sendable, Codable, Comparable {
    /// First byte of the range.
    public var lowerBound: Int
    /// One past the last byte of the range.
    public var upperBound: Int

    /// Creates a range; `lowerBound` must not exceed `upperBound`.
    public init(_ lowerBound: Int, _ upperBound: Int) {
        precondition(lowerBound <= upperBound, "TextRange bounds out of order")
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }

    /// Number of bytes covered.
    public var count: Int { upperBound - lowerBound }

    /// Whether `other` lies entirely inside this range.
    public func contains(_ other: TextRange) -> Bool {
        lowerBound <= other.lowerBound && other.upperBound <= upperBound
    }

    /// Whether the two ranges share at least one byte.
    public func overlaps(_ other: TextRange) -> Bool {
        lowerBound < other.upperBound && other.lowerBound < upperBound
    }

    public static func < (lhs: TextRange, rhs: TextRange) -> Bool {
        (lhs.lowerBound, lhs.upperBound) < (rhs.lowerBound, rhs.upperBound)
    }
}
