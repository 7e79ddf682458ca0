import GRDB

extension KnowledgeBase {
    /// Meetings in timeline order: resolved dates first by date, then unresolved ones placed by
    /// what is known (see ``DerivableRequest/unresolvedByWhatIsKnown()``).
    ///
    /// ```swift
    /// let paris = try kb.meetings(MeetingFilter(place: "Paris"))
    /// let firstTen = try kb.meetings(limit: 10)
    /// ```
    ///
    /// - Throws: ``SummitKBError/notFound(kind:reference:)`` when `filter.source` names no source.
    ///   A participant filter that matches no alias returns no meetings.
    public func meetings(_ filter: MeetingFilter = MeetingFilter(), limit: Int? = nil) throws -> [MeetingSummary] {
        try writer.read { db in try Self.meetings(db, filter, limit: limit) }
    }

    /// Participants, by kind then name, with how many sources mention them.
    ///
    /// ```swift
    /// let people = try kb.participants(kind: .person)
    /// ```
    public func participants(kind: ParticipantKind? = nil) throws -> [ParticipantSummary] {
        try writer.read { db in
            var request = Participant.all()
            if let kind { request = request.ofKind(kind) }
            return try ParticipantSummary.fetchAll(
                db, request.summarized().order(Participant.Columns.kind, Participant.Columns.name, Participant.Columns.id))
        }
    }

    /// Every participant known by `alias` (case, diacritics and dots ignored), most mentioned first.
    ///
    /// ```swift
    /// let matches = try kb.participants(knownAs: "u.k.")   // [United Kingdom]
    /// ```
    public func participants(knownAs alias: String) throws -> [Participant] {
        try writer.read { db in try Self.participants(db, knownAs: alias) }
    }

    /// The participant known by `alias`; the most mentioned one when several share it.
    ///
    /// ```swift
    /// let macron = try kb.participant(named: "MACRON")
    /// ```
    ///
    /// - Throws: ``SummitKBError/notFound(kind:reference:)``.
    public func participant(named alias: String) throws -> Participant {
        try writer.read { db in try Self.participant(db, named: alias) }
    }

    /// A participant with its aliases and every mention with its sentence.
    ///
    /// ```swift
    /// let mentions = try kb.participantMentions(named: "Zelenskyy").mentions
    /// ```
    ///
    /// - Throws: ``SummitKBError/notFound(kind:reference:)``.
    public func participantMentions(named alias: String) throws -> ParticipantMentions {
        try writer.read { db in
            let participant = try Self.participant(db, named: alias)
            let aliases = try Self.aliases(db, participantID: participant.id)
            let mentions = try Self.evidence(db, where: EvidenceRecord.Columns.participantId == participant.id)
            return ParticipantMentions(participant: participant, aliases: aliases, mentions: mentions)
        }
    }

    /// Proposals, by id, with their proposers, supporters and opposers.
    ///
    /// ```swift
    /// let offered = try kb.proposals(ProposalFilter(proposer: "France"))
    /// ```
    public func proposals(_ filter: ProposalFilter = ProposalFilter(), limit: Int? = nil) throws -> [ProposalSummary] {
        try writer.read { db in try Self.proposals(db, filter, limit: limit) }
    }

    /// The stances one participant takes, by proposal; `limit` caps the number of entries.
    ///
    /// ```swift
    /// let stances = try kb.positions(ofParticipant: try kb.participant(named: "UK").id)
    /// ```
    public func positions(ofParticipant participantID: Int64, limit: Int? = nil) throws -> [PositionEntry] {
        try writer.read { db in try Self.positions(db, ofParticipant: participantID, limit: limit) }
    }

    /// Every source, by id, without its text.
    ///
    /// ```swift
    /// for source in try kb.sources() { print(source.id, source.path) }
    /// ```
    public func sources(limit: Int? = nil) throws -> [SourceSummary] {
        try writer.read { db in try Self.sourceSummaries(db, ids: nil, limit: limit) }
    }

