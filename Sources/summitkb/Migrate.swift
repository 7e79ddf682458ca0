import ArgumentParser
import Foundation
import SummitKB

extension SummitKBCommand {
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Create or migrate the database, or list its migrations.",
            discussion: "Without --list, creates the database if needed and applies pending migrations. With --list, only shows each migration as applied or pending; nothing is changed.")

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .long, help: "List migrations as applied or pending without changing the database.")
        var list = false

        func run() throws {
            do {
                let before = try KnowledgeBase.schemaStatus(atPath: database.path)
                if list {
                    for entry in before.entries {
                        print("\(entry.name)\t\(entry.appliedAt.map { "applied \($0)" } ?? "pending")")
                    }
                    return
                }
                let after = try database.openReadWrite().schemaStatus()
                let applied = after.entries.filter { entry in
                    entry.appliedAt != nil && before.entries.first { $0.version == entry.version }?.appliedAt == nil
                }
                for entry in applied { print("applied \(entry.name)") }
                print("\(database.path): schema version \(after.currentVersion)\(applied.isEmpty ? ", up to date" : "")")
            } catch {
                throw fail(error)
            }
        }
    }
}
