import ArgumentParser
import SummitKB

// STUB: to be written.
extension SummitKBCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "(not yet)")
        @OptionGroup var database: DatabaseOptions
        func run() throws {}
    }
}
