import Foundation
import GRDB

/// Applies the stored corrections to the merged facts, inside the caller's transaction.
///
/// ```swift
/// try kb.writer.write { db in
///     try CorrectionApplier(db: db).apply(pass: .full)
/// }
/// ```
///
/// Every correction is applied again on every pass, and each is idempotent: extraction
/// re-creates what a correction removed or changed, and the pass that follows changes it
/// back. Structural corrections go first (participant merges, then meeting merges and
/// splits, which re-cluster), then the others in the order they were made, so a later
/// `set` of the same slot wins.
///
/// A ``Pass/document`` pass (before each commit of ingested documents) leaves a correction whose
/// target is missing as it was: the target may come with a later document. A
/// ``Pass/full`` pass marks it `orphaned` with a note; a rejection that was applied
/// before and finds nothing left to reject stays `applied` (what it removed is gone).
struct CorrectionApplier {
    let db: Database

    enum Pass {
        /// After a commit's documents were stored and merged (``SourceStore/finishCommit()``).
        case document
        /// Every correction judged: at the end of an ingest run, on `applyCorrections()`.
        case full
    }

    /// What applying one correction did.
    private struct Applied {
        var note: String?
    }

    private var references: CurationReferences { CurationReferences(db: db) }

    /// Applies every stored correction.
    func apply(pass: Pass) throws {
        let records = try KnowledgeBase.fetchCorrections(db)
        guard !records.isEmpty else { return }
        let phase: (CorrectionRecord) -> Int = { record in
            switch (record.correction.action, record.correction.targetType) {
            case (.merge, .participant): return 0
            case (.merge, .meeting), (.split, _): return 1
            default: return 2
            }
        }
        for record in records.sorted(by: { (phase($0), $0.id) < (phase($1), $1.id) }) {
            let status: CorrectionRecord.Status
            let note: String?
            do {
                note = try apply(record.correction).note
                status = .applied
            } catch let missing as MissingTarget {
                if pass == .document { continue }
                if record.correction.action == .reject && record.status == .applied {
                    (status, note) = (.applied, nil)
                } else {
                    (status, note) = (.orphaned, missing.note)
                }
            } catch let error as SummitKBError {
                // A malformed correction (validated when recorded, but a file may be edited by hand).
                (status, note) = (.orphaned, error.localizedDescription)
            }
            try db.cachedStatement(sql: """
                UPDATE corrections SET status = ?, status_note = ? WHERE id = ? AND (status IS NOT ? OR status_note IS NOT ?)
                """).execute(arguments: [status.rawValue, note, record.id, status.rawValue, note])
        }
        try removeCorrectedFactsWithoutClaims()
    }

    /// Applies one correction; throws ``MissingTarget`` when its target is not in the database.
    private func apply(_ correction: Correction) throws -> Applied {
        let payload = correction.payload
        switch (correction.action, correction.targetType) {
        case (.merge, .participant):
            return try mergeParticipant(correction.target, into: try required(payload.into, "into"))
        case (.merge, .meeting):
            let other = try required(payload.into, "into")
            let meetings: Set<Int64> = [try references.meetingID(correction.target), try references.meetingID(other)]
            if meetings.count > 1 { try MeetingMerger(db: db).recluster(meetingIDs: meetings) }
            let together = try references.meetingID(correction.target) == references.meetingID(other)
            return Applied(note: together ? nil : "kept apart by a split")
        case (.split, .meeting):
            let meetingID = try references.meetingID(correction.target)
            let apartMeetings = try (payload.apartFrom ?? []).flatMap { try references.meetingReportIDs($0) }
                .compactMap { try references.meetingID(ofReport: $0) }
            if apartMeetings.contains(meetingID) { try MeetingMerger(db: db).recluster(meetingIDs: [meetingID]) }
            return Applied()
        case (.rename, _):
            return try setSlot(type: correction.targetType, target: correction.target,
                               field: correction.targetType == .proposal ? "summary" : "name", value: payload.value)
        case (.set, _):
            return try setSlot(type: correction.targetType, target: correction.target,
                               field: try required(payload.field, "field"), value: payload.value)
        case (.add, .meetingParticipant):
            return try addRole(meeting: correction.target, payload: payload)
        case (.add, .proposalPosition):
            return try addPosition(proposal: correction.target, payload: payload)
        case (.reject, _):
            return try reject(correction)
        case (.verify, _):
            let (table, conditions, arguments) = try rows(of: correction)
            try db.execute(sql: "UPDATE \(table) SET verified = 1 WHERE \(conditions) AND verified = 0", arguments: arguments)
            return Applied()
        default:
            throw SummitKBError.badCorrection(reason: "\(correction.action.rawValue) does not apply to a \(correction.targetType.rawValue)")
        }
    }