    /// One source, by id or by path.
    ///
    /// ```swift
    /// let article = try kb.source("2")
    /// print(article.text)
    /// ```
    ///
    /// - Throws: ``SummitKBError/notFound(kind:reference:)``.
    public func source(_ reference: String) throws -> Source {
        try writer.read { db in try Self.source(db, reference) }
    }

    /// Full-text search over titles and normalized texts, best match first.
    ///
    /// ```swift
    /// let hits = try kb.search("peacekeeping troops", limit: 5)
    /// ```
    ///
    /// Every whitespace-separated word of `query` is searched as a quoted FTS5 string, and all
    /// must match: FTS5 operators (`NEAR`, `*`, `OR`, quotes, columns) are searched as plain
    /// words, so no user text can break or change the query. A query without letters or digits
    /// returns no hits.
    ///
    /// The hits are ranked inside the full-text index alone; only the `limit` best are then
    /// read from `sources` and given a snippet (`CROSS JOIN` keeps SQLite from joining every
    /// match first). Ranking still scores every matching article, so a word found in most
    /// articles costs more than a rare one.
    public func search(_ query: String, limit: Int = 20) throws -> [SearchHit] {
        guard let match = Self.ftsMatchExpression(query) else { return [] }
        return try writer.read { db in
            try SearchHit.fetchAll(db, sql: """
                WITH best AS (
                    SELECT rowid AS id, bm25(sources_fts, 5.0, 1.0) AS rank FROM sources_fts
                    WHERE sources_fts MATCH ?1
                    ORDER BY rank, rowid
                    LIMIT ?2)
                SELECT s.id AS sourceId, s.path, s.title,
                       snippet(sources_fts, -1, '[', ']', '…', 16) AS snippet,
                       best.rank
                FROM best
                CROSS JOIN sources_fts ON sources_fts.rowid = best.id AND sources_fts MATCH ?1
                CROSS JOIN sources s ON s.id = best.id
                ORDER BY best.rank, best.id
                """, arguments: [match, limit])
        }
    }

    /// The FTS5 query for a user string: each word a quoted string (quotes doubled), joined by AND.
    static func ftsMatchExpression(_ query: String) -> String? {
        let words = query.split(whereSeparator: \.isWhitespace)
            .filter { word in word.contains { $0.isLetter || $0.isNumber } }
        guard !words.isEmpty else { return nil }
        return words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
    }
}

// MARK: - Shared building blocks, called inside one read transaction.

extension KnowledgeBase {
    static func meetings(_ db: Database, _ filter: MeetingFilter, limit: Int?) throws -> [MeetingSummary] {
        var request = Meeting.all()
        if let place = filter.place { request = request.held(in: place) }
        if let kind = filter.kind { request = request.ofKind(kind) }
        if let name = filter.participant {
            request = request.attended(byAnyOf: try participants(db, knownAs: name).map(\.id))
        }
        if let reference = filter.source { request = request.reported(bySource: try source(db, reference).id) }
        let datedOnly = filter.from != nil || filter.through != nil
        if datedOnly { request = request.dated(from: filter.from, through: filter.through) }

        var resolved = request.resolvedInDateOrder().summarized()
        if let limit { resolved = resolved.limit(limit) }
        var result = try MeetingSummary.fetchAll(db, resolved)
        guard !datedOnly else { return result }
        var unresolved = request.unresolvedByWhatIsKnown().summarized()
        if let limit {
            guard result.count < limit else { return result }
            unresolved = unresolved.limit(limit - result.count)
        }
        result += try MeetingSummary.fetchAll(db, unresolved)
        return result
    }

    static func participants(_ db: Database, knownAs alias: String) throws -> [Participant] {
        try participantSummaries(db, knownAs: alias).map(\.participant)
    }

