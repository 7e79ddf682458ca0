import ArgumentParser
import SummitKB

extension SummitKBCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one source, meeting, participant or proposal.",
            subcommands: [ShowSource.self, ShowMeeting.self, ShowParticipant.self, ShowProposal.self],
            defaultSubcommand: ShowSource.self)
    }

    struct ShowSource: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "source", abstract: "Show a source's metadata and normalized text.")

        @Argument(help: "A source id or path (see `summitkb sources`).") var reference: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            do { try output.write(try database.openReadOnly().source(reference)) } catch { throw fail(error) }
        }
    }

    struct ShowMeeting: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "meeting",
            abstract: "Show everything about one meeting: slots, participants, proposals, sources and evidence.")

        @Argument(help: "A meeting id (see `summitkb meetings`).") var id: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws { _ = try parseID(id, of: "meeting") }

        func run() throws {
            do { try output.write(try database.openReadOnly().meetingDossier(id: try parseID(id, of: "meeting"))) } catch {
                throw fail(error)
            }
        }
    }

    struct ShowParticipant: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "participant", abstract: "Show a participant, by any alias, with every mention and its sentence.")

        @Argument(help: "Any name or alias; case, accents and dots are ignored.") var name: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            do { try output.write(try database.openReadOnly().participantMentions(named: name)) } catch { throw fail(error) }
        }
    }

    struct ShowProposal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "proposal", abstract: "Show one proposal with its positions, sources and evidence.")

        @Argument(help: "A proposal id (see `summitkb proposals`).") var id: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func validate() throws { _ = try parseID(id, of: "proposal") }

        func run() throws {
            do { try output.write(try database.openReadOnly().proposalDossier(id: try parseID(id, of: "proposal"))) } catch {
                throw fail(error)
            }
        }
    }
}
