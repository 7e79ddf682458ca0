import ArgumentParser
import SummitKB

/// `--format`, shared by every command that prints a list or report.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Output format: table, json, csv or markdown.",
        discussion: """
            Tables wrap to $COLUMNS, else to the terminal's width, else to 100 columns. JSON has sorted \
            snake_case keys; CSV follows RFC 4180.
            """))
    var format: OutputFormat = .table

    /// Writes `value` to standard output in the chosen format.
    func write(_ value: some TableRepresentable) throws {
        print(try Rendering.render(value, as: format, width: Rendering.terminalWidth()), terminator: "")
    }
}

/// `--limit`, for commands whose output grows with the database.
struct LimitOption: ParsableArguments {
    @Option(name: .long, help: "Print at most this many rows.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit)") }
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension MeetingKind: ExpressibleByArgument {}
extension ParticipantKind: ExpressibleByArgument {}

/// Parses a numeric id argument, or explains what was expected.
func parseID(_ text: String, of kind: String) throws -> Int64 {
    guard let id = Int64(text), id > 0 else {
        throw ValidationError("'\(text)' is not a \(kind) id; ids are positive numbers (see `summitkb \(kind)s`)")
    }
    return id
}