    /// Every participant known by `alias`, most mentioned first, with its counts.
    static func participantSummaries(_ db: Database, knownAs alias: String) throws -> [ParticipantSummary] {
        try ParticipantSummary.fetchAll(db, Participant.all().known(as: alias).summarized())
            .sorted { ($0.mentionCount, -$0.participant.id) > ($1.mentionCount, -$1.participant.id) }
    }

    static func participant(_ db: Database, named alias: String) throws -> Participant {
        guard let participant = try participants(db, knownAs: alias).first else {
            throw SummitKBError.notFound(kind: "participant", reference: alias)
        }
        return participant
    }

    /// A participant's spellings, sorted.
    static func aliases(_ db: Database, participantID: Int64) throws -> [String] {
        try String.fetchAll(db, ParticipantAlias
            .filter(ParticipantAlias.Columns.participantId == participantID)
            .select(ParticipantAlias.Columns.alias)
            .order(ParticipantAlias.Columns.alias))
    }

    static func source(_ db: Database, _ reference: String) throws -> Source {
        let found = if let id = Int64(reference) {
            try Source.fetchOne(db, key: id)
        } else {
            try Source.filter(Source.Columns.path == reference).fetchOne(db)
        }
        guard let found else { throw SummitKBError.notFound(kind: "source", reference: reference) }
        return found
    }

    /// The proposal rows a request selects, decoded before their positions are attached.
    private struct ProposalRow: Decodable, FetchableRecord {
        var proposal: Proposal
        var meeting: Meeting?
        var sourceCount: Int
    }

    static func proposals(_ db: Database, _ filter: ProposalFilter, limit: Int?, ids: [Int64]? = nil) throws -> [ProposalSummary] {
        var request = Proposal.all()
        if let ids { request = request.filter(ids.contains(Proposal.Columns.id)) }
        if let kind = filter.kind { request = request.ofKind(kind) }
        if let name = filter.proposer {
            request = request.withStance(.proposes, byAnyOf: try participants(db, knownAs: name).map(\.id))
        }
        if let name = filter.supporter {
            request = request.withStance(.supports, byAnyOf: try participants(db, knownAs: name).map(\.id))
        }
        if let meetingID = filter.meetingId { request = request.raised(atMeeting: meetingID) }
        request = request.order(Proposal.Columns.id)
        if let limit { request = request.limit(limit) }
        let rows = try ProposalRow.fetchAll(db, request.summarized())
        let stances = try stanceNames(db, proposalIDs: rows.map(\.proposal.id))
        return rows.map { row in
            let names = stances[row.proposal.id] ?? [:]
            return ProposalSummary(
                proposal: row.proposal, meeting: row.meeting,
                proposers: names[.proposes] ?? [], supporters: names[.supports] ?? [],
                opposers: names[.opposes] ?? [], discussants: names[.discusses] ?? [],
                sourceCount: row.sourceCount)
        }
    }

