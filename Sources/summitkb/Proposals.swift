import ArgumentParser
import SummitKB

extension SummitKBCommand {
    struct Proposals: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "proposals",
            abstract: "List proposals: summary, kind, status, proposers, supporters, opposers, meeting and sources.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var limit: LimitOption
        @Option(help: "Only proposals of this kind (e.g. \"troop deployment\").") var kind: String?
        @Option(help: "Only proposals this participant (any alias) proposes.") var proposer: String?
        @Option(help: "Only proposals this participant (any alias) supports.") var supporter: String?

        func run() throws {
            let filter = ProposalFilter(kind: kind, proposer: proposer, supporter: supporter)
            do {
                try output.write(ProposalsReport(proposals: try database.openReadOnly().proposals(filter, limit: limit.limit)))
            } catch {
                throw fail(error)
            }
        }
    }
}
