import ArgumentParser
import SummitKB

// STUB: to be written.
extension SummitKBCommand {
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "migrate", abstract: "(not yet)")
        @OptionGroup var database: DatabaseOptions
        func run() throws {}
    }
}
