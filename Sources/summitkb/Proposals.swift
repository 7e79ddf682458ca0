import ArgumentParser
import SummitKB

// STUB: to be written.
extension SummitKBCommand {
    struct Proposals: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "proposals", abstract: "(not yet)")
        @OptionGroup var database: DatabaseOptions
        func run() throws {}
    }
}
