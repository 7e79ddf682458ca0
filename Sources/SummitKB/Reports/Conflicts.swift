import GRDB

/// The `conflicts` report: where sources disagree about the same meeting or proposal.
///
/// ```swift
/// for conflict in try kb.conflicts().conflicts {
///     print(conflict.subjectName, conflict.fact)
///     for claim in conflict.claims { print("  \(claim.value):", claim.witnesses.map(\.path)) }
/// }
/// ```
///
/// Grouped by fact: each conflict names one fact of one meeting or proposal and lists each
/// distinct value with the sources that say it and their sentences. Compared:
/// - meetings: resolved date; date as written (unless every source resolves to the same date);
///   kind (the generic `meeting` agrees with any kind); venue, city, country; convener; and, for
///   every participant, whether each source that gives an attendee list (an attendee, speaker,
///   invited or excluded role, not just a convener or host) names it, excludes it or does not name it;
/// - proposals: kind; status; and, for every participant, its stances in each source that
///   names positions.
/// A source that says nothing about a slot does not disagree. Values are compared folded
/// (case and diacritics ignored).
///
/// JSON: `{"conflicts": [Conflict]}`, where a `Conflict` is `{"subject": "meeting"|"proposal",
/// "subject_id": Int, "subject_name": String, "fact": String, "claims": [{"value": String,
/// "witnesses": [{"source_id": Int, "path": String, "sentence"?: String, "start"?: Int,
/// "end"?: Int}]}]}`.
public struct ConflictsReport: Codable, Sendable, Hashable, TableRepresentable {
    public var conflicts: [Conflict]

    public var tables: [TextTable] {
        var rows: [[String]] = []
        var previousSubject = ""
        for conflict in conflicts {
            let subject = "\(conflict.subject.rawValue) \(conflict.subjectId): \(conflict.subjectName)"
            for (claimIndex, claim) in conflict.claims.enumerated() {
                for (witnessIndex, witness) in claim.witnesses.enumerated() {
                    let first = claimIndex == 0 && witnessIndex == 0
                    rows.append([
                        first && subject != previousSubject ? subject : "",
                        first ? conflict.fact : "", witnessIndex == 0 ? claim.value : "", witness.path,
                        witness.sentence.cell,
                    ])
                }
            }
            previousSubject = subject
        }
        return [TextTable(title: "Conflicts", columns: ["subject", "fact", "value", "source", "sentence"], rows: rows)]
    }
}

/// One fact of one meeting or proposal on which sources disagree.
///
/// ```swift
/// let dateDisputes = try kb.conflicts().conflicts.filter { $0.fact == "date as written" }
/// ```
public struct Conflict: Codable, Sendable, Hashable {
    /// What kind of merged fact is disputed.
    ///
    /// ```swift
    /// let aboutMeetings = report.conflicts.filter { $0.subject == .meeting }
    /// ```
    public enum Subject: String, Codable, Sendable, Hashable {
        case meeting, proposal
    }

    public var subject: Subject
    public var subjectId: Int64
    public var subjectName: String
    /// The disputed fact: `date`, `date as written`, `kind`, `venue`, `city`, `country`, `convener`,
    /// `status`, `participant NAME`, `position of NAME`.
    public var fact: String
    /// Each distinct value, in order of first appearance by source id.
    public var claims: [Claim]

    /// One value of a disputed fact and the sources that give it.
    ///
    /// ```swift
    /// let sayers = conflict.claims.first?.witnesses.map(\.path) ?? []
    /// ```
    public struct Claim: Codable, Sendable, Hashable {
        public var value: String
        public var witnesses: [Witness]
    }

    /// A source that gives a value, with the sentence that shows it when one was stored.
    ///
    /// ```swift
    /// if let sentence = witness.sentence { print(witness.path, sentence) }
    /// ```
    public struct Witness: Codable, Sendable, Hashable {
        public var sourceId: Int64
        public var path: String
        public var sentence: String?
        public var start: Int?
        public var end: Int?
    }
}

