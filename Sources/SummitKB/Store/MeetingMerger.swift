import GRDB

/// Keeps the merged `meetings` layer in step with the per-source `meeting_reports`.
///
/// ```swift
/// let merger = MeetingMerger(db: db)
/// try merger.add(reportID: newReport)            // joins it to the meetings it agrees with
/// try merger.recluster(meetingIDs: [3, 7])       // after reports were removed
/// ```
///
/// Meetings are clusters of reports built by ``clusters(of:)``: links between agreeing
/// reports (``MeetingReportComparison/agreement(_:_:)``) are taken strongest first, and a
/// link is refused when it would put two contradicting reports (same source, other date,
/// incompatible kind) in one meeting. A new report re-clusters the whole connected group
/// of agreeing reports around it, so the result depends only on the set of reports, never
/// on ingest order. Candidates come from the `meeting_reports_block` index, narrowed by date.
/// A cluster keeps the smallest meeting id among its reports' meetings.
struct MeetingMerger {
    let db: Database
    /// The commit's cache of people's meeting links; without one they are loaded on every use.
    var links: MeetingLinkCache? = nil

    private func linkConstraints() throws -> MeetingLinkConstraints {
        try links?.constraints(db) ?? MeetingLinkConstraints.load(db)
    }

    /// How far apart, in days, two sources' published dates may be for their reports to be compared.
    static let publishedWindow = 14

    /// Where a report goes, decided by ``placement(of:)`` before the report is stored or by
    /// ``add(reportID:)`` after.
    enum Placement {
        /// A meeting of its own: no report of its block agrees with it.
        case alone
        /// Into an existing meeting: it agrees with reports of that meeting only and contradicts
        /// none of its members.
        case join(Join)
        /// With the connected group of agreeing reports around it, re-clustered whole
        /// (``regroup(_:block:)``); `block` holds its merge candidates.
        case regroup(block: [MeetingReportSummary])
    }

    /// A report joining an existing meeting, and why.
    struct Join {
        let meetingID: Int64
        /// The meeting's reports before the new one joins, in no particular order, without
        /// their participants: neither the contradiction check nor the vote reads them.
        let members: [MeetingReportSummary]
        /// The member the report agrees with most.
        let strongest: MeetingReportSummary?
        /// The report's `merge_reason`: its agreement with ``strongest``.
        let reason: String?
    }

    /// Decides where a meeting report goes, with the rules of ``add(reportID:)``, before it
    /// is stored: a report that joins an existing meeting is then inserted straight into it,
    /// and no meeting is created for it and deleted again. The report's `id` and
    /// `meetingID` are ignored, and `report` must carry its evidence count and participants.
    /// Only valid while people's meeting links are empty and cannot come to name the report
    /// (``MeetingLinkConstraints/mayChange(storingReportsFrom:keys:)``).
    func placement(of report: MeetingReportSummary) throws -> Placement {
        // A report with no place is only ever merged by people's links.
        if report.blockKey.hasPrefix("none:") { return .alone }
        return try placement(of: report, among: candidates(for: report), constraints: .none)
    }

    private func placement(of report: MeetingReportSummary, among block: [MeetingReportSummary],
                           constraints: MeetingLinkConstraints) throws -> Placement {
        // Each candidate is compared once; the strongest neighbour keeps the first of equals.
        var touched: Set<Int64> = []
        var strongest: (report: MeetingReportSummary, strength: Int)?
        for candidate in block {
            guard let agreement = MeetingReportComparison.comparison(report, candidate) else { continue }
            touched.insert(candidate.meetingID)
            let strength = MeetingReportComparison.strength(report, candidate, agreement)
            if strongest.map({ strength > $0.strength }) ?? true { strongest = (candidate, strength) }
        }
        guard touched.count <= 1, constraints.isEmpty else { return .regroup(block: block) }
        guard let meetingID = touched.first else { return .alone }
        let members = try summaries(sql: Self.summarySQL + " WHERE r.meeting_id = ?", arguments: [.integer(meetingID)],
                                    withParticipants: false)
        if members.contains(where: { MeetingReportComparison.contradicts(report, $0) }) { return .regroup(block: block) }
        return .join(Join(meetingID: meetingID, members: members, strongest: strongest?.report,
                          reason: strongest.flatMap { MeetingReportComparison.agreement(report, $0.report) }))
    }

