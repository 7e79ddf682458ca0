import ArgumentParser
import SummitKB

// STUB: to be written.
extension SummitKBCommand {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ingest", abstract: "(not yet)")
        @OptionGroup var database: DatabaseOptions
        func run() throws {}
    }
}
