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
/// Each conflict names one fact of one meeting or proposal and lists each distinct value with
/// the sources that say it and their sentences. Compared:
/// - meetings: `date` (the date as written with the resolved date after it; sources that resolve
///   to the same day agree, otherwise texts are compared, and resolved days when several sources
///   resolve); `kind` (the generic `meeting` agrees with any kind); `venue`, `city`, `country`;
///   `convener`; and `attendance of NAME`, only between sources that each give an attendee list
///   (at least two participants in an attendee, speaker, invited or excluded role besides the
///   convener and host): `listed`, `excluded` or `not listed`;
///   (an excluded participant that the other lists leave out is no conflict);
/// - proposals: `kind`; `status`; and `position of NAME`: the stances of the sources that give one
///   (articles quote different speakers, so a source that leaves a participant out does not disagree).
/// A source that says nothing about a fact does not disagree. Values are compared folded (case
/// and diacritics ignored).
///
/// Order: the meetings and proposals whose conflicts involve the most sources first (meetings
/// before proposals, then by id on ties); within one, the facts involving the most sources first.
///
/// JSON: `{"conflicts": [Conflict]}`, where a `Conflict` is `{"subject": "meeting"|"proposal",
/// "subject_id": Int, "subject_name": String, "fact": String, "source_count": Int,
/// "claims": [{"value": String, "witnesses": [{"source_id": Int, "path": String,
/// "sentence"?: String, "start"?: Int, "end"?: Int}]}]}`.
public struct ConflictsReport: Codable, Sendable, Hashable, TableRepresentable {
    public var conflicts: [Conflict]

    /// One row per witness, for CSV and Markdown.
    public var tables: [TextTable] {
        let rows = conflicts.flatMap { conflict in
            conflict.claims.flatMap { claim in
                claim.witnesses.map { witness in
                    ["\(conflict.subject.rawValue) \(conflict.subjectId)", conflict.subjectName, conflict.fact,
                     claim.value, witness.path, witness.sentence.cell]
                }
            }
        }
        return [TextTable(title: "Conflicts", columns: ["subject", "name", "fact", "value", "source", "sentence"],
                          wrapping: ["name", "fact", "value", "sentence"], rows: rows)]
    }

