import ArgumentParser
import Foundation
import SummitKB

/// Output options shared by every subcommand.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of an aligned table.")
    var json = false

    /// Prints `value` as pretty JSON on standard output.
    func printJSON<T: Encodable>(_ value: T) throws {
        print(String(decoding: try StableJSON.document(value), as: UTF8.self), terminator: "")
    }
}

/// Writes a progress line on standard error, so standard output stays clean for `--json`.
func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// The process's peak resident memory so far (`VmHWM` in `/proc/self/status`), in bytes; 0 where unavailable.
func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    else { return 0 }
    return kilobytes * 1024
}

/// Seconds taken by `body`, on the monotonic clock.
func timed<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
    let clock = ContinuousClock()
    var result: T?
    let duration = try clock.measure { result = try body() }
    return (result!, seconds(duration))
}

/// A duration in seconds.
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// The paths of a SQLite database file and of its `-wal` and `-shm` files.
func databaseFiles(at path: String) -> [String] {
    ["", "-wal", "-shm"].map { path + $0 }
}

/// Total size of a SQLite database with its `-wal` and `-shm` files, in bytes.
func databaseBytes(at path: String) -> Int {
    databaseFiles(at: path).reduce(0) { total, file in
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
        return total + (size ?? 0)
    }
}

/// Whitespace-separated words in a string.
func wordCount(_ text: String) -> Int {
    text.utf8.split(whereSeparator: { $0 == 32 || $0 == 10 || $0 == 9 || $0 == 13 }).count
}

/// A plain-text table: a header row, then rows; numeric-looking cells are right-aligned.
struct TextTable {
    let headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) { self.headers = headers }

    mutating func add(_ cells: String...) { rows.append(cells) }

    func render() -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                let numeric = cell.first.map { $0.isNumber || $0 == "-" } ?? false
                return numeric ? padding + cell : cell + padding
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// Number formatting for tables: a fixed number of decimals, thousands grouped with commas.
func formatted(_ value: Double, decimals: Int = 0) -> String {
    guard value.isFinite else { return "inf" }
    let fixed = String(format: "%.\(decimals)f", abs(value))
    let parts = fixed.split(separator: ".", maxSplits: 1)
    var integer = String(parts[0])
    var grouped = ""
    while integer.count > 3 {
        grouped = "," + integer.suffix(3) + grouped
        integer.removeLast(3)
    }
    let sign = value < 0 && fixed.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
    return sign + integer + grouped + (parts.count > 1 ? "." + parts[1] : "")
}

/// A runtime failure with a message that names what went wrong.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
