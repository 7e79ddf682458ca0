import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// The free-text columns (by name) that may wrap to fit the width, e.g. a summary or a sentence;
    /// nil lets ``Rendering/text(_:width:)`` choose every column with a cell of three words or more.
    public var wrapping: Set<String>?

    /// A table with an optional title, and optionally the names of its free-text columns.
    ///
    /// ```swift
    /// let table = TextTable(columns: ["id", "summary"], wrapping: ["summary"], rows: [["1", "Deploy troops"]])
    /// ```
    public init(title: String? = nil, columns: [String], wrapping: Set<String>? = nil, rows: [[String]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.wrapping = wrapping
    }

    /// The indices of the columns that may wrap.
    var wrappingIndices: Set<Int> {
        if let wrapping { return Set(columns.indices.filter { wrapping.contains(columns[$0]) }) }
        return Set(columns.indices.filter { column in
            rows.contains { column < $0.count && $0[column].split(whereSeparator: \.isWhitespace).count >= 3 }
        })
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

    /// The `table` format: by default each of ``tables`` drawn by ``Rendering/text(_:width:)``,
    /// separated by an empty line; a report may lay itself out differently for people to read.
    func plainText(width: Int) -> String
}

extension TableRepresentable {
    /// Each of ``tables`` drawn by ``Rendering/text(_:width:)``, separated by an empty line.
    ///
    /// ```swift
    /// print(try kb.timeline().plainText(width: 100))
    /// ```
    public func plainText(width: Int) -> String {
        tables.map { Rendering.text($0, width: width) }.joined(separator: "\n")
    }
}

/// Writes reports and lists as text tables, JSON, CSV or Markdown.
///
/// ```swift
/// let report = try kb.conflicts()
/// print(try Rendering.render(report, as: .table, width: Rendering.terminalWidth()))
/// ```
public enum Rendering {
    /// The width to wrap tables to: `COLUMNS` from the environment when it is a number of at least 20,
    /// else the width of the terminal when `fileDescriptor` (standard output) is one, else 100.
    ///
    /// ```swift
    /// let width = Rendering.terminalWidth(ProcessInfo.processInfo.environment)
    /// ```
    public static func terminalWidth(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                     fileDescriptor: Int32 = STDOUT_FILENO) -> Int {
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns >= 20 { return columns }
        var size = winsize()
        if isatty(fileDescriptor) == 1, ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 {
            return Int(size.ws_col)
        }
        return 100
    }

    /// Renders `value` in `format`; `width` only matters for `.table`.
    ///
    /// ```swift
    /// let json = try Rendering.render(try kb.proposalsReport(), as: .json)
    /// ```
    public static func render(_ value: some TableRepresentable, as format: OutputFormat, width: Int = 100) throws -> String {
        switch format {
        case .json: return try json(value)
        case .table: return value.plainText(width: width)
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
        String(decoding: try StableJSON.document(value, snakeCaseKeys: true), as: UTF8.self)
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

    /// An aligned plain-text table no wider than `width` when the columns allow it.
    ///
    /// ```swift
    /// print(Rendering.text(table, width: 60))
    /// ```
    ///
    /// Width is allocated like a terminal table tool does:
    /// 0. when the table is too wide at natural widths, columns without any value are left out;
    /// 1. every column gets its natural width (its longest line, header included) when they all fit;
    /// 2. otherwise the short columns (every column not in ``TextTable/wrapping``) keep their natural
    ///    width; the free-text columns start at their longest word (at most 16, at least 8) and share
    ///    what is left where it saves the most lines: each step widens the column whose widening
    ///    unwraps the most rows (then cells) per character, never past its natural width;
    /// 3. when that is still too wide, the other columns are narrowed, widest first, down to their
    ///    longest word; a column whose cells are all single short tokens (ids, counts, kinds, ISO
    ///    dates) is never narrowed, so numbers and ids never wrap;
    /// 4. when even that does not fit, columns are separated by one space instead of two, and when
    ///    that does not fit either, each row is printed as a block of `column  value` lines.
    /// Cells wrap at spaces, and mid-word only when a word is longer than its column.
    public static func text(_ table: TextTable, width: Int) -> String {
        let cells = ([table.columns] + table.rows).map { row in
            table.columns.indices.map { $0 < row.count ? row[$0] : "" }
        }
        let empty = table.columns.indices.filter { column in
            !table.rows.isEmpty && cells.dropFirst().allSatisfy { $0[column].isEmpty }
        }
        let natural = table.columns.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        if !empty.isEmpty, natural.reduce(0, +) + 2 * (table.columns.count - 1) > width {
            var narrower = table
            narrower.columns = table.columns.indices.filter { !empty.contains($0) }.map { table.columns[$0] }
            narrower.rows = cells.dropFirst().map { row in row.indices.filter { !empty.contains($0) }.map { row[$0] } }
            return text(narrower, width: width)
        }
        var lines: [String] = []
        if let title = table.title { lines += [title, String(repeating: "=", count: min(title.count, width))] }
        let gaps = max(0, table.columns.count - 1)
        guard let (separator, widths) = ["  ", " "].lazy.compactMap({ separator in
            columnWidths(cells, wrapping: table.wrappingIndices, budget: width - separator.count * gaps)
                .map { (separator, $0) }
        }).first
        else {
            lines += table.rows.isEmpty ? ["(none)"] : records(table, width: width)
            return lines.joined(separator: "\n") + "\n"
        }
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

    /// The width of each column of `cells` (header row first), following the rules of ``text(_:width:)``.
    static func columnWidths(_ cells: [[String]], wrapping: Set<Int>, budget: Int) -> [Int]? {
        let columns = cells.first?.indices ?? 0..<0
        func lineWidths(_ column: Int) -> [Int] {
            cells.flatMap { $0[column].split(separator: "\n", omittingEmptySubsequences: false).map(\.count) }
        }
        func wordWidths(_ column: Int) -> [Int] {
            cells.flatMap { $0[column].split(whereSeparator: \.isWhitespace).map(\.count) }
        }
        let natural = columns.map { lineWidths($0).max() ?? 0 }
        let longestWord = columns.map { wordWidths($0).max() ?? 0 }
        // Single short tokens in every body cell: ids, counts, kinds, ISO dates.
        let atomic = columns.map { column in
            cells.dropFirst().allSatisfy { row in
                row[column].count <= 12 && !row[column].contains(where: \.isWhitespace)
            }
        }
        var widths = natural
        guard widths.reduce(0, +) > budget else { return widths }

        // Free-text columns start at their floor and grow where the width saves the most lines.
        let flexible = columns.filter { wrapping.contains($0) && !atomic[$0] }
        for column in flexible { widths[column] = min(natural[column], max(8, min(longestWord[column], 16))) }
        grow(&widths, flexible, natural: natural, cells: Array(cells.prefix(200)),
             available: budget - widths.reduce(0, +))

        // Still too wide: narrow the widest narrowable column, down to its longest word.
        while widths.reduce(0, +) > budget,
              let widest = columns.filter({ !atomic[$0] && widths[$0] > max(longestWord[$0], 1) })
                  .max(by: { widths[$0] < widths[$1] }) {
            widths[widest] -= 1
        }
        return widths.reduce(0, +) <= budget ? widths : nil
    }

    /// One block per row, a `column  value` line per non-empty cell, for tables too wide for any
    /// column layout: values wrap after the longest column name.
    private static func records(_ table: TextTable, width: Int) -> [String] {
        let labelWidth = table.columns.map(\.count).max() ?? 0
        var lines: [String] = []
        for (index, row) in table.rows.enumerated() {
            if index > 0 { lines.append("") }
            for (column, name) in table.columns.enumerated() where column < row.count && !row[column].isEmpty {
                let wrapped = wrap(row[column], width: max(8, width - labelWidth - 2))
                for (number, text) in wrapped.enumerated() {
                    let label = number == 0 ? name : ""
                    lines.append(trimTrailing(label + String(repeating: " ", count: labelWidth - label.count + 2) + text))
                }
            }
        }
        return lines
    }

    /// Spends `available` characters on the `flexible` columns, a few at a time, each time on the
    /// column whose widening saves the most table lines (then the most wrapped cell lines) per character;
    /// stops when no widening saves a line. `cells` is the header and a sample of rows.
    private static func grow(_ widths: inout [Int], _ flexible: [Int], natural: [Int], cells: [[String]], available: Int) {
        var available = available
        var cache: [Int: [Int: [Int]]] = [:]
        func lines(_ column: Int, _ width: Int) -> [Int] {
            if let known = cache[column]?[width] { return known }
            let counts = cells.map { wrap($0[column], width: width).count }
            cache[column, default: [:]][width] = counts
            return counts
        }
        while available > 0 {
            let current = widths.indices.map { lines($0, widths[$0]) }
            var best: (column: Int, delta: Int, value: Double)?
            for column in flexible where widths[column] < natural[column] {
                let others = cells.indices.map { row in
                    widths.indices.lazy.filter { $0 != column }.map { current[$0][row] }.max() ?? 1
                }
                for delta in 1...min(available, natural[column] - widths[column]) {
                    let widened = lines(column, widths[column] + delta)
                    var gain = 0
                    for row in cells.indices {
                        let before = max(others[row], current[column][row]), after = max(others[row], widened[row])
                        gain += (before - after) * 1_000 + current[column][row] - widened[row]
                    }
                    let value = Double(gain) / Double(delta)
                    if gain > 0, value > best?.value ?? 0 { best = (column, delta, value) }
                }
            }
            guard let best else { break }
            widths[best.column] += best.delta
            available -= best.delta
        }
    }

    /// `text` wrapped to `width` with `indent` spaces before every line.
    static func indented(_ text: String, by indent: Int, width: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        return wrap(text, width: max(20, width - indent)).map { pad + $0 }
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
