import ArgumentParser
import SummitKB

// STUB: to be written.
extension SummitKBCommand {
    struct Meetings: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "meetings", abstract: "(not yet)")
        @OptionGroup var database: DatabaseOptions
        func run() throws {}
    }
}
