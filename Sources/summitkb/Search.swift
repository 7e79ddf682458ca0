import ArgumentParser
import SummitKB

extension SummitKBCommand {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Full-text search over source titles and texts, best match first, with snippets.",
            discussion: "Every word must match; words are searched literally (FTS5 operators have no effect).")

        @Argument(help: "The words to find.") var query: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @Option(name: .long, help: "Print at most this many hits.") var limit = 20

        func validate() throws {
            guard query.contains(where: { $0.isLetter || $0.isNumber }) else {
                throw ValidationError("the search query '\(query)' has no letters or digits to search for")
            }
            if limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit)") }
        }

        func run() throws {
            do {
                try output.write(SearchResults(query: query, hits: try database.openReadOnly().search(query, limit: limit)))
            } catch {
                throw fail(error)
            }
        }
    }
}
