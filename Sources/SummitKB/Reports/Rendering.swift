import Foundation

/// How a report or list is written out.
///
/// ```swift
/// let text = try Rendering.render(try kb.timeline(), as: .markdown)
/// ```
public enum OutputFormat: String, Sendable, CaseIterable, Codable {
    /// Aligned plain-text tables that wrap long cells to the terminal width.
    case table
    /// Pretty-printed JSON with sorted, snake_case keys; the shape of each value is documented on its type,
    /// where a key written `"key"?` is left out when its value is null.
    case json
    /// RFC 4180 CSV with a header row; a value made of several tables writes one block per table,
    /// separated by an empty line.
    case csv
    /// GitHub-flavoured Markdown tables under `###` headings.
    case markdown
}

/// One titled table: the common shape every report and list can be drawn as.
///
/// ```swift
/// let table = TextTable(title: "Sources", columns: ["id", "path"], rows: [["1", "seeds/a.txt"]])
/// print(Rendering.text(table, width: 80))
/// ```
public struct TextTable: Sendable, Hashable {
    public var title: String?
    public var columns: [String]
    public var rows: [[String]]

    /// A table with an optional title.
    ///
    /// ```swift
    /// let table = TextTable(columns: ["name"], rows: [["NATO"]])
    /// ```
    public init(title: String? = nil, columns: [String], rows: [[String]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

/// A value that can be drawn as tables, as well as encoded as JSON.
///
/// ```swift
/// extension MyList: TableRepresentable {
///     public var tables: [TextTable] { [TextTable(columns: ["name"], rows: names.map { [$0] })] }
/// }
/// ```
public protocol TableRepresentable: Encodable {
    /// The tables, in the order they are printed.
    var tables: [TextTable] { get }
}

/// Writes reports and lists as text tables, JSON, CSV or Markdown.
///
/// ```swift
/// let report = try kb.conflicts()
/// print(try Rendering.render(report, as: .table, width: Rendering.terminalWidth()))
/// ```
public enum Rendering {
    /// The width to wrap tables to: `COLUMNS` from the environment when it is a number, else 100.
    ///
    /// ```swift
    /// let width = Rendering.terminalWidth(ProcessInfo.processInfo.environment)
    /// ```
    public static func terminalWidth(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        environment["COLUMNS"].flatMap(Int.init).flatMap { $0 >= 20 ? $0 : nil } ?? 100
    }

    /// Renders `value` in `format`; `width` only matters for `.table`.
    ///
    /// ```swift
    /// let json = try Rendering.render(try kb.proposalsReport(), as: .json)
    /// ```
    public static func render(_ value: some TableRepresentable, as format: OutputFormat, width: Int = 100) throws -> String {
        switch format {
        case .json: return try json(value)
        case .table: return value.tables.map { text($0, width: width) }.joined(separator: "\n")
        case .csv: return value.tables.map(csv).joined(separator: "\r\n")
        case .markdown: return value.tables.map(markdown).joined(separator: "\n")
        }
    }

    /// Stable JSON: pretty-printed, sorted keys, snake_case keys, unescaped slashes, ending in a newline.
    /// Null optionals are left out, never written as `null`.
    ///
    /// ```swift
    /// let data = try Rendering.json(try kb.timeline())
    /// ```
    public static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// RFC 4180 CSV: CRLF line ends; fields with a comma, quote, CR or LF are quoted, quotes doubled.
    ///
    /// ```swift
    /// Rendering.csv(TextTable(columns: ["a"], rows: [["say \"hi\""]]))   // "a\r\n\"say \"\"hi\"\"\"\r\n"
    /// ```
    public static func csv(_ table: TextTable) -> String {
        func field(_ value: String) -> String {
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return ([table.columns] + table.rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A Markdown table under a `###` heading when the table has a title; pipes and newlines escaped.
    ///
    /// ```swift
    /// print(Rendering.markdown(TextTable(title: "Timeline", columns: ["date"], rows: [["2025-02-17"]])))
    /// ```
    public static func markdown(_ table: TextTable) -> String {
        func cell(_ value: String) -> String {
            value.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: "<br>")
        }
        var lines: [String] = []
        if let title = table.title { lines += ["### \(title)", ""] }
        lines.append("| " + table.columns.map(cell).joined(separator: " | ") + " |")
        lines.append("|" + table.columns.map { _ in " --- |" }.joined())
        lines += table.rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An aligned plain-text table no wider than `width` (when the columns allow it): the widest
    /// columns are narrowed first, down to their longest word before any word is split, and their
    /// cells wrap at spaces, or mid-word when a word is still too long.
    ///
    /// ```swift
    /// print(Rendering.text(table, width: 60))
    /// ```
    public static func text(_ table: TextTable, width: Int) -> String {
        let separator = "  "
        let columnCount = table.columns.count
        let cells = ([table.columns] + table.rows).map { row in
            (0..<columnCount).map { $0 < row.count ? row[$0] : "" }
        }
        var widths = (0..<columnCount).map { column in
            cells.map { row in row[column].split(separator: "\n", omittingEmptySubsequences: false).map(\.count).max() ?? 0 }
                .max() ?? 0
        }
        // Narrow the widest column, first only down to its longest word (so paths and names
        // stay whole), then down to a floor of 8 characters.
        let longestWords = (0..<columnCount).map { column in
            cells.map { row in row[column].split(whereSeparator: \.isWhitespace).map(\.count).max() ?? 0 }.max() ?? 0
        }
        let budget = width - separator.count * max(0, columnCount - 1)
        for floor in [longestWords, Array(repeating: 8, count: columnCount)] {
            while widths.reduce(0, +) > budget,
                  let widest = widths.indices.filter({ widths[$0] > floor[$0] }).max(by: { widths[$0] < widths[$1] }) {
                widths[widest] -= 1
            }
        }
        var lines: [String] = []
        if let title = table.title { lines += [title, String(repeating: "=", count: min(title.count, width))] }
        for (index, row) in cells.enumerated() {
            let wrapped = row.indices.map { wrap(row[$0], width: widths[$0]) }
            let height = wrapped.map(\.count).max() ?? 1
            for line in 0..<height {
                let parts = wrapped.indices.map { column -> String in
                    let text = line < wrapped[column].count ? wrapped[column][line] : ""
                    return text + String(repeating: " ", count: max(0, widths[column] - text.count))
                }
                lines.append(trimTrailing(parts.joined(separator: separator)))
            }
            if index == 0 {
                lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: separator))
            }
        }
        if table.rows.isEmpty { lines.append("(none)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Splits `text` into lines of at most `width` characters, at spaces when possible.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = Substring(word)
                if !current.isEmpty, current.count + 1 + word.count <= width {
                    current += " " + word
                    continue
                }
                if !current.isEmpty { lines.append(current) }
                while word.count > width {
                    lines.append(String(word.prefix(width)))
                    word = word.dropFirst(width)
                }
                current = String(word)
            }
            lines.append(current)
        }
        return lines
    }

    private static func trimTrailing(_ line: String) -> String {
        var line = Substring(line)
        while line.last == " " { line = line.dropLast() }
        return String(line)
    }
}

/// Helpers that turn optional and list values into table cells.
extension Optional where Wrapped == String {
    var cell: String { self ?? "" }
}

extension Array where Element == String {
    var cell: String { joined(separator: "; ") }
}
