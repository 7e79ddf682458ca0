import ArgumentParser
import SummitKB

// STUB: to be written.
extension SummitKBCommand {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "search", abstract: "(not yet)")
        @OptionGroup var database: DatabaseOptions
        func run() throws {}
    }
}