    /// Joins a freshly inserted report (sitting in its own new meeting) to the meetings it agrees with.
    ///
    /// Candidates are the reports of the same place block near in time: within a day of a
    /// resolved date, or from sources published within ``publishedWindow`` days; only a
    /// report with neither date is compared with its whole block. When the report agrees
    /// with reports of a single meeting and contradicts none of its members, it joins that
    /// meeting directly: re-clustering would give exactly that, because its links lead
    /// nowhere else and its contradictions touch no meeting that could have formed
    /// differently. Otherwise the connected group around it is re-clustered.
    ///
    /// - Returns: the reports whose meeting changed (their proposals need a new meeting id).
    @discardableResult
    func add(reportID: Int64) throws -> Set<Int64> {
        guard let report = try summaries(sql: Self.summarySQL + " WHERE r.id = ?", arguments: [.integer(reportID)]).first else { return [] }
        if report.blockKey.hasPrefix("none:") { return try recluster(meetingIDs: [report.meetingID]) }
        switch try placement(of: report, among: candidates(for: report), constraints: linkConstraints()) {
        case .alone:
            try refreshSlots(meetingID: report.meetingID, from: [report])
            return []
        case .join(let join):
            try DirectStatement(db, sql: "UPDATE meeting_reports SET meeting_id = ?, merge_reason = ? WHERE id = ?")
                .execute(.integer(join.meetingID), .text(join.reason), .integer(report.id))
            try DirectStatement(db, sql: "DELETE FROM meetings WHERE id = ? AND origin = 'extracted'").execute(.integer(report.meetingID))
            var joined = report
            joined.meetingID = join.meetingID
            try finishJoin(joined, join)
            return [report.id]
        case .regroup(let block):
            return try regroup(report, block: block)
        }
    }

    /// Finishes a ``Placement/join(_:)`` once `report` is stored in its meeting: gives the
    /// meeting's first report its reason too when it was alone, and votes the slots again.
    func finishJoin(_ report: MeetingReportSummary, _ join: Join) throws {
        if join.members.count == 1, let member = join.members.first, member.id == join.strongest?.id,
           let partner = try withParticipants([member], sql: Self.participantsSQL).first {
            try DirectStatement(db, sql: "UPDATE meeting_reports SET merge_reason = ? WHERE id = ?")
                .execute(.text(MeetingReportComparison.agreement(partner, report)), .integer(partner.id))
        }
        try refreshSlots(meetingID: join.meetingID, from: (join.members + [report]).sorted(by: MeetingReportSummary.canonicalOrder))
    }

    /// Re-clusters the connected group of agreeing reports around a stored `report`, whose
    /// merge candidates are `block`.
    ///
    /// - Returns: the reports whose meeting changed.
    func regroup(_ report: MeetingReportSummary, block: [MeetingReportSummary]) throws -> Set<Int64> {
        var group: Set<Int64> = [report.meetingID]
        var frontier = [report]
        var reached: Set<Int64> = [report.id]
        while let current = frontier.popLast() {
            for other in block where !reached.contains(other.id) && MeetingReportComparison.agrees(current, other) {
                reached.insert(other.id)
                group.insert(other.meetingID)
                frontier.append(other)
            }
        }
        return try recluster(meetingIDs: group)
    }

    /// The reports of the same block that could describe the same meeting as `report`.
    private func candidates(for report: MeetingReportSummary) throws -> [MeetingReportSummary] {
        let block: [SQLiteValue] = [.text(report.blockKey), .integer(report.id)]
        if let date = report.date, let day = MeetingReportComparison.dayNumber(date) {
            let dated = try candidateSummaries(sql: Self.candidateSQL(index: "meeting_reports_block") + " AND r.date BETWEEN ? AND ?",
                                               arguments: block + [.text(Self.isoDate(day - 1)), .text(Self.isoDate(day + 1))])
            let undatedSQL = Self.candidateSQL(index: "meeting_reports_block_undated") + " AND r.date IS NULL"
            guard let published = MeetingReportComparison.dayNumber(report.published ?? "") else {
                return try dated + candidateSummaries(sql: undatedSQL, arguments: block)
            }
            return try dated + candidateSummaries(sql: undatedSQL + " AND r.published BETWEEN ? AND ?", arguments: block + [
                .text(Self.isoDate(published - Self.publishedWindow)), .text(Self.isoDate(published + Self.publishedWindow)),
            ])
        }
        if let published = report.published, let day = MeetingReportComparison.dayNumber(published) {
            return try candidateSummaries(sql: Self.candidateSQL(index: "meeting_reports_block_published") + " AND r.published BETWEEN ? AND ?",
                                          arguments: block + [.text(Self.isoDate(day - Self.publishedWindow)),
                                                              .text(Self.isoDate(day + Self.publishedWindow))])
        }
        return try candidateSummaries(sql: Self.candidateSQL(index: "meeting_reports_block"), arguments: block)
    }