    private func required(_ value: String?, _ key: String) throws -> String {
        guard let value, !value.isEmpty else { throw SummitKBError.badCorrection(reason: "payload needs \"\(key)\"") }
        return value
    }

    // MARK: Participants

    /// Moves every name, mention, role, position and convenership of `duplicate` to `survivor`.
    private func mergeParticipant(_ duplicateReference: String, into survivorReference: String) throws -> Applied {
        let survivor = try references.participantID(survivorReference)
        let duplicate = try references.participantID(duplicateReference)
        guard duplicate != survivor else { return Applied() }
        try db.execute(sql: """
            INSERT OR IGNORE INTO participant_aliases (participant_id, folded, alias)
                SELECT ?, folded, alias FROM participant_aliases WHERE participant_id = ?;
            UPDATE participants SET title = COALESCE(title, (SELECT title FROM participants WHERE id = ?)),
                country = COALESCE(country, (SELECT country FROM participants WHERE id = ?)),
                origin = CASE origin WHEN 'added' THEN 'added' ELSE 'corrected' END
                WHERE id = ?;
            UPDATE evidence SET participant_id = ? WHERE participant_id = ?;
            UPDATE OR IGNORE meeting_participants SET participant_id = ? WHERE participant_id = ?;
            UPDATE OR IGNORE proposal_positions SET participant_id = ? WHERE participant_id = ?;
            UPDATE meetings SET convener_id = ? WHERE convener_id = ?;
            UPDATE meeting_reports SET convener_id = ? WHERE convener_id = ?;
            DELETE FROM participants WHERE id = ?;
            """, arguments: [survivor, duplicate, duplicate, duplicate, survivor, survivor, duplicate, survivor, duplicate,
                             survivor, duplicate, survivor, duplicate, survivor, duplicate, duplicate])
        return Applied()
    }

