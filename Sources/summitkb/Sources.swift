import ArgumentParser
import SummitKB

// STUB: to be written.
extension SummitKBCommand {
    struct Sources: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sources", abstract: "(not yet)")
        @OptionGroup var database: DatabaseOptions
        func run() throws {}
    }
}
