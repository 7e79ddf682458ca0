import Foundation

/// What a person changes in the knowledge base: one action on one target, named by a
/// stable reference (never a row id), with the details in a payload.
///
/// ```swift
/// let fix = Correction.addRole(participant: "Denmark", at: "seeds/000_cf92cea98311280a.txt#0", role: .attendee)
/// try kb.record(fix, author: "ana", reason: "Denmark is in the list of attendees")
/// ```
///
/// Targets are references that survive re-ingest and rebuilds:
/// - **participant**: its key (`person:emmanuel macron`) or any of its names and aliases
///   (`Macron`), compared folded.
/// - **meeting**: one of its reports, as `SOURCE PATH#ORDINAL` (`seeds/004_e2420cb33fd0fd10.txt#0`,
///   the path as ingested, or its tail after a `/`, and the meeting's order in that source,
///   from 0), or a
///   description `BLOCK KEY|DATE TEXT|KIND` (`paris|Monday|summit`) matched against what
///   sources report, never against corrected slots.
/// - **proposal**: its merge key (`troop deployment|deploy peacekeeping troops ukraine`)
///   or one of its reports as `SOURCE PATH#ORDINAL`.
/// - **meeting_participant** and **proposal_position**: the meeting or proposal as above,
///   with the participant and role or stance in the payload.
///
/// When recording, `id:N` names the row N of the target table; it is replaced by a stable
/// reference before the correction is stored.
public struct Correction: Codable, Sendable, Hashable {
    /// What the correction does.
    public enum Action: String, Codable, Sendable, CaseIterable {
        case merge, split, rename, set, add, reject, verify
    }

    /// The kind of fact a correction targets.
    public enum TargetType: String, Codable, Sendable, CaseIterable {
        case participant, meeting, proposal
        case meetingParticipant = "meeting_participant"
        case proposalPosition = "proposal_position"
    }

    /// The details of a correction; which keys are set depends on the action.
    public struct Payload: Codable, Sendable, Hashable {
        /// merge: the participant or meeting that absorbs the target.
        public var into: String?
        /// split: reports (`PATH#ORDINAL`) the target report must stay apart from.
        public var apartFrom: [String]?
        /// reject of a meeting: every report (`PATH#ORDINAL`) the meeting had when rejected.
        public var reports: [String]?
        /// set: the slot (`date_text`, `city`, `title`, `status`, ...).
        public var field: String?
        /// set: the new value (for `convener`, a participant reference); rename: the new name.
        public var value: String?
        /// meeting_participant, proposal_position: the participant reference.
        public var participant: String?
        /// meeting_participant: the role.
        public var role: String?
        /// proposal_position: the stance.
        public var stance: String?
        /// add: the kind of a participant to create when no participant matches.
        public var kind: String?

        public init(into: String? = nil, apartFrom: [String]? = nil, reports: [String]? = nil, field: String? = nil,
                    value: String? = nil, participant: String? = nil, role: String? = nil, stance: String? = nil,
                    kind: String? = nil) {
            self.into = into
            self.apartFrom = apartFrom
            self.reports = reports
            self.field = field
            self.value = value
            self.participant = participant
            self.role = role
            self.stance = stance
            self.kind = kind
        }

        enum CodingKeys: String, CodingKey {
            case into, reports, field, value, participant, role, stance, kind
            case apartFrom = "apart_from"
        }
    }

    public var action: Action
    public var targetType: TargetType
    public var target: String
    public var payload: Payload

    public init(action: Action, targetType: TargetType, target: String, payload: Payload = Payload()) {
        self.action = action
        self.targetType = targetType
        self.target = target
        self.payload = payload
    }

    enum CodingKeys: String, CodingKey {
        case action, target, payload
        case targetType = "target_type"
    }
}

extension Correction {
    /// Merges the participant `duplicate` into `survivor` (its names, mentions, roles and positions move).
    public static func mergeParticipants(_ duplicate: String, into survivor: String) -> Correction {
        Correction(action: .merge, targetType: .participant, target: duplicate, payload: Payload(into: survivor))
    }

    /// Keeps the meetings of `meeting` and `other` together as one meeting, whatever the merge decides.
    public static func mergeMeetings(_ meeting: String, into other: String) -> Correction {
        Correction(action: .merge, targetType: .meeting, target: meeting, payload: Payload(into: other))
    }

    /// Splits the report `report` (`PATH#ORDINAL`) off its meeting and keeps it apart from the
    /// reports it is merged with now (recorded when the correction is stored).
    public static func splitReport(_ report: String) -> Correction {
        Correction(action: .split, targetType: .meeting, target: report)
    }

    /// Renames a participant or meeting, or rewrites a proposal's summary.
    public static func rename(_ type: TargetType, _ target: String, to name: String) -> Correction {
        Correction(action: .rename, targetType: type, target: target, payload: Payload(value: name))
    }

