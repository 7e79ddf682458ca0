import Foundation
import GRDB

/// What an import of a corrections file did.
public struct CorrectionImport: Sendable, Hashable {
    /// Lines stored as new corrections.
    public var added: Int
    /// Lines equal to a correction already stored (same action, target and payload): skipped.
    public var alreadyPresent: Int
}

extension KnowledgeBase {
    /// Records a correction made by a person, then applies every correction.
    ///
    /// ```swift
    /// let kb = try KnowledgeBase(path: "summitkb.sqlite")
    /// let record = try kb.record(.set(.meeting, "seeds/003_b2d6b7b6bd686215.txt#0", field: "date_text", to: "Wednesday"),
    ///                            author: "ana", reason: "the article says Wednesday")
    /// print(record.status)   // applied
    /// ```
    ///
    /// The target must exist now. `id:N` references are replaced by stable ones before the
    /// correction is stored; a split stores the reports its report must stay apart from, and
    /// a meeting rejection every report of the meeting. Recording a correction equal to a
    /// stored one returns the stored one.
    ///
    /// - Throws: ``SummitKBError/badCorrection(reason:)`` for an action that does not fit its
    ///   target type or a payload that lacks a key or has a value out of range;
    ///   ``SummitKBError/notFound(kind:reference:)`` when a reference names nothing.
    @discardableResult
    public func record(_ correction: Correction, author: String? = nil, reason: String? = nil,
                       at date: Date = Date()) throws -> CorrectionRecord {
        try Self.validate(correction)
        return try writer.write { db in
            let stable = try Self.stabilized(correction, db: db)
            let id = try Self.insert(stable, author: author, reason: reason, createdAt: Self.timestamp(date), db: db)
            try CorrectionApplier(db: db).apply(pass: .full)
            guard let stored = try Self.fetchCorrections(db).first(where: { $0.id == id }) else {
                throw SummitKBError.notFound(kind: "correction", reference: "\(id)")
            }
            return stored
        }
    }

    /// Applies every stored correction and returns them all with their new status.
    ///
    /// ```swift
    /// for record in try kb.applyCorrections() where record.status == .orphaned {
    ///     print("orphaned:", record.correction.target, record.statusNote ?? "")
    /// }
    /// ```
    ///
    /// Ingest applies corrections before each commit and once more at the end of a run,
    /// so calling this is only needed after changing the `corrections` table by hand.
    @discardableResult
    public func applyCorrections() throws -> [CorrectionRecord] {
        try writer.write { db in
            try CorrectionApplier(db: db).apply(pass: .full)
            return try Self.fetchCorrections(db)
        }
    }

    /// Every stored correction, in the order they were made.
    ///
    /// ```swift
    /// let orphaned = try kb.corrections().filter { $0.status == .orphaned }
    /// ```
    public func corrections() throws -> [CorrectionRecord] {
        try writer.read { db in try Self.fetchCorrections(db) }
    }

    /// The stored corrections as JSON Lines, one correction a line, for review and version control.
    ///
    /// ```swift
    /// try kb.exportCorrections().write(toFile: "corrections.jsonl", atomically: true, encoding: .utf8)
    /// ```
    ///
    /// Each line has the keys `action`, `target_type`, `target`, `payload`, `author`,
    /// `reason`, `created_at`, sorted; statuses are not exported (they belong to one database).
    public func exportCorrections() throws -> String {
        try corrections().map { record in
            let line = CorrectionLine(action: record.correction.action, targetType: record.correction.targetType,
                                      target: record.correction.target, payload: record.correction.payload,
                                      author: record.author, reason: record.reason, createdAt: record.createdAt)
            return try StableJSON.line(line) + "\n"
        }.joined()
    }

