import ArgumentParser
import Foundation
import SummitKB

extension SummitKBCommand {
    struct Curate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "curate",
            abstract: "Correct the knowledge base; corrections are kept and re-applied after every ingest.",
            discussion: """
                Targets are stable references, never row ids: a participant by key (person:emmanuel macron) \
                or any alias; a meeting by one of its reports, SOURCE PATH#ORDINAL (seeds/a.txt#0), or by \
                BLOCK KEY|DATE TEXT|KIND (paris|Monday|summit); a proposal by merge key or SOURCE PATH#ORDINAL. \
                id:N names today's row N and is stored as a stable reference.
                """,
            subcommands: [
                MergeParticipants.self, MergeMeetings.self, Split.self, Rename.self, SetSlot.self, AddRole.self,
                AddPosition.self, Reject.self, Verify.self, Apply.self, List.self, ExportCorrections.self,
                ImportCorrections.self,
            ]
        )
    }
}

/// `--author` and `--reason`, shared by every command that records a correction.
struct CorrectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Who makes the correction.", discussion: "Defaults to $USER.", valueName: "name"))
    var author: String?

    @Option(help: ArgumentHelp("Why the correction is right.", valueName: "text"))
    var reason: String?

    @OptionGroup var database: DatabaseOptions

    /// Records `correction` and prints its id and status (`correction 3: applied`).
    func record(_ correction: Correction) throws {
        do {
            let stored = try database.openReadWrite().record(
                correction, author: author ?? ProcessInfo.processInfo.environment["USER"], reason: reason)
            print("correction \(stored.id): \(stored.status.rawValue)" + (stored.statusNote.map { " (\($0))" } ?? ""))
        } catch {
            throw fail(error)
        }
    }
}