    /// Recomputes the clusters of every report in `meetingIDs`, moves reports, refreshes
    /// merged slots and deletes extracted meetings left without reports.
    ///
    /// - Returns: the reports whose meeting changed.
    @discardableResult
    func recluster(meetingIDs: Set<Int64>) throws -> Set<Int64> {
        guard !meetingIDs.isEmpty else { return [] }
        let constraints = try linkConstraints()
        let meetingIDs = try constraints.closure(of: meetingIDs, references: CurationReferences(db: db))
        let members = try summaries(sql: Self.summarySQL + " WHERE r.meeting_id IN (SELECT value FROM json_each(?))",
                                    arguments: [.text(KnowledgeBase.jsonArray(meetingIDs.sorted()))])
            .sorted(by: MeetingReportSummary.canonicalOrder)
        var moved: Set<Int64> = []
        var claimed: Set<Int64> = []
        for cluster in Self.clusters(of: members, constraints: constraints) {
            let meetingID: Int64
            if let existing = cluster.map(\.meetingID).filter({ !claimed.contains($0) }).min() {
                meetingID = existing
            } else {
                try db.execute(sql: "INSERT INTO meetings (name, kind, block_key) VALUES (?, ?, ?)",
                               arguments: [cluster[0].name, cluster[0].kind, cluster[0].blockKey])
                meetingID = db.lastInsertedRowID
            }
            claimed.insert(meetingID)
            for report in cluster {
                let reason = cluster.lazy.filter { $0.id != report.id }
                    .compactMap { MeetingReportComparison.agreement(report, $0) }.first
                if report.meetingID != meetingID { moved.insert(report.id) }
                try db.cachedStatement(sql: """
                    UPDATE meeting_reports SET meeting_id = ?, merge_reason = ?
                    WHERE id = ? AND (meeting_id IS NOT ? OR merge_reason IS NOT ?)
                    """).execute(arguments: [meetingID, reason, report.id, meetingID, reason])
            }
            try refreshSlots(meetingID: meetingID, from: cluster)
        }
        for orphan in meetingIDs.subtracting(claimed) {
            try db.cachedStatement(sql: """
                DELETE FROM meetings WHERE id = ? AND origin = 'extracted'
                AND NOT EXISTS (SELECT 1 FROM meeting_reports WHERE meeting_id = meetings.id)
                """).execute(arguments: [orphan])
        }
        return moved
    }