    /// One block per meeting or proposal, one paragraph per fact: each value, who says it, and why.
    ///
    /// ```swift
    /// print(try kb.conflicts().plainText(width: 80))
    /// ```
    public func plainText(width: Int) -> String {
        var lines = ["Conflicts", "========="]
        if conflicts.isEmpty { lines.append("(none)") }
        var previous: (Conflict.Subject, Int64)?
        for conflict in conflicts {
            if previous.map({ $0 != (conflict.subject, conflict.subjectId) }) ?? true {
                let heading = "\(conflict.subject.rawValue) \(conflict.subjectId): \(conflict.subjectName)"
                lines += ["", heading, String(repeating: "-", count: min(heading.count, width))]
                previous = (conflict.subject, conflict.subjectId)
            }
            let counts = conflict.claims.map { "\($0.value) (\($0.witnesses.count))" }.joined(separator: " vs ")
            lines += Rendering.indented("\(conflict.fact): \(counts)", by: 2, width: width)
            for claim in conflict.claims {
                // Up to three witnesses with their sentences; the others, and any without one, by path.
                let quoted = claim.witnesses.filter { $0.sentence != nil }.prefix(3)
                for witness in quoted {
                    lines += Rendering.indented("\(claim.value) in \(witness.path)", by: 4, width: width)
                    lines += Rendering.indented(witness.sentence ?? "", by: 8, width: width)
                }
                let others = claim.witnesses.filter { witness in !quoted.contains(witness) }.map(\.path)
                guard !others.isEmpty else { continue }
                let named = others.prefix(5).joined(separator: ", ")
                    + (others.count > 5 ? " and \(others.count - 5) more" : "")
                lines += Rendering.indented("\(claim.value) \(quoted.isEmpty ? "in" : "also in") \(named)", by: 4, width: width)
            }
        }
        return lines.joined(separator: "\n") + "\n"
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
    /// The disputed fact: `date`, `kind`, `venue`, `city`, `country`, `convener`, `attendance of NAME`,
    /// `status`, `position of NAME`.
    public var fact: String
    /// How many distinct sources take part in the dispute.
    public var sourceCount: Int
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
    /// The `conflicts` report; `limit` caps how many meetings and proposals with conflicts it lists.
    ///
    /// ```swift
    /// let worst = try kb.conflicts(limit: 20)
    /// ```
    ///
    /// Candidates come from the `meeting_reports_meeting` and `proposal_reports_proposal` indexes:
    /// the meetings and proposals with at least two reports, most reports first. They are examined in
    /// that order until `limit` of them show a conflict, so a small limit answers quickly on a large
    /// database; without a limit every candidate is examined.
    public func conflicts(limit: Int? = nil) throws -> ConflictsReport {
        try writer.read { db in
            let meetings = try Row.fetchAll(db, sql: """
                SELECT meeting_id AS id, count(*) AS reports FROM meeting_reports
                GROUP BY meeting_id HAVING count(*) > 1
                """).map { (subject: Conflict.Subject.meeting, id: $0["id"] as Int64, reports: $0["reports"] as Int) }
            let proposals = try Row.fetchAll(db, sql: """
                SELECT proposal_id AS id, count(*) AS reports FROM proposal_reports
                GROUP BY proposal_id HAVING count(*) > 1
                """).map { (subject: Conflict.Subject.proposal, id: $0["id"] as Int64, reports: $0["reports"] as Int) }
            let candidates = (meetings + proposals).sorted {
                ($0.reports, $1.subject == .meeting ? 1 : 0, -$0.id) > ($1.reports, $0.subject == .meeting ? 1 : 0, -$1.id)
            }
            var groups: [[Conflict]] = []
            for candidate in candidates {
                if let limit, groups.count >= limit { break }
                let found = switch candidate.subject {
                case .meeting: try Self.meetingConflicts(db, meetingID: candidate.id)
                case .proposal: try Self.proposalConflicts(db, proposalID: candidate.id)
                }
                if !found.isEmpty { groups.append(Self.bySourceCount(found)) }
            }
            // Groups by how many sources their conflicts involve; candidates were in report order.
            let ordered = groups.enumerated().sorted { left, right in
                let (l, r) = (left.element[0].sourceCount, right.element[0].sourceCount)
                return l != r ? l > r : left.offset < right.offset
            }
            return ConflictsReport(conflicts: ordered.flatMap(\.element))
        }
    }

    /// The facts involving the most sources first; stable otherwise.
    private static func bySourceCount(_ conflicts: [Conflict]) -> [Conflict] {
        conflicts.enumerated().sorted { left, right in
            left.element.sourceCount != right.element.sourceCount
                ? left.element.sourceCount > right.element.sourceCount : left.offset < right.offset
        }.map(\.element)
    }

    /// One source's value for a fact, and the evidence that shows it.
    private struct Statement {
        var value: String
        var sourceID: Int64
        var path: String
        var evidence: Quote?
        /// What the value is compared by, when not by the folded value.
        var key: String?
    }

    /// Groups statements by folded value; a conflict when more than one distinct value remains.
    private static func conflict(_ subject: Conflict.Subject, _ id: Int64, _ name: String, fact: String,
                                 _ statements: [Statement]) -> Conflict? {
        var claims: [Conflict.Claim] = []
        var claimIndex: [String: Int] = [:]
        var seen: Set<[String]> = []
        for statement in statements.sorted(by: { $0.sourceID < $1.sourceID }) {
            let key = statement.key ?? Folding.fold(statement.value)
            guard seen.insert([key, String(statement.sourceID)]).inserted else { continue }
            let witness = Conflict.Witness(sourceId: statement.sourceID, path: statement.path,
                                           sentence: statement.evidence?.sentence,
                                           start: statement.evidence?.start, end: statement.evidence?.end)
            if let index = claimIndex[key] {
                claims[index].witnesses.append(witness)
            } else {
                claimIndex[key] = claims.count
                claims.append(Conflict.Claim(value: statement.value, witnesses: [witness]))
            }
        }
        guard claims.count > 1 else { return nil }
        let sources = Set(claims.flatMap { $0.witnesses.map(\.sourceId) })
        return Conflict(subject: subject, subjectId: id, subjectName: name, fact: fact, sourceCount: sources.count,
                        claims: claims)
    }

    /// A stored sentence behind a report, role or position.
    private struct Quote {
        var slot: String
        var sentence: String
        var start: Int
        var end: Int
    }

    /// The evidence of a meeting's or proposal's reports and of their roles or positions, in text
    /// order: by report id, and the first quote by role or position id. `report` and `mention` are
    /// the evidence columns, `reports` and `mentions` the tables whose `subject` column is `id`.
    private static func quotes(_ db: Database, id: Int64, subject: String, report: String, reports: String,
                               mention: String, mentions: String) throws -> (byReport: [Int64: [Quote]], byMention: [Int64: Quote]) {
        var byReport: [Int64: [Quote]] = [:], byMention: [Int64: Quote] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(report), \(mention), slot, sentence, start, "end" FROM evidence
            WHERE \(report) IN (SELECT id FROM \(reports) WHERE \(subject) = ?1)
               OR \(mention) IN (SELECT id FROM \(mentions) WHERE \(subject) = ?1)
            ORDER BY start, id
            """, arguments: [id])
        while let row = try rows.next() {
            let quote = Quote(slot: row[2], sentence: row[3], start: row[4], end: row[5])
            if let reportID: Int64 = row[0] { byReport[reportID, default: []].append(quote) }
            if let mentionID: Int64 = row[1], byMention[mentionID] == nil { byMention[mentionID] = quote }
        }
        return (byReport, byMention)
    }

    /// One participant's role (or stance) as one report gives it.
    private struct Mention {
        var id: Int64
        var reportID: Int64
        var participantID: Int64
        var name: String
        var value: String

        init(_ row: Row, value column: String, report: String) {
            id = row["id"]
            reportID = row[report]
            participantID = row["participant_id"]
            name = row["name"]
            value = row[column]
        }
    }

    /// Mentions grouped by participant (in first-seen order), then by report.
    private static func byParticipant(_ mentions: [Mention]) -> [(name: String, byReport: [Int64: [Mention]])] {
        var order: [Int64] = []
        var groups: [Int64: (name: String, byReport: [Int64: [Mention]])] = [:]
        for mention in mentions {
            if groups[mention.participantID] == nil {
                order.append(mention.participantID)
                groups[mention.participantID] = (mention.name, [:])
            }
            groups[mention.participantID]?.byReport[mention.reportID, default: []].append(mention)
        }
        return order.compactMap { groups[$0] }
    }

    private static func meetingConflicts(_ db: Database, meetingID: Int64) throws -> [Conflict] {
        guard let meeting = try Meeting.fetchOne(db, key: meetingID) else { return [] }
        let accounts = try meetingAccounts(db, meetingID: meetingID)
        let (reportEvidence, roleEvidence) = try quotes(
            db, id: meetingID, subject: "meeting_id", report: "meeting_report_id", reports: "meeting_reports",
            mention: "meeting_participant_id", mentions: "meeting_participants")
        let names = try participantNames(db, ids: accounts.compactMap(\.report.convenerId))

        func statements(_ slots: [String], key: (MeetingReport) -> String? = { _ in nil },
                        _ value: (MeetingReport) -> String?) -> [Statement] {
            accounts.compactMap { account in
                guard let stated = value(account.report) else { return nil }
                let shown = reportEvidence[account.report.id] ?? []
                let best = slots.lazy.compactMap { slot in shown.first { $0.slot == slot } }.first
                    ?? shown.first { $0.slot == "meeting" } ?? shown.first
                return Statement(value: stated, sourceID: account.sourceId, path: account.path, evidence: best,
                                 key: key(account.report))
            }
        }
        // Sources resolving to the same day agree; when several resolve, days are compared, else texts.
        let resolved = Set(accounts.compactMap(\.report.date))
        let dated = statements(["date_text", "date"], key: { report in
            resolved.count > 1 ? report.date ?? report.dateText.map(Folding.fold)
                : report.dateText.map(Folding.fold) ?? report.date
        }) { report in
            switch (report.dateText, report.date) {
            case let (text?, date?) where !text.contains(where: \.isNumber): "\(text) (\(date))"
            case let (_, date?): date
            case let (text?, nil): text
            case (nil, nil): nil
            }
        }
        let sameDay = resolved.count == 1 && accounts.allSatisfy { $0.report.date != nil }
        var found: [Conflict?] = [
            sameDay ? nil : conflict(.meeting, meetingID, meeting.name, fact: "date", dated),
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
            """, arguments: [meetingID]).map { Mention($0, value: "role", report: "meeting_report_id") }
        // Only sources that give an attendee list take part: at least two listed participants
        // besides the convener and host. A source naming only its convener gives no list.
        let listRoles = Set([MeetingRole.attendee, .speaker, .invited, .excluded].map(\.rawValue))
        let hostRoles = Set([MeetingRole.convener, .host].map(\.rawValue))
        let rolesByReport = Dictionary(grouping: roles, by: \.reportID)
        let listing = accounts.filter { account in
            let own = rolesByReport[account.report.id] ?? []
            let hosts = Set(own.filter { hostRoles.contains($0.value) }.map(\.participantID)
                            + [account.report.convenerId].compactMap { $0 })
            return Set(own.filter { listRoles.contains($0.value) && !hosts.contains($0.participantID) }
                .map(\.participantID)).count >= 2
        }
        guard listing.count > 1 else { return found.compactMap { $0 } }
        let listingIDs = Set(listing.map(\.report.id))
        for participant in byParticipant(roles.filter { listingIDs.contains($0.reportID) }) {
            let stated = listing.map { account in
                let inReport = participant.byReport[account.report.id] ?? []
                let value = inReport.isEmpty ? "not listed"
                    : inReport.allSatisfy { $0.value == MeetingRole.excluded.rawValue } ? "excluded" : "listed"
                return Statement(value: value, sourceID: account.sourceId, path: account.path,
                                 evidence: inReport.lazy.compactMap { roleEvidence[$0.id] }.first)
            }
            // Leaving out an excluded participant agrees with excluding it.
            guard stated.contains(where: { $0.value == "listed" }) else { continue }
            found.append(conflict(.meeting, meetingID, meeting.name, fact: "attendance of \(participant.name)", stated))
        }
        return found.compactMap { $0 }
    }

