import ArgumentParser
import SummitKB

// STUB: to be written.
extension SummitKBCommand {
    struct Participants: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "participants", abstract: "(not yet)")
        @OptionGroup var database: DatabaseOptions
        func run() throws {}
    }
}
