import ArgumentParser
import Foundation
import SummitKB

/// `--db`, shared by every command that touches a database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Database file.", discussion: "Defaults to $SUMMITKB_DB, else summitkb.sqlite in the working directory.", valueName: "path"))
    var db: String?

    /// The database path the command should use.
    var path: String {
        db ?? ProcessInfo.processInfo.environment["SUMMITKB_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "summitkb.sqlite"
    }

    func openReadWrite() throws -> KnowledgeBase { try KnowledgeBase(path: path, mode: .readWrite) }
    func openReadOnly() throws -> KnowledgeBase { try KnowledgeBase(path: path, mode: .readOnly) }
}