    private static func proposalConflicts(_ db: Database, proposalID: Int64) throws -> [Conflict] {
        guard let proposal = try Proposal.fetchOne(db, key: proposalID) else { return [] }
        let reports = try Row.fetchAll(db, sql: """
            SELECT r.id, r.source_id, s.path, r.kind, r.status
            FROM proposal_reports r JOIN sources s ON s.id = r.source_id
            WHERE r.proposal_id = ? ORDER BY r.source_id, r.ordinal
            """, arguments: [proposalID]).map {
                (id: $0["id"] as Int64, sourceID: $0["source_id"] as Int64, path: $0["path"] as String,
                 kind: $0["kind"] as String, status: $0["status"] as String)
            }
        let (quoted, positionEvidence) = try quotes(
            db, id: proposalID, subject: "proposal_id", report: "proposal_report_id", reports: "proposal_reports",
            mention: "proposal_position_id", mentions: "proposal_positions")
        let reportEvidence = quoted.compactMapValues(\.first)
        var found: [Conflict?] = [
            conflict(.proposal, proposalID, proposal.summary, fact: "kind", reports.map {
                Statement(value: $0.kind, sourceID: $0.sourceID, path: $0.path, evidence: reportEvidence[$0.id])
            }),
            conflict(.proposal, proposalID, proposal.summary, fact: "status", reports.map {
                Statement(value: $0.status, sourceID: $0.sourceID, path: $0.path, evidence: reportEvidence[$0.id])
            }),
        ]
        let positions = try Row.fetchAll(db, sql: """
            SELECT pp.id, pp.proposal_report_id, pp.participant_id, pp.stance, p.name
            FROM proposal_positions pp JOIN participants p ON p.id = pp.participant_id
            WHERE pp.proposal_id = ? AND pp.proposal_report_id IS NOT NULL
            ORDER BY p.name, pp.participant_id, pp.stance
            """, arguments: [proposalID]).map { Mention($0, value: "stance", report: "proposal_report_id") }
        for participant in byParticipant(positions) {
            found.append(conflict(.proposal, proposalID, proposal.summary, fact: "position of \(participant.name)",
                                  reports.compactMap { report in
                guard let inReport = participant.byReport[report.id] else { return nil }
                return Statement(value: inReport.map(\.value).joined(separator: "; "), sourceID: report.sourceID,
                                 path: report.path, evidence: inReport.lazy.compactMap { positionEvidence[$0.id] }.first)
            }))
        }
        return found.compactMap { $0 }
    }

    private static func participantNames(_ db: Database, ids: [Int64]) throws -> [Int64: String] {
        let rows = try Participant.filter(keys: Set(ids)).fetchAll(db)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.name) })
    }
}
