/// A lexicon or pattern file: a header, then tab-separated rows.
///
/// ```text
/// # format: summitkb-entities/1
/// # provenance: who wrote it, from what
/// # gaps: what it is known to miss
/// # columns: kind	name	aliases
/// country	France	French Republic
/// ```
///
/// The header must name the expected `format` and exactly the expected `columns`,
/// and state `provenance` and `gaps`. After the header, `#` lines are comments and
/// blank lines are skipped; a row may leave trailing fields out but never add any.
/// Multi-valued fields separate values with `|`.
public struct DataTable: Sendable {
    /// One data row, with the line it came from.
    public struct Row: Sendable {
        public let line: Int
        public let fields: [String]

        /// The value of a column, empty when left out.
        public subscript(_ index: Int) -> String { index < fields.count ? fields[index] : "" }

        /// The `|`-separated values of a column, trimmed, empties dropped.
        public func list(_ index: Int) -> [String] {
            Array(self[index].utf8).split(separator: UInt8(ascii: "|")).map { $0.trimmingSpaces() }
                .filter { !$0.isEmpty }.map { DataTable.string($0) }
        }

        /// The value of a column, or nil when empty.
        public func optional(_ index: Int) -> String? { self[index].isEmpty ? nil : self[index] }
    }

    /// Name of the file or built-in resource, used in error messages.
    public let name: String
    /// Header fields (`format`, `provenance`, `gaps`, `columns`, and any extra).
    public let header: [String: String]
    public let rows: [Row]

    /// Parses and validates `text`.
    ///
    /// - Throws: ``DataFileError`` naming `name`, the line and what is wrong.
    public init(name: String, text: String, format: String, columns: [String]) throws {
        self.name = name
        var header: [String: String] = [:]
        var rows: [Row] = []
        var inHeader = true
        // Lines and fields are cut on UTF-8 bytes: cutting a String by Character was most of
        // loading the built-in files (90M of 335M instructions of an empty ingest's start-up),
        // and never cut "\r\n", which Swift reads as one Character.
        let bytes = Array(text.utf8)
        var lineNumber = 0
        var lineStart = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 10) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            lineNumber += 1
            var line = bytes[lineStart..<lineEnd]
            if line.last == 13 { line = line.dropLast() }
            if line.trimmingSpaces().isEmpty { continue }
            if line.first == UInt8(ascii: "#") {
                if inHeader, let colon = line.firstIndex(of: UInt8(ascii: ":")) {
                    let key = Self.string(line[(line.startIndex + 1)..<colon].trimmingSpaces()).lowercased()
                    header[key] = Self.string(line[(colon + 1)...].trimmingSpaces())
                }
                continue
            }
            if inHeader {
                inHeader = false
                try Self.validate(header: header, name: name, format: format, columns: columns)
            }
            let fields = line.split(separator: 9, omittingEmptySubsequences: false).map { Self.string($0.trimmingSpaces()) }
            if fields.count > columns.count {
                throw DataFileError(file: name, line: lineNumber,
                                    message: "has \(fields.count) fields, the header declares \(columns.count) (\(columns.joined(separator: ", ")))")
            }
            rows.append(Row(line: lineNumber, fields: fields))
        }
        if inHeader { try Self.validate(header: header, name: name, format: format, columns: columns) }
        self.header = header
        self.rows = rows
    }

    fileprivate static func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    private static func validate(header: [String: String], name: String, format: String, columns: [String]) throws {
        guard let found = header["format"] else {
            throw DataFileError(file: name, line: 1, message: "has no '# format: \(format)' header line")
        }
        guard found == format else {
            throw DataFileError(file: name, line: 1, message: "has format '\(found)', expected '\(format)'")
        }
        for key in ["provenance", "gaps"] where (header[key] ?? "").isEmpty {
            throw DataFileError(file: name, line: 1, message: "has no '# \(key): ...' header line")
        }
        let declared = (header["columns"] ?? "").split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
        guard declared == columns else {
            throw DataFileError(file: name, line: 1,
                                message: "declares columns '\(declared.joined(separator: " "))', expected '\(columns.joined(separator: " "))'")
        }
    }
}

extension DataTable {
    /// The rows of a cue file (`phrase  type ...`): each with its type parsed as `Cue` and
    /// its phrase folded into tokens the way documents are.
    ///
    /// - Throws: ``DataFileError`` for an unknown type or an empty phrase, naming the line.
    func cueRows<Cue: RawRepresentable & CaseIterable>(
        of _: Cue.Type, phraseColumn: Int = 0, typeColumn: Int = 1
    ) throws -> [(row: Row, cue: Cue, phrase: [String])] where Cue.RawValue == String {
        try rows.map { row in
            guard let cue = Cue(rawValue: row[typeColumn]) else {
                let expected = Cue.allCases.map(\.rawValue).joined(separator: ", ")
                throw DataFileError(file: name, line: row.line, message: "unknown type '\(row[typeColumn])' (expected \(expected))")
            }
            let phrase = foldedTokens(row[phraseColumn])
            guard !phrase.isEmpty else { throw DataFileError(file: name, line: row.line, message: "has an empty phrase") }
            return (row, cue, phrase)
        }
    }
}

/// A lexicon or pattern file that failed validation.
public struct DataFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    func trimmingSpaces() -> String {
        var lo = startIndex, hi = endIndex
        while lo < hi, self[lo] == " " || self[lo] == "\t" || self[lo] == "\r" { lo = index(after: lo) }
        while hi > lo, self[index(before: hi)] == " " || self[index(before: hi)] == "\t" || self[index(before: hi)] == "\r" { hi = index(before: hi) }
        return String(self[lo..<hi])
    }
}

extension ArraySlice<UInt8> {
    /// The UTF-8 bytes without leading and trailing spaces, tabs and carriage returns, like
    /// `trimmingSpaces()` on text.
    func trimmingSpaces() -> ArraySlice<UInt8> {
        let isSpace = { (byte: UInt8) in byte == 32 || byte == 9 || byte == 13 }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[startIndex..<startIndex]
        }
        return self[first...last]
    }
}