extension KnowledgeBase {
    /// The `conflicts` report; `limit` caps how many multi-source meetings and proposals are examined.
    ///
    /// ```swift
    /// let report = try kb.conflicts()
    /// ```
    public func conflicts(limit: Int? = nil) throws -> ConflictsReport {
        try writer.read { db in
            let meetingIDs = try Int64.fetchAll(db, sql: """
                SELECT meeting_id FROM meeting_reports GROUP BY meeting_id HAVING min(source_id) <> max(source_id)
                ORDER BY meeting_id LIMIT ?
                """, arguments: [limit ?? -1])
            let proposalIDs = try Int64.fetchAll(db, sql: """
                SELECT proposal_id FROM proposal_reports GROUP BY proposal_id HAVING min(source_id) <> max(source_id)
                ORDER BY proposal_id LIMIT ?
                """, arguments: [limit ?? -1])
            return ConflictsReport(
                conflicts: try meetingIDs.flatMap { try Self.meetingConflicts(db, meetingID: $0) }
                    + proposalIDs.flatMap { try Self.proposalConflicts(db, proposalID: $0) })
        }
    }

    /// One source's value for a fact, and the evidence that shows it.
    private struct Statement {
        var value: String
        var sourceID: Int64
        var path: String
        var evidence: EvidenceRecord?
    }

    /// Groups statements by folded value; a conflict when more than one distinct value remains.
    private static func conflict(_ subject: Conflict.Subject, _ id: Int64, _ name: String, fact: String,
                                 _ statements: [Statement]) -> Conflict? {
        var claims: [(key: String, claim: Conflict.Claim)] = []
        for statement in statements.sorted(by: { $0.sourceID < $1.sourceID }) {
            let key = Folding.fold(statement.value)
            let witness = Conflict.Witness(sourceId: statement.sourceID, path: statement.path,
                                           sentence: statement.evidence?.sentence,
                                           start: statement.evidence?.start, end: statement.evidence?.end)
            if let index = claims.firstIndex(where: { $0.key == key }) {
                if !claims[index].claim.witnesses.contains(where: { $0.sourceId == witness.sourceId }) {
                    claims[index].claim.witnesses.append(witness)
                }
            } else {
                claims.append((key, Conflict.Claim(value: statement.value, witnesses: [witness])))
            }
        }
        guard claims.count > 1 else { return nil }
        return Conflict(subject: subject, subjectId: id, subjectName: name, fact: fact, claims: claims.map(\.claim))
    }

    private static func meetingConflicts(_ db: Database, meetingID: Int64) throws -> [Conflict] {
        guard let meeting = try Meeting.fetchOne(db, key: meetingID) else { return [] }
        let accounts = try meetingAccounts(db, meetingID: meetingID)
        let evidence = try meetingEvidence(db, meetingID: meetingID).map(\.evidence)
        let names = try participantNames(db, ids: accounts.compactMap(\.report.convenerId))

        func statements(_ slots: [String], _ value: (MeetingReport) -> String?) -> [Statement] {
            accounts.compactMap { account in
                guard let stated = value(account.report) else { return nil }
                let shown = evidence.filter { $0.meetingReportId == account.report.id }
                let best = slots.lazy.compactMap { slot in shown.first { $0.slot == slot } }.first
                    ?? shown.first { $0.slot == "meeting" } ?? shown.first
                return Statement(value: stated, sourceID: account.sourceId, path: account.path, evidence: best)
            }
        }
        let resolved = Set(accounts.map(\.report.date))
        let sameResolvedDate = resolved.count == 1 && resolved.first! != nil
        var found: [Conflict?] = [
            conflict(.meeting, meetingID, meeting.name, fact: "date", statements(["date"], \.date)),
            sameResolvedDate ? nil
                : conflict(.meeting, meetingID, meeting.name, fact: "date as written",
                           statements(["date_text", "date"], \.dateText)),
            conflict(.meeting, meetingID, meeting.name, fact: "kind",
                     statements(["kind", "meeting"]) { $0.kind == MeetingKind.meeting.rawValue ? nil : $0.kind }),
            conflict(.meeting, meetingID, meeting.name, fact: "venue", statements(["venue", "place"], \.venue)),
            conflict(.meeting, meetingID, meeting.name, fact: "city", statements(["city", "place"], \.city)),
            conflict(.meeting, meetingID, meeting.name, fact: "country", statements(["country", "place"], \.country)),
            conflict(.meeting, meetingID, meeting.name, fact: "convener",
                     statements(["convener", "host"]) { $0.convenerId.flatMap { names[$0] } }),
        ]

        let roles = try Row.fetchAll(db, sql: """
            SELECT mp.id, mp.meeting_report_id, mp.participant_id, mp.role, p.name
            FROM meeting_participants mp JOIN participants p ON p.id = mp.participant_id
            WHERE mp.meeting_id = ? AND mp.meeting_report_id IS NOT NULL
            ORDER BY p.name, mp.participant_id
            """, arguments: [meetingID])
        // Only sources that give an attendee list take part: naming just a convener or host is no list.
        let listRoles = Set([MeetingRole.attendee, .speaker, .invited, .excluded].map(\.rawValue))
        let listing = accounts.filter { account in
            roles.contains { $0["meeting_report_id"] == account.report.id && listRoles.contains($0["role"]) }
        }
        var participantOrder: [Int64] = []
        for row in roles where !participantOrder.contains(row["participant_id"]) { participantOrder.append(row["participant_id"]) }
        for participantID in participantOrder {
            let own = roles.filter { $0["participant_id"] == participantID }
            let name: String = own[0]["name"]
            found.append(conflict(.meeting, meetingID, meeting.name, fact: "participant \(name)", listing.map { account in
                let inReport = own.filter { $0["meeting_report_id"] == account.report.id }
                let value = inReport.isEmpty ? "not named"
                    : inReport.allSatisfy { $0["role"] == MeetingRole.excluded.rawValue } ? "excluded" : "named as participant"
                let shown = inReport.lazy.compactMap { row in
                    evidence.first { $0.meetingParticipantId == row["id"] }
                }.first
                return Statement(value: value, sourceID: account.sourceId, path: account.path, evidence: shown)
            }))
        }
        return found.compactMap { $0 }
    }