    /// Clusters of reports, each in canonical order, ordered by first member.
    ///
    /// People's constraints come first: every must-link pair is joined (in canonical order)
    /// unless a cannot-link pair forbids it. Then agreeing pairs are linked strongest first
    /// (``MeetingReportComparison/strength(_:_:)``, ties in canonical order); a link that would
    /// join a report to one it contradicts (``MeetingReportComparison/contradicts(_:_:)``) or
    /// must stay apart from is skipped. A must-linked report contradicts nothing: a person
    /// placed it, so the reports agreeing with its partner may join it. Pairs naming a report
    /// outside `members` are ignored.
    static func clusters(of members: [MeetingReportSummary],
                         constraints: MeetingLinkConstraints = .none) -> [[MeetingReportSummary]] {
        let indexOfReport = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1.id, $0) })
        func memberPairs(_ pairs: [(Int64, Int64)]) -> [(Int, Int)] {
            pairs.compactMap { pair in
                guard let a = indexOfReport[pair.0], let b = indexOfReport[pair.1], a != b else { return nil }
                return (min(a, b), max(a, b))
            }
        }
        let apart = Set(memberPairs(constraints.cannotLink).map { [$0.0, $0.1] })
        let mustLinkPairs = memberPairs(constraints.mustLink)
        // A report a person placed in a meeting no longer contradicts by place, kind or date.
        let vouched = Set(mustLinkPairs.flatMap { [$0.0, $0.1] })
        // Every pair is compared once, in place (a copy of a summary retains each of its strings):
        // agreeing pairs become links, and contradicting ones, unless a person vouched for
        // either report, go into each report's set of reports it may never share a meeting with.
        var links: [(strength: Int, left: Int, right: Int)] = []
        var contradicted = [MemberSet](repeating: MemberSet(capacity: members.count), count: members.count)
        members.withUnsafeBufferPointer { reports in
            for i in reports.indices {
                for j in reports.indices where j > i {
                    if let agreement = MeetingReportComparison.comparison(reports[i], reports[j]) {
                        links.append((MeetingReportComparison.strength(reports[i], reports[j], agreement), i, j))
                    } else if !vouched.contains(i), !vouched.contains(j), MeetingReportComparison.contradicts(reports[i], reports[j]) {
                        contradicted[i].insert(j)
                        contradicted[j].insert(i)
                    }
                }
            }
        }
        links.sort { ($0.strength, $1.left, $1.right) > ($1.strength, $0.left, $0.right) }
        var clusterOf = Array(members.indices)
        var clusterMembers = members.indices.map { [$0] }
        // Each cluster's members and the reports any of them contradicts, as sets of indexes:
        // whether two clusters conflict is then one intersection, not a comparison per pair.
        var clusterSet = members.indices.map { index in
            var set = MemberSet(capacity: members.count)
            set.insert(index)
            return set
        }
        func keptApart(_ a: Int, _ b: Int) -> Bool {
            !apart.isEmpty && clusterMembers[a].contains { i in clusterMembers[b].contains { j in apart.contains([min(i, j), max(i, j)]) } }
        }
        func join(_ a: Int, _ b: Int) {
            let (keep, drop) = (min(a, b), max(a, b))
            for index in clusterMembers[drop] { clusterOf[index] = keep }
            clusterMembers[keep] += clusterMembers[drop]
            clusterMembers[drop] = []
            clusterSet[keep].formUnion(clusterSet[drop])
            contradicted[keep].formUnion(contradicted[drop])
        }
        // A cluster is known by its smallest member's index, and its entry of `contradicted` is
        // that report's entry united with every member's by `join`.
        for (left, right) in mustLinkPairs.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
            let (a, b) = (clusterOf[left], clusterOf[right])
            if a != b && !keptApart(a, b) { join(a, b) }
        }
        for link in links {
            let (a, b) = (clusterOf[link.left], clusterOf[link.right])
            guard a != b else { continue }
            if contradicted[a].intersects(clusterSet[b]) || keptApart(a, b) { continue }
            join(a, b)
        }
        return clusterMembers.filter { !$0.isEmpty }.map { $0.sorted().map { members[$0] } }
    }

    /// Writes the most supported value of every slot into the merged meeting.
    private func refreshSlots(meetingID: Int64, from reports: [MeetingReportSummary]) throws {
        let vote = SlotVote(reports.map { (weight: $0.evidenceCount ?? 0, tieBreak: $0.sourceSHA256, ordinal: $0.ordinal) })
        let date = vote.winner(reports.map(\.date))
        let dateText = vote.winner(reports.map(\.dateText))
        let precisionSource = reports.first { date != nil && $0.date == date } ?? reports.first { dateText != nil && $0.dateText == dateText }
        let known: (String) -> String? = { $0 == "unknown" ? nil : $0 }
        // Only a changed value is written: an UPDATE rewrites every index over the columns it sets,
        // and most reports change no slot (a lone report's meeting was inserted with its values).
        try DirectStatement(db, sql: """
            UPDATE meetings SET name = ?1, kind = ?2, city = ?3, venue = ?4, country = ?5, date = ?6, date_text = ?7,
                date_precision = ?8, status = ?9, convener_id = ?10, topic = ?11, participant_count = ?12, block_key = ?13
            WHERE id = ?14 AND origin <> 'added'
              AND (name, kind, city, venue, country, date, date_text, date_precision, status, convener_id, topic,
                   participant_count, block_key) IS NOT (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            """).execute(
                .text(vote.winner(reports.map(\.name))), .text(vote.winner(reports.map(\.kind))),
                .text(vote.winner(reports.map(\.city))), .text(vote.winner(reports.map(\.venue))),
                .text(vote.winner(reports.map(\.country))), .text(date), .text(dateText),
                .text(precisionSource?.datePrecision ?? "unknown"), .text(vote.winner(reports.map { known($0.status) }) ?? "unknown"),
                .integer(vote.winner(reports.map(\.convenerID))), .text(vote.winner(reports.map(\.topic))),
                .integer(vote.winner(reports.map(\.participantCount))), .text(reports[0].blockKey), .integer(meetingID))
        // `reports` are all the meeting's reports: their counts are its report summaries (migration
        // 0002), written here rather than by a trigger per moved report.
        try DirectStatement(db, sql: """
            UPDATE meetings SET report_count = ?1, source_count = ?2
            WHERE id = ?3 AND (report_count, source_count) IS NOT (?1, ?2)
            """).execute(.integer(reports.count), .integer(Set(reports.map(\.sourceID)).count), .integer(meetingID))
    }

    /// Reads reports, with their participants unless `withParticipants` is false, through
    /// SQLite's C API (``DirectStatement``): several reports per new report, every column read
    /// by position.
    private func summaries(sql: String, arguments: [SQLiteValue], withParticipants: Bool = true) throws -> [MeetingReportSummary] {
        var reports: [MeetingReportSummary] = []
        try DirectStatement(db, sql: sql).forEachRow(arguments) { row in
            reports.append(MeetingReportSummary(
                id: row.integer(0), meetingID: row.integer(1), sourceID: row.integer(2), sourceSHA256: row.text(3) ?? "",
                ordinal: Int(row.integer(4)), kind: row.text(5) ?? "", name: row.text(6) ?? "", city: row.text(7),
                venue: row.text(8), country: row.text(9), date: row.text(10), dateText: row.text(11),
                datePrecision: row.text(12) ?? "", status: row.text(13) ?? "", convenerID: row.optionalInteger(14),
                convenerName: row.text(15), topic: row.text(16), participantCount: row.optionalInteger(17).map { Int($0) },
                blockKey: row.text(18) ?? "", published: row.text(19), evidenceCount: row.optionalInteger(20).map { Int($0) },
                participants: [:]))
        }
        return withParticipants ? try self.withParticipants(reports, sql: Self.participantsSQL) : reports
    }

    /// Reports' participants with their names, for ``withParticipants(_:sql:)``.
    private static let participantsSQL = """
        SELECT mp.meeting_report_id, p.id, p.name FROM meeting_participants mp JOIN participants p ON p.id = mp.participant_id
        WHERE mp.meeting_report_id IN (SELECT value FROM json_each(?)) AND mp.role <> 'excluded'
        """

    /// Reads merge candidates with ``candidateSQL(index:)``: only what
    /// ``MeetingReportComparison/agreement(_:_:)`` compares, from the block indexes alone
    /// (migration 0007), and participants by id without their names, in the same statement:
    /// one row per candidate and participant, a candidate's rows one after another. Every
    /// other field is empty: a candidate is compared, never voted, ordered nor named in a reason.
    private func candidateSummaries(sql: String, arguments: [SQLiteValue]) throws -> [MeetingReportSummary] {
        var reports: [MeetingReportSummary] = []
        try DirectStatement(db, sql: sql).forEachRow(arguments) { row in
            let id = row.integer(0)
            if reports.last?.id != id {
                reports.append(MeetingReportSummary(
                    id: id, meetingID: row.integer(1), sourceID: row.integer(2), sourceSHA256: "", ordinal: 0,
                    kind: row.text(3) ?? "", name: "", city: nil, venue: nil, country: nil, date: row.text(4),
                    dateText: row.text(5), datePrecision: "", status: row.text(6) ?? "", convenerID: row.optionalInteger(7),
                    convenerName: nil, topic: nil, participantCount: nil, blockKey: row.text(8) ?? "", published: nil,
                    evidenceCount: nil, participants: [:]))
            }
            if let participantID = row.optionalInteger(9) { reports[reports.count - 1].participants[participantID] = "" }
        }
        return reports
    }

    /// Fills in every report's participants with one query, `sql`, that takes the report ids
    /// as one JSON array (so it is prepared once per connection whatever the number of
    /// reports) and returns report id, participant id and name.
    private func withParticipants(_ reports: [MeetingReportSummary], sql: String) throws -> [MeetingReportSummary] {
        guard !reports.isEmpty else { return [] }
        var reports = reports
        let position = Dictionary(uniqueKeysWithValues: reports.enumerated().map { ($1.id, $0) })
        try DirectStatement(db, sql: sql).forEachRow(.text(KnowledgeBase.jsonArray(reports.map(\.id)))) { row in
            if let index = position[row.integer(0)] { reports[index].participants[row.integer(1)] = row.text(2) ?? "" }
        }
        return reports
    }

    /// One report's summary columns, read by position in ``summaries(sql:arguments:)``:
    /// name lookups cost more than the query on a large block.
    private static let summarySQL = """
        SELECT r.id, r.meeting_id, r.source_id, (SELECT sha256 FROM sources s WHERE s.id = r.source_id), r.ordinal,
               r.kind, r.name, r.city, r.venue, r.country, r.date, r.date_text, r.date_precision, r.status,
               r.convener_id, c.name, r.topic, r.participant_count, r.block_key, r.published,
               (SELECT count(*) FROM evidence e WHERE e.meeting_report_id = r.id)
               + (SELECT count(*) FROM evidence e JOIN meeting_participants mp ON mp.id = e.meeting_participant_id
                  WHERE mp.meeting_report_id = r.id)
        FROM meeting_reports r LEFT JOIN participants c ON c.id = r.convener_id
        """

    /// The merge candidates of a block (`block_key = ?`, other than report `id <> ?`) through
    /// one of the block indexes, named so that SQLite never picks another: all the columns
    /// are in each of them (migration 0007), so SQLite never reads a candidate's row, a
    /// random page of a table far larger than the page cache on a large base. Each
    /// candidate's participants come from the covering unique index of `meeting_participants`
    /// in the same statement (a second statement per block, with the ids as a JSON array, was
    /// a third of reading candidates). Columns are read by position in
    /// ``candidateSummaries(sql:arguments:)``.
    private static func candidateSQL(index: String) -> String {
        """
        SELECT r.id, r.meeting_id, r.source_id, r.kind, r.date, r.date_text, r.status, r.convener_id, r.block_key,
               mp.participant_id
        FROM meeting_reports r INDEXED BY \(index)
        LEFT JOIN meeting_participants mp ON mp.meeting_report_id = r.id AND mp.role <> 'excluded'
        WHERE r.block_key = ? AND r.id <> ?
        """
    }

    /// ISO `YYYY-MM-DD` of a day number (days since 1970-01-01); inverse of `dayNumber`.
    static func isoDate(_ dayNumber: Int) -> String { CivilDate(dayNumber: dayNumber).iso }
}

