import ArgumentParser
import SummitKB

extension SummitKBCommand {
    struct Sources: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sources",
            abstract: "List the ingested sources: id, path, title, published date, word count and facts found.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var limit: LimitOption

        func run() throws {
            do {
                try output.write(SourceList(sources: try database.openReadOnly().sources(limit: limit.limit)))
            } catch {
                throw fail(error)
            }
        }
    }
}