    /// Sets one slot: see ``CorrectionSlots`` for the fields of each target type.
    public static func set(_ type: TargetType, _ target: String, field: String, to value: String?) -> Correction {
        Correction(action: .set, targetType: type, target: target, payload: Payload(field: field, value: value))
    }

    /// Adds `participant` to `meeting` in `role`; `kind` creates the participant when none matches.
    public static func addRole(participant: String, at meeting: String, role: MeetingRole,
                               kind: ParticipantKind? = nil) -> Correction {
        Correction(action: .add, targetType: .meetingParticipant, target: meeting,
                   payload: Payload(participant: participant, role: role.rawValue, kind: kind?.rawValue))
    }

    /// Adds `participant`'s `stance` on `proposal`; `kind` creates the participant when none matches.
    public static func addPosition(participant: String, on proposal: String, stance: Stance,
                                   kind: ParticipantKind? = nil) -> Correction {
        Correction(action: .add, targetType: .proposalPosition, target: proposal,
                   payload: Payload(participant: participant, stance: stance.rawValue, kind: kind?.rawValue))
    }

    /// Rejects a participant, a meeting or a proposal: it is removed after every ingest.
    public static func reject(_ type: TargetType, _ target: String) -> Correction {
        Correction(action: .reject, targetType: type, target: target)
    }

    /// Rejects `participant` in `role` at `meeting`.
    public static func rejectRole(participant: String, at meeting: String, role: MeetingRole) -> Correction {
        Correction(action: .reject, targetType: .meetingParticipant, target: meeting,
                   payload: Payload(participant: participant, role: role.rawValue))
    }

    /// Rejects `participant`'s `stance` on `proposal`.
    public static func rejectPosition(participant: String, on proposal: String, stance: Stance) -> Correction {
        Correction(action: .reject, targetType: .proposalPosition, target: proposal,
                   payload: Payload(participant: participant, stance: stance.rawValue))
    }

    /// Marks a participant, a meeting or a proposal as verified by a person.
    public static func verify(_ type: TargetType, _ target: String) -> Correction {
        Correction(action: .verify, targetType: type, target: target)
    }

    /// Marks `participant` in `role` at `meeting` as verified.
    public static func verifyRole(participant: String, at meeting: String, role: MeetingRole) -> Correction {
        Correction(action: .verify, targetType: .meetingParticipant, target: meeting,
                   payload: Payload(participant: participant, role: role.rawValue))
    }

    /// Marks `participant`'s `stance` on `proposal` as verified.
    public static func verifyPosition(participant: String, on proposal: String, stance: Stance) -> Correction {
        Correction(action: .verify, targetType: .proposalPosition, target: proposal,
                   payload: Payload(participant: participant, stance: stance.rawValue))
    }
}

/// A stored correction: what it changes, who made it, when, why, and whether it still applies.
///
/// ```swift
/// for record in try kb.corrections() where record.status == .orphaned {
///     print(record.id, record.correction.target, record.statusNote ?? "")
/// }
/// ```
public struct CorrectionRecord: Sendable, Hashable {
    /// Where a correction stands after the last pass that applied corrections.
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Not applied yet (just imported, its target not ingested yet).
        case pending
        /// Its change holds in the database.
        case applied
        /// Its target is gone; `statusNote` says what is missing. Kept, never dropped.
        case orphaned
    }

    public var id: Int64
    public var correction: Correction
    public var author: String?
    public var reason: String?
    /// ISO 8601 UTC, `2025-03-06T10:00:00Z`.
    public var createdAt: String
    public var status: Status
    public var statusNote: String?
}

/// The slots a `set` correction may change, per target type, with the values each accepts.
public enum CorrectionSlots {
    /// Settable fields of each target type, as their column names (`place` is `city`).
    public static let fields: [Correction.TargetType: [String]] = [
        .meeting: ["name", "kind", "city", "venue", "country", "date", "date_text", "date_precision", "status", "convener", "topic"],
        .participant: ["name", "title", "country"],
        .proposal: ["summary", "kind", "status", "conditions"],
    ]

    /// The allowed values of a field that only takes a closed set of values.
    static func allowedValues(type: Correction.TargetType, field: String) -> [String]? {
        switch (type, field) {
        case (.meeting, "kind"): return MeetingKind.allCases.map(\.rawValue)
        case (.meeting, "status"): return MeetingStatus.allCases.map(\.rawValue)
        case (.meeting, "date_precision"): return DatePrecision.allCases.map(\.rawValue)
        case (.proposal, "status"): return ProposalStatus.allCases.map(\.rawValue)
        default: return nil
        }
    }

    /// The column a field names: `place` is `city`, `rename` of a proposal is its `summary`.
    static func column(type: Correction.TargetType, field: String) -> String {
        if field == "place" { return "city" }
        if type == .proposal && field == "name" { return "summary" }
        return field
    }
}
