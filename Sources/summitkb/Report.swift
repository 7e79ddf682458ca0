import ArgumentParser
import SummitKB

extension SummitKBCommand {
    struct Report: ParsableCommand {
        /// The canned reports.
        enum Name: String, CaseIterable, ExpressibleByArgument {
            case timeline, meeting, attendance, participant, proposals, sources, conflicts
        }

        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Print a canned report.",
            discussion: """
                timeline              meetings in date order
                meeting ID            everything about one meeting
                attendance            participants by meetings, with roles
                participant NAME      one actor's meetings, roles, proposals and positions: the
                                      first \(Report.defaultParticipantLimit) meetings and \(Report.defaultParticipantLimit) positions unless
                                      --limit says otherwise
                proposals             each proposal: proposers, supporters, opposers, status
                sources [SOURCE]      what each source contributed, and facts only it reports
                conflicts             where sources disagree about a meeting or proposal: the
                                      \(Report.defaultConflictLimit) most reported meetings and proposals with a
                                      conflict unless --limit says otherwise, each compared on
                                      at most \(KnowledgeBase.conflictReportsCompared) of its reports
                """)

        /// How many meetings and proposals `report conflicts` lists without `--limit`.
        static let defaultConflictLimit = 50

        /// How many meetings, and how many positions, `report participant` lists without `--limit`.
        static let defaultParticipantLimit = 50

        @Argument(help: "The report to print.") var name: Name
        @Argument(help: "The meeting id, participant name or source the report is about.") var subject: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var limit: LimitOption

        func validate() throws {
            switch name {
            case .meeting:
                guard let subject else { throw ValidationError("`report meeting` needs a meeting id, e.g. `report meeting 1`") }
                _ = try parseID(subject, of: "meeting")
            case .participant:
                guard subject != nil else {
                    throw ValidationError("`report participant` needs a name, e.g. `report participant Macron`")
                }
            case .sources:
                break
            case .timeline, .attendance, .proposals, .conflicts:
                if let subject { throw ValidationError("`report \(name.rawValue)` takes no argument, got '\(subject)'") }
            }
        }

        func run() throws {
            do {
                let kb = try database.openReadOnly()
                switch name {
                case .timeline: try output.write(try kb.timeline(limit: limit.limit))
                case .meeting: try output.write(try kb.meetingDossier(id: try parseID(subject ?? "", of: "meeting")))
                case .attendance: try output.write(try kb.attendance(limit: limit.limit))
                case .participant:
                    try output.write(try kb.participantProfile(named: subject ?? "",
                                                                limit: limit.limit ?? Self.defaultParticipantLimit))
                case .proposals: try output.write(try kb.proposalsReport(limit: limit.limit))
                case .sources: try output.write(try kb.sourcesReport(source: subject, limit: limit.limit))
                case .conflicts: try output.write(try kb.conflicts(limit: limit.limit ?? Self.defaultConflictLimit))
                }
            } catch {
                throw fail(error)
            }
        }
    }
}