/// Parses a target type argument: participant, meeting, proposal, meeting_participant, proposal_position.
private func targetType(_ text: String) throws -> Correction.TargetType {
    guard let type = Correction.TargetType(rawValue: text) else {
        throw ValidationError("'\(text)' is not a target type: \(Correction.TargetType.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return type
}

private func enumValue<Value: RawRepresentable>(_ text: String, _ cases: [Value], _ name: String) throws -> Value
where Value.RawValue == String {
    guard let value = cases.first(where: { $0.rawValue == text }) else {
        throw ValidationError("'\(text)' is not a \(name): \(cases.map(\.rawValue).joined(separator: ", "))")
    }
    return value
}

extension SummitKBCommand.Curate {
    struct MergeParticipants: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge-participants", abstract: "Merge a duplicate participant into another.")
        @Argument(help: "The participant that goes away.") var duplicate: String
        @Option(help: "The participant that stays.") var into: String
        @OptionGroup var options: CorrectionOptions
        func run() throws { try options.record(.mergeParticipants(duplicate, into: into)) }
    }

    struct MergeMeetings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge-meetings", abstract: "Keep two meetings together as one, whatever the automatic merge says.")
        @Argument(help: "A meeting.") var meeting: String
        @Option(help: "The meeting it belongs with.") var into: String
        @OptionGroup var options: CorrectionOptions
        func run() throws { try options.record(.mergeMeetings(meeting, into: into)) }
    }

    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Split a report off its meeting (undo a wrong merge) and keep it apart.")
        @Argument(help: "The report, as SOURCE PATH#ORDINAL.") var report: String
        @OptionGroup var options: CorrectionOptions
        func run() throws { try options.record(.splitReport(report)) }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rename a participant or meeting, or rewrite a proposal's summary.")
        @Argument(help: "participant, meeting or proposal.", transform: targetType) var type: Correction.TargetType
        @Argument(help: "The target.") var target: String
        @Argument(help: "The new name or summary.") var name: String
        @OptionGroup var options: CorrectionOptions
        func run() throws { try options.record(.rename(type, target, to: name)) }
    }

    struct SetSlot: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Set or fix one slot.",
            discussion: """
                meeting: name, kind, city (or place), venue, country, date, date_text, date_precision, status, \
                convener (a participant reference), topic. participant: name, title, country. \
                proposal: summary, kind, status, conditions.
                """)
        @Argument(help: "participant, meeting or proposal.", transform: targetType) var type: Correction.TargetType
        @Argument(help: "The target.") var target: String
        @Argument(help: "The slot.") var field: String
        @Argument(help: "The new value.") var value: String
        @OptionGroup var options: CorrectionOptions
        func run() throws { try options.record(.set(type, target, field: field, to: value)) }
    }

    struct AddRole: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-role", abstract: "Add a participant the extraction missed to a meeting.")
        @Argument(help: "The meeting.") var meeting: String
        @Argument(help: "The participant.") var participant: String
        @Option(help: "convener, host, attendee, speaker, invited or excluded.",
                transform: { try enumValue($0, MeetingRole.allCases, "role") })
        var role: MeetingRole = .attendee
        @Option(help: "Create the participant with this kind when none matches (person, country, organization, group).",
                transform: { try enumValue($0, ParticipantKind.allCases, "participant kind") })
        var kind: ParticipantKind?
        @OptionGroup var options: CorrectionOptions
        func run() throws { try options.record(.addRole(participant: participant, at: meeting, role: role, kind: kind)) }
    }

    struct AddPosition: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-position", abstract: "Add a participant's position on a proposal.")
        @Argument(help: "The proposal.") var proposal: String
        @Argument(help: "The participant.") var participant: String
        @Option(help: "proposes, supports, opposes or discusses.",
                transform: { try enumValue($0, Stance.allCases, "stance") })
        var stance: Stance
        @Option(help: "Create the participant with this kind when none matches.",
                transform: { try enumValue($0, ParticipantKind.allCases, "participant kind") })
        var kind: ParticipantKind?
        @OptionGroup var options: CorrectionOptions
        func run() throws { try options.record(.addPosition(participant: participant, on: proposal, stance: stance, kind: kind)) }
    }

    /// The participant and role or stance of a meeting_participant or proposal_position target.
    struct FactDetails: ParsableArguments {
        @Option(help: "meeting_participant, proposal_position: the participant.") var participant: String?
        @Option(help: "meeting_participant: the role.") var role: String?
        @Option(help: "proposal_position: the stance.") var stance: String?

        func correction(_ action: Correction.Action, _ type: Correction.TargetType, _ target: String) -> Correction {
            Correction(action: action, targetType: type, target: target,
                       payload: Correction.Payload(participant: participant, role: role, stance: stance))
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject a wrong fact; it is removed again after every ingest.")
        @Argument(help: "participant, meeting, proposal, meeting_participant or proposal_position.", transform: targetType)
        var type: Correction.TargetType
        @Argument(help: "The target (for a role or position: its meeting or proposal).") var target: String
        @OptionGroup var details: FactDetails
        @OptionGroup var options: CorrectionOptions
        func run() throws { try options.record(details.correction(.reject, type, target)) }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a fact as verified by a person.")
        @Argument(help: "participant, meeting, proposal, meeting_participant or proposal_position.", transform: targetType)
        var type: Correction.TargetType
        @Argument(help: "The target (for a role or position: its meeting or proposal).") var target: String
        @OptionGroup var details: FactDetails
        @OptionGroup var options: CorrectionOptions
        func run() throws { try options.record(details.correction(.verify, type, target)) }
    }

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply every stored correction again and print the ones that no longer apply.")
        @OptionGroup var database: DatabaseOptions
        func run() throws {
            do {
                let records = try database.openReadWrite().applyCorrections()
                let orphaned = records.filter { $0.status == .orphaned }
                print("\(records.count - orphaned.count) applied, \(orphaned.count) orphaned")
                for record in orphaned { print(List.line(record)) }
            } catch {
                throw fail(error)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the corrections with their status.")
        @OptionGroup var database: DatabaseOptions

        /// `3 orphaned  reject meeting seeds/a.txt#0 {...}  ana: why  (note)`
        static func line(_ record: CorrectionRecord) -> String {
            let correction = record.correction
            let payload = (try? StableJSON.line(correction.payload)) ?? "{}"
            var text = "\(record.id)\t\(record.status.rawValue)\t\(correction.action.rawValue) \(correction.targetType.rawValue) "
                + "\(correction.target) \(payload)\t\(record.author ?? "-") \(record.createdAt)"
            if let reason = record.reason { text += ": \(reason)" }
            if let note = record.statusNote { text += "\t(\(note))" }
            return text
        }

        func run() throws {
            do {
                for record in try database.openReadOnly().corrections() { print(Self.line(record)) }
            } catch {
                throw fail(error)
            }
        }
    }

    struct ExportCorrections: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Write the corrections as JSON Lines, one correction a line.")
        @OptionGroup var database: DatabaseOptions
        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?
        func run() throws {
            do {
                let text = try database.openReadOnly().exportCorrections()
                if let output {
                    do {
                        try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                    } catch {
                        throw SummitKBError.unreadablePath(path: output, reason: "cannot write: \(error.localizedDescription)")
                    }
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            } catch {
                throw fail(error)
            }
        }
    }

    struct ImportCorrections: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Import corrections from a JSON Lines file (importing twice changes nothing).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The corrections file.", valueName: "file")) var file: String
        func run() throws {
            do {
                let text: String
                do {
                    text = try String(contentsOfFile: file, encoding: .utf8)
                } catch {
                    throw SummitKBError.unreadablePath(path: file, reason: "cannot read: \(error.localizedDescription)")
                }
                let result = try database.openReadWrite().importCorrections(jsonLines: text, origin: file)
                print("added \(result.added), already present \(result.alreadyPresent)")
            } catch {
                throw fail(error)
            }
        }
    }
}
