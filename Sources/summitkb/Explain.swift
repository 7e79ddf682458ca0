import ArgumentParser
import SummitKB

extension SummitKBCommand {
    struct Explain: ParsableCommand {
        /// What can be explained.
        enum Kind: String, CaseIterable, ExpressibleByArgument {
            case meeting, participant, proposal, position
        }

        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Print the sentences behind a meeting, participant, proposal or position, with source and span.",
            discussion: "Spans are code-point offsets into the source's normalized text (`summitkb show source`).")

        @Argument(help: "What to explain: meeting, participant, proposal or position.") var kind: Kind
        @Argument(help: "A meeting, proposal or position id, or a participant's name or alias.") var reference: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws { _ = try subject() }

        func run() throws {
            do { try output.write(try database.openReadOnly().explain(try subject())) } catch { throw fail(error) }
        }

        private func subject() throws -> ExplainSubject {
            switch kind {
            case .meeting: return .meeting(id: try parseID(reference, of: "meeting"))
            case .participant: return .participant(name: reference)
            case .proposal: return .proposal(id: try parseID(reference, of: "proposal"))
            case .position: return .position(id: try parseID(reference, of: "position"))
            }
        }
    }
}
