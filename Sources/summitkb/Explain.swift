import ArgumentParser
import SummitKB

// STUB: to be written.
extension SummitKBCommand {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "explain", abstract: "(not yet)")
        @OptionGroup var database: DatabaseOptions
        func run() throws {}
    }
}