/// Picks the most supported value of a slot across reports.
///
/// Ties go to the value whose best supporting report has the most evidence, then the
/// smallest source sha256, then the smallest ordinal: a choice that never depends on
/// ingest order.
struct SlotVote {
    typealias Voter = (weight: Int, tieBreak: String, ordinal: Int)
    let voters: [Voter]

    init(_ voters: [Voter]) { self.voters = voters }

    /// The winning non-nil value, or nil when no report gives one.
    func winner<Value: Hashable>(_ values: [Value?]) -> Value? {
        var tally: [Value: (count: Int, best: Voter)] = [:]
        for (value, voter) in zip(values, voters) {
            guard let value else { continue }
            if let current = tally[value] {
                tally[value] = (current.count + 1, Self.better(voter, current.best) ? voter : current.best)
            } else {
                tally[value] = (1, voter)
            }
        }
        return tally.max { lhs, rhs in
            if lhs.value.count != rhs.value.count { return lhs.value.count < rhs.value.count }
            return Self.better(rhs.value.best, lhs.value.best)
        }?.key
    }

    private static func better(_ a: Voter, _ b: Voter) -> Bool {
        if a.weight != b.weight { return a.weight > b.weight }
        return (a.tieBreak, a.ordinal) < (b.tieBreak, b.ordinal)
    }
}

/// A set of small indexes (the members ``MeetingMerger/clusters(of:constraints:)`` clusters),
/// as bits.
struct MemberSet {
    private var words: [UInt64]

    /// An empty set for indexes below `capacity`.
    init(capacity: Int) { words = Array(repeating: 0, count: (capacity + 63) / 64) }

    mutating func insert(_ index: Int) { words[index >> 6] |= 1 << UInt64(index & 63) }

    mutating func formUnion(_ other: MemberSet) {
        for index in words.indices { words[index] |= other.words[index] }
    }

    func intersects(_ other: MemberSet) -> Bool {
        zip(words, other.words).contains { $0 & $1 != 0 }
    }
}