    private static func proposalConflicts(_ db: Database, proposalID: Int64) throws -> [Conflict] {
        guard let proposal = try Proposal.fetchOne(db, key: proposalID) else { return [] }
        let reports = try Row.fetchAll(db, sql: """
            SELECT r.id, r.source_id, s.path, r.kind, r.status
            FROM proposal_reports r JOIN sources s ON s.id = r.source_id
            WHERE r.proposal_id = ? ORDER BY r.source_id, r.ordinal
            """, arguments: [proposalID])
        let evidence = try proposalEvidence(db, proposalID: proposalID).map(\.evidence)

        func statements(_ column: String) -> [Statement] {
            reports.map { report in
                Statement(value: report[column], sourceID: report["source_id"], path: report["path"],
                          evidence: evidence.first { $0.proposalReportId == report["id"] })
            }
        }
        var found: [Conflict?] = [
            conflict(.proposal, proposalID, proposal.summary, fact: "kind", statements("kind")),
            conflict(.proposal, proposalID, proposal.summary, fact: "status", statements("status")),
        ]
        let positions = try Row.fetchAll(db, sql: """
            SELECT pp.id, pp.proposal_report_id, pp.participant_id, pp.stance, p.name
            FROM proposal_positions pp JOIN participants p ON p.id = pp.participant_id
            WHERE pp.proposal_id = ? AND pp.proposal_report_id IS NOT NULL
            ORDER BY p.name, pp.participant_id, pp.stance
            """, arguments: [proposalID])
        let naming = reports.filter { report in positions.contains { $0["proposal_report_id"] == report["id"] as Int64 } }
        var participantOrder: [Int64] = []
        for row in positions where !participantOrder.contains(row["participant_id"]) {
            participantOrder.append(row["participant_id"])
        }
        for participantID in participantOrder {
            let own = positions.filter { $0["participant_id"] == participantID }
            let name: String = own[0]["name"]
            found.append(conflict(.proposal, proposalID, proposal.summary, fact: "position of \(name)", naming.map { report in
                let inReport = own.filter { $0["proposal_report_id"] == report["id"] as Int64 }
                let stances = inReport.map { $0["stance"] as String }
                let shown = inReport.lazy.compactMap { row in evidence.first { $0.proposalPositionId == row["id"] } }.first
                return Statement(value: stances.isEmpty ? "not named" : stances.joined(separator: "; "),
                                 sourceID: report["source_id"], path: report["path"], evidence: shown)
            }))
        }
        return found.compactMap { $0 }
    }

    private static func participantNames(_ db: Database, ids: [Int64]) throws -> [Int64: String] {
        let rows = try Participant.filter(keys: Set(ids)).fetchAll(db)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.name) })
    }
}
