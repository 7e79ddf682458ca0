import ArgumentParser
import SummitKB

// STUB: to be written.
extension SummitKBCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "report", abstract: "(not yet)")
        @OptionGroup var database: DatabaseOptions
        func run() throws {}
    }
}
