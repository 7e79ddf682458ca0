import GRDB

/// A correction's reference that names nothing in the database now; `note` says what is missing.
struct MissingTarget: Error {
    let note: String
}

/// Turns the stable references of ``Correction`` into today's row ids, and row ids back
/// into stable references.
///
/// Meeting references are matched against `meeting_reports`, the per-source claims that
/// corrections never change, so a reference keeps resolving after its meeting was renamed
/// or re-dated. Every lookup throws ``MissingTarget`` when nothing (or more than one
/// thing) matches.
struct CurationReferences {
    let db: Database

    // MARK: Participants

    /// The participant with `reference` as key, else the one participant with it as a name or
    /// alias, else (for a key `kind:name`) the one participant of that kind with `name` as alias.
    func participantID(_ reference: String) throws -> Int64 {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM participants WHERE key = ?"), arguments: [reference]) {
            return id
        }
        var matches = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT DISTINCT participant_id FROM participant_aliases WHERE folded = ? ORDER BY 1
            """), arguments: [Folding.fold(reference)])
        if matches.isEmpty, let colon = reference.firstIndex(of: ":"),
           ParticipantKind(rawValue: String(reference[..<colon])) != nil {
            // The key of a participant merged into another: its name lives on as an alias there.
            matches = try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT DISTINCT a.participant_id FROM participant_aliases a JOIN participants p ON p.id = a.participant_id
                WHERE a.folded = ? AND p.kind = ? ORDER BY 1
                """), arguments: [String(reference[reference.index(after: colon)...]), String(reference[..<colon])])
        }
        guard matches.count == 1 else {
            throw MissingTarget(note: matches.isEmpty ? "no participant '\(reference)'"
                                                      : "'\(reference)' names \(matches.count) participants; use a key like person:name")
        }
        return matches[0]
    }

    /// The key of participant row `id`: its stable reference.
    func participantKey(id: Int64) throws -> String {
        guard let key = try String.fetchOne(db, sql: "SELECT key FROM participants WHERE id = ?", arguments: [id]) else {
            throw MissingTarget(note: "no participant id \(id)")
        }
        return key
    }

    // MARK: Meetings

    /// A `SOURCE PATH#ORDINAL` reference split in its parts, or nil when `reference` has no `#N` suffix.
    static func reportParts(_ reference: String) -> (path: String, ordinal: Int)? {
        guard let hash = reference.lastIndex(of: "#"), let ordinal = Int(reference[reference.index(after: hash)...]),
              hash > reference.startIndex else { return nil }
        return (String(reference[..<hash]), ordinal)
    }

    /// The `BLOCK KEY|DATE TEXT|KIND` reference that names a report by what it describes
    /// (the form ``meetingReportIDs(_:)`` splits).
    static func descriptionReference(blockKey: String, dateText: String?, kind: String) -> String {
        "\(blockKey)|\(dateText ?? "")|\(kind)"
    }

    /// The id of the source stored under `path`, else of the one source whose path ends with `/path`.
    ///
    /// The suffix match lets a corrections file made with `seeds/a.txt` apply to a database
    /// that ingested `/data/seeds/a.txt`; it scans `sources`, so it is tried only when the
    /// exact (indexed) match fails.
    func sourceID(path: String) throws -> Int64? {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM sources WHERE path = ?"), arguments: [path]) {
            return id
        }
        let suffixed = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT id FROM sources WHERE length(path) > length(?1) AND substr(path, -length(?1) - 1) = '/' || ?1 LIMIT 2
            """), arguments: [path])
        return suffixed.count == 1 ? suffixed[0] : nil
    }

    /// The meeting reports a meeting reference names (one for `PATH#N`, all that match a description).
    func meetingReportIDs(_ reference: String) throws -> [Int64] {
        if let (path, ordinal) = Self.reportParts(reference) {
            guard let sourceID = try sourceID(path: path) else { return [] }
            return try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT id FROM meeting_reports WHERE source_id = ? AND ordinal = ?
                """), arguments: [sourceID, ordinal])
        }
        let parts = reference.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            throw MissingTarget(note: "'\(reference)' is not a meeting reference (SOURCE PATH#ORDINAL or BLOCK KEY|DATE TEXT|KIND)")
        }
        return try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT id FROM meeting_reports WHERE block_key = ? AND COALESCE(date_text, '') = ? AND kind = ? ORDER BY id
            """), arguments: [parts[0], parts[1], parts[2]])
    }

    /// The one meeting a meeting reference names today.
    func meetingID(_ reference: String) throws -> Int64 {
        let reportIDs = try meetingReportIDs(reference)
        let meetings = try Set(reportIDs.compactMap { try meetingID(ofReport: $0) })
        guard meetings.count == 1, let meeting = meetings.first else {
            throw MissingTarget(note: meetings.isEmpty ? "no meeting report '\(reference)'"
                                                       : "'\(reference)' matches reports of \(meetings.count) meetings; use SOURCE PATH#ORDINAL")
        }
        return meeting
    }

    func meetingID(ofReport reportID: Int64) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT meeting_id FROM meeting_reports WHERE id = ?"), arguments: [reportID])
    }

    /// The `PATH#ORDINAL` references of every report of meeting `meetingID`, in path then ordinal order.
    func reportReferences(ofMeeting meetingID: Int64) throws -> [String] {
        try Row.fetchAll(db, sql: """
            SELECT s.path, r.ordinal FROM meeting_reports r JOIN sources s ON s.id = r.source_id
            WHERE r.meeting_id = ? ORDER BY s.path, r.ordinal
            """, arguments: [meetingID]).map { "\($0["path"] as String)#\($0["ordinal"] as Int)" }
    }

    // MARK: Proposals

    /// The proposal named by `PATH#N` (one of its reports) or by its merge key.
    func proposalID(_ reference: String) throws -> Int64 {
        if let (path, ordinal) = Self.reportParts(reference), let sourceID = try sourceID(path: path),
           let id = try Int64.fetchOne(db.cachedStatement(sql: """
               SELECT proposal_id FROM proposal_reports WHERE source_id = ? AND ordinal = ?
               """), arguments: [sourceID, ordinal]) {
            return id
        }
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT min(id) FROM proposals WHERE merge_key = ?"), arguments: [reference]) {
            return id
        }
        throw MissingTarget(note: "no proposal '\(reference)'")
    }

    // MARK: Row ids to stable references

    /// `reference` made stable for storing: `id:N` becomes a key, report or merge key, and a
    /// participant's name or alias its key; other references are kept.
    func stableReference(_ reference: String, type: Correction.TargetType) throws -> String {
        guard reference.hasPrefix("id:"), let id = Int64(reference.dropFirst(3)) else {
            return type == .participant ? try participantKey(id: participantID(reference)) : reference
        }
        switch type {
        case .participant:
            return try participantKey(id: id)
        case .meeting, .meetingParticipant:
            guard let first = try reportReferences(ofMeeting: id).first else { throw MissingTarget(note: "no meeting id \(id)") }
            return first
        case .proposal, .proposalPosition:
            guard let key = try String.fetchOne(db, sql: "SELECT merge_key FROM proposals WHERE id = ?", arguments: [id]) else {
                throw MissingTarget(note: "no proposal id \(id)")
            }
            return key
        }
    }
}
