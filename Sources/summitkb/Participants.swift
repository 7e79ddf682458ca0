import ArgumentParser
import SummitKB

extension SummitKBCommand {
    struct Participants: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "participants",
            abstract: "List participants: kind, name, title, country and number of sources.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Only participants of this kind (\(ParticipantKind.allCases.map(\.rawValue).joined(separator: ", "))).")
        var kind: ParticipantKind?

        func run() throws {
            do {
                try output.write(ParticipantList(participants: try database.openReadOnly().participants(kind: kind)))
            } catch {
                throw fail(error)
            }
        }
    }
}