    /// Imports corrections from JSON Lines (as written by ``exportCorrections()``), then applies every correction.
    ///
    /// ```swift
    /// let text = try String(contentsOfFile: "corrections.jsonl", encoding: .utf8)
    /// let result = try kb.importCorrections(jsonLines: text, origin: "corrections.jsonl")
    /// print(result.added, result.alreadyPresent)
    /// ```
    ///
    /// Blank lines and lines starting with `#` are skipped. A line equal to a stored
    /// correction (action, target type, target and payload) is not stored again, so
    /// importing a file twice changes nothing. Targets are not required to exist: a
    /// correction whose target is not ingested yet is `orphaned` until an ingest brings its
    /// target, which applies it (the way to rebuild: fresh database, import, ingest the
    /// sources). The whole file is stored or nothing.
    ///
    /// - Throws: ``SummitKBError/badCorrection(reason:)`` naming `origin` and the line number.
    @discardableResult
    public func importCorrections(jsonLines text: String, origin: String = "corrections") throws -> CorrectionImport {
        var lines: [CorrectionLine] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do {
                let decoded = try JSONDecoder().decode(CorrectionLine.self, from: Data(trimmed.utf8))
                try Self.validate(decoded.correction)
                lines.append(decoded)
            } catch SummitKBError.badCorrection(let reason) {
                throw SummitKBError.badCorrection(reason: "\(origin) line \(number + 1): \(reason)")
            } catch {
                throw SummitKBError.badCorrection(reason: "\(origin) line \(number + 1): \(describeDecodingError(error))")
            }
        }
        return try writer.write { db in
            var result = CorrectionImport(added: 0, alreadyPresent: 0)
            for line in lines {
                if try Self.existingID(of: line.correction, db: db) != nil {
                    result.alreadyPresent += 1
                } else {
                    try Self.insert(line.correction, author: line.author, reason: line.reason,
                                    createdAt: line.createdAt ?? Self.timestamp(Date()), db: db)
                    result.added += 1
                }
            }
            try CorrectionApplier(db: db).apply(pass: .full)
            return result
        }
    }

    // MARK: Storage

    static func fetchCorrections(_ db: Database) throws -> [CorrectionRecord] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, action, target_type, target, payload, author, reason, created_at, status, status_note
            FROM corrections ORDER BY id
            """)).map { row in
            let id: Int64 = row["id"]
            let action: String = row["action"], targetType: String = row["target_type"], status: String = row["status"]
            guard let decodedAction = Correction.Action(rawValue: action),
                  let decodedType = Correction.TargetType(rawValue: targetType),
                  let decodedStatus = CorrectionRecord.Status(rawValue: status) else {
                throw SummitKBError.badCorrection(reason: "stored correction \(id) has action '\(action)', target type '\(targetType)'")
            }
            let payloadText: String = row["payload"]
            let payload = try JSONDecoder().decode(Correction.Payload.self, from: Data(payloadText.utf8))
            return CorrectionRecord(
                id: id, correction: Correction(action: decodedAction, targetType: decodedType, target: row["target"], payload: payload),
                author: row["author"], reason: row["reason"], createdAt: row["created_at"], status: decodedStatus,
                statusNote: row["status_note"])
        }
    }

    /// The payload as stored: JSON with sorted keys, nothing else, so equal payloads are equal text.
    static func canonicalPayload(_ payload: Correction.Payload) throws -> String {
        try StableJSON.line(payload)
    }

    static func existingID(of correction: Correction, db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT min(id) FROM corrections WHERE action = ? AND target_type = ? AND target = ? AND payload = ?
            """, arguments: [correction.action.rawValue, correction.targetType.rawValue, correction.target,
                             try canonicalPayload(correction.payload)])
    }

    @discardableResult
    static func insert(_ correction: Correction, author: String?, reason: String?, createdAt: String, db: Database) throws -> Int64 {
        if let existing = try existingID(of: correction, db: db) { return existing }
        try db.execute(sql: """
            INSERT INTO corrections (action, target_type, target, payload, author, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [correction.action.rawValue, correction.targetType.rawValue, correction.target,
                             try canonicalPayload(correction.payload), author, reason, createdAt])
        return db.lastInsertedRowID
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    // MARK: Validation

    /// Checks that the action fits the target type and that the payload has what the action needs.
    static func validate(_ correction: Correction) throws {
        let type = correction.targetType, payload = correction.payload
        func need(_ value: String?, _ key: String) throws {
            guard let value, !value.isEmpty else {
                throw SummitKBError.badCorrection(reason: "\(correction.action.rawValue) of a \(type.rawValue) needs payload \"\(key)\"")
            }
        }
        func check(_ value: String?, in allowed: [String], _ key: String) throws {
            if let value, !allowed.contains(value) {
                throw SummitKBError.badCorrection(reason: "\(key) '\(value)' is not one of \(allowed.joined(separator: ", "))")
            }
        }
        let objectTypes: [Correction.TargetType] = [.participant, .meeting, .proposal]
        let fits: Bool
        switch correction.action {
        case .merge: fits = type == .participant || type == .meeting
        case .split: fits = type == .meeting
        case .rename, .set: fits = objectTypes.contains(type)
        case .add: fits = type == .meetingParticipant || type == .proposalPosition
        case .reject, .verify: fits = true
        }
        guard fits else {
            throw SummitKBError.badCorrection(reason: "\(correction.action.rawValue) does not apply to a \(type.rawValue)")
        }
        guard !correction.target.isEmpty else { throw SummitKBError.badCorrection(reason: "the target is empty") }
        switch correction.action {
        case .merge: try need(payload.into, "into")
        case .split:
            guard CurationReferences.reportParts(correction.target) != nil else {
                throw SummitKBError.badCorrection(reason: "split needs a meeting report as SOURCE PATH#ORDINAL, not '\(correction.target)'")
            }
        case .rename: try need(payload.value, "value")
        case .set:
            try need(payload.field, "field")
            let field = CorrectionSlots.column(type: type, field: payload.field ?? "")
            let fields = CorrectionSlots.fields[type] ?? []
            guard fields.contains(field) else {
                throw SummitKBError.badCorrection(reason: "a \(type.rawValue) has no field '\(payload.field ?? "")'; fields: \(fields.joined(separator: ", "))")
            }
            if let allowed = CorrectionSlots.allowedValues(type: type, field: field) {
                try need(payload.value, "value")
                try check(payload.value, in: allowed, field)
            }
            if field == "date", let value = payload.value, MeetingReportComparison.dayNumber(value) == nil {
                throw SummitKBError.badCorrection(reason: "date '\(value)' is not YYYY-MM-DD")
            }
        case .add, .reject, .verify:
            break
        }
        if type == .meetingParticipant {
            try need(payload.participant, "participant")
            try need(payload.role, "role")
            try check(payload.role, in: MeetingRole.allCases.map(\.rawValue), "role")
        }
        if type == .proposalPosition {
            try need(payload.participant, "participant")
            try need(payload.stance, "stance")
            try check(payload.stance, in: Stance.allCases.map(\.rawValue), "stance")
        }
        try check(payload.kind, in: ParticipantKind.allCases.map(\.rawValue), "kind")
    }

    /// The correction with every reference made stable and the reports a split or meeting
    /// rejection depends on written into its payload; throws ``SummitKBError/notFound(kind:reference:)``.
    static func stabilized(_ correction: Correction, db: Database) throws -> Correction {
        let references = CurationReferences(db: db)
        var result = correction
        do {
            let targetType: Correction.TargetType = correction.targetType
            result.target = try references.stableReference(correction.target, type: targetType)
            if let into = correction.payload.into {
                result.payload.into = try references.stableReference(into, type: targetType)
                if targetType == .meeting { _ = try references.meetingID(result.payload.into!) }
            }
            if let participant = correction.payload.participant {
                let createdWhenApplied = correction.action == .add && correction.payload.kind != nil
                    && (try? references.participantID(participant)) == nil
                if !createdWhenApplied {
                    result.payload.participant = try references.stableReference(participant, type: .participant)
                }
            }
            if correction.payload.field == "convener", let convener = correction.payload.value {
                result.payload.value = try references.stableReference(convener, type: .participant)
            }
            switch targetType {
            case .participant: _ = try references.participantID(result.target)
            case .meeting, .meetingParticipant: _ = try references.meetingID(result.target)
            case .proposal, .proposalPosition: _ = try references.proposalID(result.target)
            }
            if correction.action == .split {
                let meetingID = try references.meetingID(result.target)
                let targetReports = Set(try references.meetingReportIDs(result.target))
                let others = try references.reportReferences(ofMeeting: meetingID)
                    .filter { Set(try references.meetingReportIDs($0)).isDisjoint(with: targetReports) }
                guard !others.isEmpty else {
                    throw SummitKBError.badCorrection(reason: "'\(result.target)' is the only report of its meeting; nothing to split")
                }
                result.payload.apartFrom = others
            }
            if correction.action == .reject && targetType == .meeting {
                result.payload.reports = try references.reportReferences(ofMeeting: try references.meetingID(result.target))
            }
        } catch let missing as MissingTarget {
            throw SummitKBError.notFound(kind: correction.targetType.rawValue, reference: missing.note)
        }
        return result
    }
}

/// One line of a corrections file.
struct CorrectionLine: Codable {
    var action: Correction.Action
    var targetType: Correction.TargetType
    var target: String
    var payload: Correction.Payload?
    var author: String?
    var reason: String?
    var createdAt: String?

    var correction: Correction {
        Correction(action: action, targetType: targetType, target: target, payload: payload ?? Correction.Payload())
    }

    init(action: Correction.Action, targetType: Correction.TargetType, target: String, payload: Correction.Payload,
         author: String?, reason: String?, createdAt: String) {
        self.action = action
        self.targetType = targetType
        self.target = target
        self.payload = payload
        self.author = author
        self.reason = reason
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case action, target, payload, author, reason
        case targetType = "target_type"
        case createdAt = "created_at"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(action, forKey: .action)
        try container.encode(targetType, forKey: .targetType)
        try container.encode(target, forKey: .target)
        try container.encode(payload ?? Correction.Payload(), forKey: .payload)
        try container.encode(author, forKey: .author)
        try container.encode(reason, forKey: .reason)
        try container.encode(createdAt, forKey: .createdAt)
    }
}
