import Foundation

/// JSON as SummitKB writes it everywhere: keys sorted and slashes left plain, so equal
/// values are equal text and exported files diff cleanly.
///
/// ```swift
/// let data = try StableJSON.document(try kb.export())      // pretty, ends with a newline
/// let row = try StableJSON.line(correctionPayload)          // one line, for JSON Lines
/// ```
public enum StableJSON {
    /// Pretty-printed JSON ending with a newline, for documents and reports.
    ///
    /// - Parameter snakeCaseKeys: converts `camelCase` property names to `snake_case` keys.
    public static func document(_ value: some Encodable, snakeCaseKeys: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if snakeCaseKeys { encoder.keyEncodingStrategy = .convertToSnakeCase }
        var data = try encoder.encode(value)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Compact JSON on one line, without a newline: JSON Lines rows and stored payloads.
    public static func line(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
