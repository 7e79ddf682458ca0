import ArgumentParser
import SummitKB

extension SummitKBCommand {
    struct Meetings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "meetings",
            abstract: "List meetings in date order: date or date as written, place, kind, convener, participants, sources.",
            discussion: "Unresolved dates follow the resolved ones, ordered by the date as written, then source order.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var limit: LimitOption
        @Option(help: "Only meetings in this city (case and accents ignored).") var place: String?
        @Option(help: ArgumentHelp("Only meetings on or after this resolved date.", valueName: "YYYY-MM-DD")) var from: String?
        @Option(help: ArgumentHelp("Only meetings on or before this resolved date.", valueName: "YYYY-MM-DD")) var through: String?
        @Option(help: "Only meetings of this kind (\(MeetingKind.allCases.map(\.rawValue).joined(separator: ", "))).")
        var kind: MeetingKind?
        @Option(help: "Only meetings where this participant (any alias) has a role.") var participant: String?
        @Option(help: "Only meetings this source (id or path) reports.") var source: String?

        func validate() throws {
            for (option, value) in [("--from", from), ("--through", through)] {
                if let value, !isISODate(value) {
                    throw ValidationError("\(option) '\(value)' is not a date; write it as YYYY-MM-DD")
                }
            }
        }

        func run() throws {
            let filter = MeetingFilter(place: place, from: from, through: through, kind: kind,
                                       participant: participant, source: source)
            do {
                try output.write(Timeline(meetings: try database.openReadOnly().meetings(filter, limit: limit.limit)))
            } catch {
                throw fail(error)
            }
        }
    }
}

/// True for `YYYY-MM-DD` with plausible month and day numbers.
func isISODate(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
          parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
          let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
    return (1...12).contains(month) && (1...31).contains(day)
}
