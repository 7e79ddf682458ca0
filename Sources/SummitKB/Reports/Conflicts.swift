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
/// A meeting or proposal is compared on at most ``KnowledgeBase/conflictReportsCompared`` (32) of
/// its reports, the first in canonical order (source fingerprint, then position in the source, as
/// the mergers order them; a proposal's merged slots are voted on the first 64), so the roles,
/// positions and sentences read for one reported by thousands of sources stay bounded. With 32
/// reports or fewer, every report is compared.
///
/// Order: the meetings and proposals whose conflicts involve the most sources first; on ties, the
/// most reported first, a proposal before a meeting with as many reports, then by id. Within one,
/// the facts involving the most sources first.
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
    /// How many reports of one meeting or proposal the `conflicts` report compares at most.
    public static let conflictReportsCompared = 32

    /// The `conflicts` report; `limit` caps how many meetings and proposals with conflicts it lists.
    ///
    /// ```swift
    /// let worst = try kb.conflicts(limit: 20)
    /// ```
    ///
    /// Candidates are the meetings and proposals with at least two reports, most reports first,
    /// read as needed from the `meetings_report_count` and `proposals_report_count` indexes.
    /// They are examined in that order until `limit` of them show a conflict, so a small limit
    /// answers quickly on a large database; without a limit every candidate is examined. Each
    /// examination reads at most ``conflictReportsCompared`` reports with their roles, positions
    /// and evidence.
    public func conflicts(limit: Int? = nil) throws -> ConflictsReport {
        try writer.read { db in
            var groups: [[Conflict]] = []
            // Meetings and proposals with two reports or more: most reports first, a proposal
            // before a meeting with as many, then by id. Both index walks are merged lazily.
            let candidates = try Row.fetchCursor(db, sql: """
                SELECT 'meeting' AS subject, id, report_count, 0 FROM meetings WHERE report_count > 1
                UNION ALL
                SELECT 'proposal' AS subject, id, report_count, mixed_stances FROM proposals WHERE report_count > 1
                ORDER BY 3 DESC, 1 DESC, 2
                """)
            while let candidate = try candidates.next() {
                if let limit, groups.count >= limit { break }
                let id: Int64 = candidate[1]
                let found = switch Conflict.Subject(rawValue: candidate[0]) {
                case .meeting: try Self.meetingConflicts(db, meetingID: id, reportCount: candidate[2])
                case .proposal: try Self.proposalConflicts(db, proposalID: id, mixedStances: candidate[3] > 0)
                case nil: [Conflict]()
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

    /// One source's value for a fact, and where the sentence that shows it is found.
    private struct Statement {
        var value: String
        var sourceID: Int64
        /// What the value is compared by, when not by the folded value.
        var key: String?
        var quote: QuoteSource
    }

    /// Where a statement's sentence is looked up, once its fact turns out disputed.
    private enum QuoteSource {
        /// The report's first evidence (in text order) in the first of `slots` that has one, else its first evidence.
        case report(Int64, slots: [String])
        /// The first evidence of the first of these roles or positions that has one.
        case mentions([Int64])
    }

    /// A disputed fact before its witnesses are read: each distinct value with the statements giving it.
    private struct Dispute {
        var fact: String
        var claims: [(value: String, statements: [Statement])]
    }

    /// Groups statements by folded value, one statement per value and source, in source order;
    /// a dispute when more than one distinct value remains.
    private static func dispute(_ fact: String, _ statements: [Statement]) -> Dispute? {
        var claims: [(value: String, statements: [Statement])] = []
        var claimIndex: [String: Int] = [:]
        var seen: Set<[String]> = []
        for statement in statements.sorted(by: { $0.sourceID < $1.sourceID }) {
            let key = statement.key ?? Folding.fold(statement.value)
            guard seen.insert([key, String(statement.sourceID)]).inserted else { continue }
            if let index = claimIndex[key] {
                claims[index].statements.append(statement)
            } else {
                claimIndex[key] = claims.count
                claims.append((statement.value, [statement]))
            }
        }
        return claims.count > 1 ? Dispute(fact: fact, claims: claims) : nil
    }

    /// The disputes of one meeting or proposal with their witnesses. Source paths and sentences
    /// are read here, for the statements of disputed facts only. `report` and `mention` are the
    /// evidence columns that name a report and one of its roles or positions.
    private static func witnessed(_ db: Database, _ subject: Conflict.Subject, _ id: Int64, name: String,
                                  _ disputes: [Dispute], report: String, mention: String) throws -> [Conflict] {
        let statements = disputes.flatMap { $0.claims.flatMap(\.statements) }
        guard !statements.isEmpty else { return [] }
        var reportIDs: Set<Int64> = [], mentionIDs: Set<Int64> = []
        for statement in statements {
            switch statement.quote {
            case let .report(id, _): reportIDs.insert(id)
            case let .mentions(ids): mentionIDs.formUnion(ids)
            }
        }
        let paths = try sourceTitles(db, ids: Array(Set(statements.map(\.sourceID))))
        let (byReport, byMention) = try quotes(db, report: report, reportIDs: reportIDs, mention: mention, mentionIDs: mentionIDs)
        func witness(_ statement: Statement) -> Conflict.Witness {
            let quote: Quote? = switch statement.quote {
            case let .report(id, slots):
                slots.lazy.compactMap { slot in byReport[id]?.first { $0.slot == slot } }.first ?? byReport[id]?.first
            case let .mentions(ids):
                ids.lazy.compactMap { byMention[$0] }.first
            }
            return Conflict.Witness(sourceId: statement.sourceID, path: paths[statement.sourceID]?.path ?? "",
                                    sentence: quote?.sentence, start: quote?.start, end: quote?.end)
        }
        return disputes.map { dispute in
            Conflict(subject: subject, subjectId: id, subjectName: name, fact: dispute.fact,
                     sourceCount: Set(dispute.claims.flatMap { $0.statements.map(\.sourceID) }).count,
                     claims: dispute.claims.map { Conflict.Claim(value: $0.value, witnesses: $0.statements.map(witness)) })
        }
    }

    /// A stored sentence behind a report, role or position.
    private struct Quote {
        var slot: String
        var sentence: String
        var start: Int
        var end: Int
    }

    /// The evidence of the given reports and of the given roles or positions, in text order: all
    /// of it by report, the first by role or position. `report` and `mention` are evidence columns.
    private static func quotes(_ db: Database, report: String, reportIDs: Set<Int64>, mention: String,
                               mentionIDs: Set<Int64>) throws -> (byReport: [Int64: [Quote]], byMention: [Int64: Quote]) {
        var byReport: [Int64: [Quote]] = [:], byMention: [Int64: Quote] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT \(report), \(mention), slot, sentence, start, "end" FROM evidence_text
            WHERE \(report) IN (SELECT value FROM json_each(?1)) OR \(mention) IN (SELECT value FROM json_each(?2))
            ORDER BY start, id
            """), arguments: [jsonArray(Array(reportIDs)), jsonArray(Array(mentionIDs))])
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
        var value: String
        var name: String

        /// The rows of `SELECT id, report id, participant id, role or stance, participant name`.
        static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments) throws -> [Mention] {
            try Array(Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments).map { row in
                Mention(id: row[0], reportID: row[1], participantID: row[2], value: row[3], name: row[4])
            })
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

    /// What one compared report says about its meeting.
    private struct MeetingClaim {
        var id: Int64
        var sourceID: Int64
        var ordinal: Int
        var kind: String
        var city: String?
        var venue: String?
        var country: String?
        var date: String?
        var dateText: String?
        var convenerID: Int64?
    }

    /// `reportCount` is the meeting's `report_count`: with up to ``conflictReportsCompared``
    /// reports, all are compared without reading their sources for the canonical order.
    private static func meetingConflicts(_ db: Database, meetingID: Int64, reportCount: Int) throws -> [Conflict] {
        let columns = "r.id, r.source_id, r.ordinal, r.kind, r.city, r.venue, r.country, r.date, r.date_text, r.convener_id"
        // Every report when there are few; else the first in canonical order.
        let sql = reportCount <= conflictReportsCompared
            ? "SELECT \(columns) FROM meeting_reports r WHERE r.meeting_id = ?"
            : """
                SELECT \(columns) FROM meeting_reports r JOIN sources s ON s.id = r.source_id
                WHERE r.meeting_id = ? ORDER BY s.sha256, r.ordinal, r.id LIMIT \(conflictReportsCompared)
                """
        let compared = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: [meetingID]).map { row in
            MeetingClaim(id: row[0], sourceID: row[1], ordinal: row[2], kind: row[3], city: row[4], venue: row[5],
                         country: row[6], date: row[7], dateText: row[8], convenerID: row[9])
        }
        // In source order, as the dossier lists them.
        let reports = try Array(compared).sorted { ($0.sourceID, $0.ordinal) < ($1.sourceID, $1.ordinal) }
        let names = try participantNames(db, ids: reports.compactMap(\.convenerID))

        func statements(_ slots: [String], key: (MeetingClaim) -> String? = { _ in nil },
                        _ value: (MeetingClaim) -> String?) -> [Statement] {
            reports.compactMap { report in
                guard let stated = value(report) else { return nil }
                return Statement(value: stated, sourceID: report.sourceID, key: key(report),
                                 quote: .report(report.id, slots: slots + ["meeting"]))
            }
        }
        // Sources resolving to the same day agree; when several resolve, days are compared, else texts.
        let resolved = Set(reports.compactMap(\.date))
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
        let sameDay = resolved.count == 1 && reports.allSatisfy { $0.date != nil }
        var found: [Dispute?] = [
            sameDay ? nil : dispute("date", dated),
            dispute("kind", statements(["kind", "meeting"]) { $0.kind == MeetingKind.meeting.rawValue ? nil : $0.kind }),
            dispute("venue", statements(["venue", "place"], \.venue)),
            dispute("city", statements(["city", "place"], \.city)),
            dispute("country", statements(["country", "place"], \.country)),
            dispute("convener", statements(["convener", "host"]) { $0.convenerID.flatMap { names[$0] } }),
        ]

        let roles = try Mention.fetchAll(db, sql: """
            SELECT mp.id, mp.meeting_report_id, mp.participant_id, mp.role, p.name
            FROM meeting_participants mp JOIN participants p ON p.id = mp.participant_id
            WHERE mp.meeting_report_id IN (SELECT value FROM json_each(?))
            ORDER BY p.name, mp.participant_id
            """, arguments: [jsonArray(reports.map(\.id))])
        // Only sources that give an attendee list take part: at least two listed participants
        // besides the convener and host. A source naming only its convener gives no list.
        let listRoles = Set([MeetingRole.attendee, .speaker, .invited, .excluded].map(\.rawValue))
        let hostRoles = Set([MeetingRole.convener, .host].map(\.rawValue))
        let rolesByReport = Dictionary(grouping: roles, by: \.reportID)
        let listing = reports.filter { report in
            let own = rolesByReport[report.id] ?? []
            let hosts = Set(own.filter { hostRoles.contains($0.value) }.map(\.participantID)
                            + [report.convenerID].compactMap { $0 })
            return Set(own.filter { listRoles.contains($0.value) && !hosts.contains($0.participantID) }
                .map(\.participantID)).count >= 2
        }
        if listing.count > 1 {
            let listingIDs = Set(listing.map(\.id))
            for participant in byParticipant(roles.filter { listingIDs.contains($0.reportID) }) {
                let stated = listing.map { report in
                    let inReport = participant.byReport[report.id] ?? []
                    let value = inReport.isEmpty ? "not listed"
                        : inReport.allSatisfy { $0.value == MeetingRole.excluded.rawValue } ? "excluded" : "listed"
                    return Statement(value: value, sourceID: report.sourceID, quote: .mentions(inReport.map(\.id)))
                }
                // Leaving out an excluded participant agrees with excluding it.
                guard stated.contains(where: { $0.value == "listed" }) else { continue }
                found.append(dispute("attendance of \(participant.name)", stated))
            }
        }
        let disputes = found.compactMap { $0 }
        guard !disputes.isEmpty,
              let name = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM meetings WHERE id = ?"), arguments: [meetingID])
        else { return [] }
        return try witnessed(db, .meeting, meetingID, name: name, disputes,
                             report: "meeting_report_id", mention: "meeting_participant_id")
    }

    /// The compared reports of a proposal, the first in canonical order (ties, between copies
    /// of one article, in index order), are read in the order of the `proposal_reports_voters`
    /// index: they are among the voting sample (migration 0008).
    /// When no participant takes two stances on the proposal (`mixedStances` false: one stance
    /// everywhere cannot be disputed) and the compared reports give one kind and one status, the
    /// proposal is passed over after that one read.
    private static func proposalConflicts(_ db: Database, proposalID: Int64, mixedStances: Bool) throws -> [Conflict] {
        let sample = """
            SELECT id, source_id, ordinal, kind, status FROM proposal_reports INDEXED BY proposal_reports_voters
            WHERE proposal_id = ?1 AND voter = 1
            ORDER BY \(ProposalMerger.canonicalOrder), kind, status, source_id, id LIMIT ?2
            """
        if !mixedStances {
            let agree = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT min(kind) = max(kind) AND min(status) = max(status) FROM (\(sample))"),
                arguments: [proposalID, conflictReportsCompared]) ?? false
            if agree { return [] }
        }
        let reports = try Array(Row.fetchCursor(db.cachedStatement(sql: sample), arguments: [proposalID, conflictReportsCompared]).map {
            (id: $0[0] as Int64, sourceID: $0[1] as Int64, ordinal: $0[2] as Int, kind: $0[3] as String, status: $0[4] as String)
        }).sorted { ($0.sourceID, $0.ordinal) < ($1.sourceID, $1.ordinal) }
        var found: [Dispute?] = [
            dispute("kind", reports.map { Statement(value: $0.kind, sourceID: $0.sourceID, quote: .report($0.id, slots: [])) }),
            dispute("status", reports.map { Statement(value: $0.status, sourceID: $0.sourceID, quote: .report($0.id, slots: [])) }),
        ]
        if mixedStances {
            let positions = try Mention.fetchAll(db, sql: """
                SELECT pp.id, pp.proposal_report_id, pp.participant_id, pp.stance, p.name
                FROM proposal_positions pp JOIN participants p ON p.id = pp.participant_id
                WHERE pp.proposal_report_id IN (SELECT value FROM json_each(?))
                ORDER BY p.name, pp.participant_id, pp.stance
                """, arguments: [jsonArray(reports.map(\.id))])
            for participant in byParticipant(positions) {
                found.append(dispute("position of \(participant.name)", reports.compactMap { report in
                    guard let inReport = participant.byReport[report.id] else { return nil }
                    return Statement(value: inReport.map(\.value).joined(separator: "; "), sourceID: report.sourceID,
                                     quote: .mentions(inReport.map(\.id)))
                }))
            }
        }
        let disputes = found.compactMap { $0 }
        guard !disputes.isEmpty,
              let summary = try String.fetchOne(db.cachedStatement(sql: "SELECT summary FROM proposals WHERE id = ?"),
                                                arguments: [proposalID])
        else { return [] }
        return try witnessed(db, .proposal, proposalID, name: summary, disputes,
                             report: "proposal_report_id", mention: "proposal_position_id")
    }

    private static func participantNames(_ db: Database, ids: [Int64]) throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [Int64: String] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT id, name FROM participants WHERE id IN (SELECT value FROM json_each(?))"),
            arguments: [jsonArray(Array(Set(ids)))])
        while let row = try rows.next() { names[row[0]] = row[1] }
        return names
    }
}
