import ArgumentParser
import Foundation
import SummitKB

@main
struct SummitKBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summitkb",
        abstract: "Turn news about diplomatic and security meetings into a queryable knowledge base.",
        subcommands: [
            Ingest.self, Sources.self, Show.self, Search.self, Meetings.self, Participants.self, Proposals.self,
            Report.self, Explain.self, Export.self, Eval.self, Migrate.self, Curate.self,
        ]
    )
}

/// Prints a library error as one line on stderr and exits non-zero.
func fail(_ error: Error) -> ExitCode {
    let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
    FileHandle.standardError.write(Data("summitkb: \(message)\n".utf8))
    return ExitCode.failure
}