    /// Sorted distinct participant names per proposal and stance, from the `proposal_stances` summary.
    private static func stanceNames(_ db: Database, proposalIDs: [Int64]) throws -> [Int64: [Stance: [String]]] {
        guard !proposalIDs.isEmpty else { return [:] }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT DISTINCT ps.proposal_id, ps.stance, p.name
            FROM proposal_stances ps JOIN participants p ON p.id = ps.participant_id
            WHERE ps.proposal_id IN (SELECT value FROM json_each(?))
            ORDER BY p.name
            """, arguments: [jsonArray(proposalIDs)])
        var result: [Int64: [Stance: [String]]] = [:]
        while let row = try rows.next() {
            guard let stance = Stance(rawValue: row[1]) else { continue }
            result[row[0], default: [:]][stance, default: []].append(row[2])
        }
        return result
    }

    /// A participant's stances by proposal then stance: the first `limit` entries of its
    /// `proposal_stances` rows, then the sources of those entries only.
    static func positions(_ db: Database, ofParticipant participantID: Int64, limit: Int?) throws -> [PositionEntry] {
        // Counted and listed through proposal_positions_participant: the count reads index
        // entries only, and the paths are looked up for the listed reports alone.
        let entries = try Row.fetchAll(db, sql: """
            SELECT shown.proposal_id, pr.summary, shown.stance,
                   (SELECT count(pp.proposal_report_id) FROM proposal_positions pp
                    WHERE pp.participant_id = ?1 AND pp.proposal_id = shown.proposal_id AND pp.stance = shown.stance)
                   AS report_count
            FROM (SELECT proposal_id, stance FROM proposal_stances WHERE participant_id = ?1
                  ORDER BY proposal_id, stance LIMIT ?2) shown
            JOIN proposals pr ON pr.id = shown.proposal_id
            ORDER BY shown.proposal_id, shown.stance
            """, arguments: [participantID, limit ?? -1])
        let listed = try db.cachedStatement(sql: """
            SELECT DISTINCT s.path
            FROM (SELECT proposal_report_id FROM proposal_positions
                  WHERE participant_id = ? AND proposal_id = ? AND stance = ? AND proposal_report_id IS NOT NULL
                  ORDER BY proposal_report_id LIMIT \(PositionEntry.sourceLimit)) pp
            JOIN proposal_reports r ON r.id = pp.proposal_report_id
            JOIN sources s ON s.id = r.source_id
            ORDER BY s.path
            """)
        return try entries.compactMap { row in
            let proposalID: Int64 = row["proposal_id"]
            let stanceName: String = row["stance"]
            guard let stance = Stance(rawValue: stanceName) else { return nil }
            return PositionEntry(proposalId: proposalID, summary: row["summary"], stance: stance,
                                 reportCount: row["report_count"],
                                 sources: try String.fetchAll(listed, arguments: [participantID, proposalID, stanceName]))
        }
    }

    /// Source summaries for the given ids (all sources when nil), by id.
    static func sourceSummaries(_ db: Database, ids: [Int64]?, limit: Int?) throws -> [SourceSummary] {
        var request = Source
            .select(Source.Columns.id, Source.Columns.path, Source.Columns.title, Source.Columns.published,
                    Source.Columns.wordCount.forKey("wordCount"))
            .annotated(with: [
                SQL("(SELECT count(*) FROM evidence WHERE source_id = sources.id)").forKey("factCount"),
                SQL("(SELECT count(DISTINCT meeting_id) FROM meeting_reports WHERE source_id = sources.id)")
                    .forKey("meetingCount"),
                SQL("(SELECT count(DISTINCT proposal_id) FROM proposal_reports WHERE source_id = sources.id)")
                    .forKey("proposalCount"),
            ])
            .order(Source.Columns.id)
        if let ids { request = request.filter(ids.contains(Source.Columns.id)) }
        if let limit { request = request.limit(limit) }
        return try SourceSummary.fetchAll(db, request)
    }

    /// The path and title of each source in `ids`, without counting what it contributed.
    static func sourceTitles(_ db: Database, ids: [Int64]) throws -> [Int64: (path: String, title: String?)] {
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: (path: String, title: String?)] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT id, path, title FROM sources WHERE id IN (SELECT value FROM json_each(?))
            """), arguments: [jsonArray(ids)])
        while let row = try rows.next() { result[row[0]] = (row[1], row[2]) }
        return result
    }

    /// Evidence rows matching `condition`, with their source paths, in source and text order.
    static func evidence(_ db: Database, where condition: SQLSpecificExpressible) throws -> [EvidenceItem] {
        let source = TableAlias<Source>()
        let request = EvidenceRecord
            .filter(condition)
            .joining(required: EvidenceRecord.source.aliased(source))
            .annotated(with: source[Source.Columns.path])
            .order(source[Source.Columns.path], EvidenceRecord.Columns.start, EvidenceRecord.Columns.id)
        return try EvidenceItem.fetchAll(db, request)
    }

    /// Row ids as a JSON array, bound to one `json_each(?)` parameter: one prepared
    /// statement serves any number of ids.
    static func jsonArray(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}
