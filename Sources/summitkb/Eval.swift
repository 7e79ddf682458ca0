import ArgumentParser
import SummitKB

// STUB: to be written.
extension SummitKBCommand {
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "eval", abstract: "(not yet)")
        @OptionGroup var database: DatabaseOptions
        func run() throws {}
    }
}