    /// The participant a payload names; created with origin `added` when none matches and the payload gives a kind.
    private func participantForAddition(_ payload: Correction.Payload) throws -> Int64 {
        let name = try required(payload.participant, "participant")
        do {
            return try references.participantID(name)
        } catch let missing as MissingTarget {
            guard let kind = payload.kind else { throw missing }
            try db.execute(sql: "INSERT INTO participants (kind, name, key, origin) VALUES (?, ?, ?, 'added')",
                           arguments: [kind, name, "\(kind):\(Folding.fold(name))"])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT OR IGNORE INTO participant_aliases (participant_id, folded, alias) VALUES (?, ?, ?)",
                           arguments: [id, Folding.fold(name), name])
            return id
        }
    }

    // MARK: Slots

    private func setSlot(type: Correction.TargetType, target: String, field: String, value: String?) throws -> Applied {
        let column = CorrectionSlots.column(type: type, field: field)
        let (table, id): (String, Int64)
        switch type {
        case .participant: (table, id) = ("participants", try references.participantID(target))
        case .meeting: (table, id) = ("meetings", try references.meetingID(target))
        case .proposal: (table, id) = ("proposals", try references.proposalID(target))
        case .meetingParticipant, .proposalPosition:
            throw SummitKBError.badCorrection(reason: "a \(type.rawValue) has no slots to set; reject it and add the right one")
        }
        var stored: DatabaseValueConvertible? = value
        var storedColumn = column
        if column == "convener" {
            storedColumn = "convener_id"
            stored = try value.map { try references.participantID($0) }
        }
        try db.execute(sql: """
            UPDATE \(table) SET \(storedColumn) = ?, origin = CASE origin WHEN 'added' THEN 'added' ELSE 'corrected' END
            WHERE id = ? AND (\(storedColumn) IS NOT ? OR origin = 'extracted')
            """, arguments: [stored, id, stored])
        if type == .participant && column == "name", let value {
            try db.execute(sql: "INSERT OR IGNORE INTO participant_aliases (participant_id, folded, alias) VALUES (?, ?, ?)",
                           arguments: [id, Folding.fold(value), value])
        }
        return Applied()
    }

    // MARK: Roles and positions

    private func addRole(meeting: String, payload: Correction.Payload) throws -> Applied {
        try addLink(table: "meeting_participants", owner: "meeting_id", ownerID: try references.meetingID(meeting),
                    attribute: "role", value: try required(payload.role, "role"), payload: payload)
    }

    private func addPosition(proposal: String, payload: Correction.Payload) throws -> Applied {
        try addLink(table: "proposal_positions", owner: "proposal_id", ownerID: try references.proposalID(proposal),
                    attribute: "stance", value: try required(payload.stance, "stance"), payload: payload)
    }

    /// Adds a participant's role at a meeting or position on a proposal, unless a source
    /// already reports it. `table`, `owner` and `attribute` are fixed identifiers from the
    /// two callers above; every value is a bound parameter.
    private func addLink(table: String, owner: String, ownerID: Int64, attribute: String, value: String,
                         payload: Correction.Payload) throws -> Applied {
        let participantID = try participantForAddition(payload)
        let origins = try String.fetchSet(db, sql: "SELECT origin FROM \(table) WHERE \(owner) = ? AND participant_id = ? AND \(attribute) = ?",
                                          arguments: [ownerID, participantID, value])
        if !origins.isEmpty {
            return Applied(note: origins.contains("added") ? nil : "already reported by a source")
        }
        try db.execute(sql: "INSERT INTO \(table) (\(owner), participant_id, \(attribute), origin) VALUES (?, ?, ?, 'added')",
                       arguments: [ownerID, participantID, value])
        if table == ProposalPosition.databaseTableName {
            try ProposalMerger(db: db).countStance(proposalID: ownerID, participantID: participantID, stance: value, positions: 1)
        }
        return Applied()
    }

    // MARK: Rejections and verification

    private func reject(_ correction: Correction) throws -> Applied {
        if correction.targetType == .meeting {
            // Every meeting holding one of the rejected meeting's reports goes, so a report
            // re-ingested into a meeting of its own is rejected too.
            var meetingIDs: Set<Int64> = []
            for reference in [correction.target] + (correction.payload.reports ?? []) {
                for reportID in try references.meetingReportIDs(reference) {
                    if let meetingID = try references.meetingID(ofReport: reportID) { meetingIDs.insert(meetingID) }
                }
            }
            guard !meetingIDs.isEmpty else { throw MissingTarget(note: "no meeting report '\(correction.target)'") }
            for meetingID in meetingIDs { try db.execute(sql: "DELETE FROM meetings WHERE id = ?", arguments: [meetingID]) }
            return Applied()
        }
        let (table, conditions, arguments) = try rows(of: correction)
        try db.execute(sql: "DELETE FROM \(table) WHERE \(conditions)", arguments: arguments)
        return Applied()
    }

    /// The table and the rows a correction's target names; throws when no row matches.
    private func rows(of correction: Correction) throws -> (table: String, conditions: String, arguments: StatementArguments) {
        let payload = correction.payload
        let result: (String, String, StatementArguments)
        switch correction.targetType {
        case .participant: result = ("participants", "id = ?", [try references.participantID(correction.target)])
        case .meeting: result = ("meetings", "id = ?", [try references.meetingID(correction.target)])
        case .proposal: result = ("proposals", "id = ?", [try references.proposalID(correction.target)])
        case .meetingParticipant:
            result = ("meeting_participants", "meeting_id = ? AND participant_id = ? AND role = ?",
                      [try references.meetingID(correction.target),
                       try references.participantID(try required(payload.participant, "participant")),
                       try required(payload.role, "role")])
        case .proposalPosition:
            result = ("proposal_positions", "proposal_id = ? AND participant_id = ? AND stance = ?",
                      [try references.proposalID(correction.target),
                       try references.participantID(try required(payload.participant, "participant")),
                       try required(payload.stance, "stance")])
        }
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(result.0) WHERE \(result.1))", arguments: result.2) == true else {
            throw MissingTarget(note: "no \(correction.targetType.rawValue) '\(correction.target)'"
                + (payload.participant.map { " with \($0) \(payload.role ?? payload.stance ?? "")" } ?? ""))
        }
        return result
    }

    /// Deletes corrected meetings and proposals whose every report went with their sources.
    ///
    /// The prune triggers keep every non-extracted row; a corrected one is still a
    /// machine-made fact a person changed, and goes once no source reports it.
    private func removeCorrectedFactsWithoutClaims() throws {
        try db.execute(sql: """
            DELETE FROM meetings WHERE origin = 'corrected'
                AND NOT EXISTS (SELECT 1 FROM meeting_reports WHERE meeting_id = meetings.id);
            DELETE FROM proposals WHERE origin = 'corrected'
                AND NOT EXISTS (SELECT 1 FROM proposal_reports WHERE proposal_id = proposals.id);
            """)
    }
}
