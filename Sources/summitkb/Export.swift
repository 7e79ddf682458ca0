import ArgumentParser
import Foundation
import SummitKB

extension SummitKBCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the whole knowledge base as one summitkb-export/1 JSON document.",
            discussion: """
                The format is the one gold files are scored against (see docs/SCHEMA.md and the \
                gold FORMAT.md). Output is stable: lists ordered by id, keys sorted, nulls written.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json
        }

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Output format.")
        var format: Format = .json

        @Flag(help: "Export only the participants, meetings, proposals, roles and positions a person verified.")
        var verifiedOnly = false

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?

        func run() throws {
            do {
                let data = try database.openReadOnly().export(verifiedOnly: verifiedOnly).jsonData()
                if let output {
                    do {
                        try data.write(to: URL(fileURLWithPath: output), options: .atomic)
                    } catch {
                        throw SummitKBError.unreadablePath(path: output, reason: "cannot write: \(error.localizedDescription)")
                    }
                } else {
                    FileHandle.standardOutput.write(data)
                }
            } catch {
                throw fail(error)
            }
        }
    }
}
