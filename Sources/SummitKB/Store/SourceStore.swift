import GRDB
import SummitKBExtraction

/// Writes one document and everything extracted from it, inside the caller's transaction.
///
/// ```swift
/// try kb.writer.write { db in
///     let store = SourceStore(db: db)
///     try store.store(path: "a.txt", content: content) { PreparedExtraction(pipeline.extract(raw: content.rawText)) }
///     try store.finishCommit()
/// }
/// ```
///
/// Same path and fingerprint as a stored source: nothing is written (`unchanged`). Same
/// path, new fingerprint: the old source is deleted (its claims and evidence cascade),
/// the meetings and proposals it fed are re-merged, the new source is inserted, and
/// participants left without any evidence or role are removed (`replaced`). Otherwise
/// the source is inserted (`ingested`). The same content under another path is a separate
/// source: paths identify sources, fingerprints only detect change. Before the transaction
/// commits, ``finishCommit()`` recounts the proposals its documents changed, applies people's
/// corrections again and indexes the new text.
struct SourceStore {
    /// Most evidence rows one INSERT writes. Running a statement per row (binding, starting,
    /// ending and resetting it) was a tenth of writing evidence: 883M instructions for the
    /// 35,800 rows of 1,000 generated articles one by one, about 790M up to 32 to a statement
    /// (callgrind).
    static let evidenceRowsPerInsert = 32

    let db: Database
    /// What the documents of this transaction share; one per write transaction.
    var commit = CommitState()

    /// Stores a decoded document; `extract` runs only when the document is new or changed.
    func store(path: String, content: LoadedDocument.Content, extract: () -> PreparedExtraction) throws -> IngestOutcome {
        let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, sha256 FROM sources WHERE path = ?"),
                                        arguments: [path])
        if let existing, existing["sha256"] == content.sha256 { return .unchanged }
        let prepared = extract()
        var formerMeetings: Set<Int64> = []
        var formerProposals: Set<Int64> = []
        var formerParticipants: Set<Int64> = []
        if let existing {
            let sourceID: Int64 = existing["id"]
            try Self.indexWaitingSource(sourceID, db: db)  // the delete trigger removes it from the index
            formerMeetings = Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT meeting_id FROM meeting_reports WHERE source_id = ?", arguments: [sourceID]))
            formerProposals = Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT proposal_id FROM proposal_reports WHERE source_id = ?", arguments: [sourceID]))
            formerParticipants = Set(try Int64.fetchAll(db, sql: """
                SELECT participant_id FROM evidence WHERE source_id = ? AND participant_id IS NOT NULL
                UNION SELECT mp.participant_id FROM meeting_participants mp JOIN meeting_reports r ON r.id = mp.meeting_report_id WHERE r.source_id = ?
                UNION SELECT pp.participant_id FROM proposal_positions pp JOIN proposal_reports r ON r.id = pp.proposal_report_id WHERE r.source_id = ?
                """, arguments: [sourceID, sourceID, sourceID]))
            try db.execute(sql: "DELETE FROM sources WHERE id = ?", arguments: [sourceID])
            commit.forgetCachedRows()
            // Meetings that lost a report may split; deleted ones are skipped by recluster.
            try MeetingMerger(db: db, links: commit.meetingLinks).recluster(meetingIDs: formerMeetings)
        }
        var writer = try ExtractionWriter(db: db, prepared: prepared, sourceSHA256: content.sha256, participantRows: commit.participantRows)
        try writer.insertSource(path: path, content: content)
        try writer.insertParticipants()
        let merger = MeetingMerger(db: db, links: commit.meetingLinks)
        // Without people's meeting links in play, each report goes straight to its meeting;
        // otherwise the links are loaded again with this document's reports stored, and each
        // report is added from a meeting of its own, as a report already stored would be.
        let reportKeys = writer.reportKeys
        let linksInPlay = try commit.meetingLinks.constraints(db).affect(storingReportsFrom: path, keys: reportKeys)
        let (newMeetingReports, placedMoves) = try writer.insertMeetings(placingWith: linksInPlay ? nil : merger)
        let newProposalReports = try writer.insertProposals()
        assert(writer.evidenceIsWritten, "a step of the writer left evidence rows unwritten")

        var movedReports = placedMoves
        if linksInPlay {
            commit.meetingLinks.storedReports(from: path, keys: reportKeys)
            for reportID in newMeetingReports { movedReports.formUnion(try merger.add(reportID: reportID)) }
        }
        // Proposals whose older reports changed meeting or lost a source are recounted whole
        // when the commit ends, and so are those a new report can move a winner of.
        let proposalMerger = ProposalMerger(db: db)
        commit.refresh(proposals: formerProposals)
        commit.refresh(proposals: try proposalMerger.proposals(linkedTo: movedReports.subtracting(newMeetingReports)))
        for (proposalID, reportID) in newProposalReports where !commit.proposalsToRefresh.contains(proposalID) {
            if try proposalMerger.canMoveAWinner(reportID: reportID) {
                commit.refresh(proposals: [proposalID])
            } else {
                commit.explain(proposalID: proposalID)
            }
        }
        let removedParticipants = try removeParticipantsWithoutClaims(formerParticipants)
        commit.documentStored(mentionsOfKnownParticipants: writer.mentionsOfKnownParticipants,
                              removedParticipants: removedParticipants)
        return existing == nil ? .ingested : .replaced
    }

    /// What every write transaction of documents does last: writes the participant counts and
    /// recounts the proposals its documents left waiting (``CommitState``), applies people's corrections again
    /// (``CorrectionApplier``, a ``CorrectionApplier/Pass/document`` pass: extraction may have
    /// re-created what they removed or changed) and indexes the new sources.
    ///
    /// Once per commit, not per document: every pass applies every correction, so a pass per
    /// document made ingest cost grow with the number of corrections (200 of them made it ten
    /// times slower). Nothing in between depends on them: the meeting merger reads people's
    /// meeting links itself (``MeetingLinkConstraints``).
    func finishCommit() throws {
        try commit.writeParticipantCounts(db)
        try commit.finishProposals(ProposalMerger(db: db))
        try CorrectionApplier(db: db).apply(pass: .document)
        commit.forgetCachedRows()  // the corrections may have changed participants
        try Self.indexNewSources(db)
    }

    /// Adds the sources this transaction stored to the full-text index `sources_fts`, in one
    /// statement. Call it once before committing: FTS5 writes its pending terms at every
    /// savepoint, so indexing each document inside its own savepoint made one index segment
    /// per article (migration 0003). The sources waiting are those above the highest indexed id.
    static func indexNewSources(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO sources_fts(rowid, title, text)
            SELECT id, title, text FROM sources WHERE id > coalesce((SELECT max(id) FROM sources_fts_docsize), 0)
            """)
    }

    /// Indexes a source still waiting for ``indexNewSources(_:)``, so that deleting it, whose
    /// trigger removes its terms from `sources_fts`, never removes terms that were never added.
    private static func indexWaitingSource(_ sourceID: Int64, db: Database) throws {
        try db.execute(sql: """
            INSERT INTO sources_fts(rowid, title, text) SELECT id, title, text FROM sources
            WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM sources_fts_docsize WHERE id = ?1)
            """, arguments: [sourceID])
    }

    /// Deletes extracted, unverified participants that no evidence, role or position mentions
    /// any more; returns the ids deleted.
    private func removeParticipantsWithoutClaims(_ participantIDs: Set<Int64>) throws -> [Int64] {
        var removed: [Int64] = []
        for participantID in participantIDs {
            try db.cachedStatement(sql: """
                DELETE FROM participants WHERE id = ? AND origin = 'extracted' AND verified = 0
                AND NOT EXISTS (SELECT 1 FROM evidence WHERE participant_id = participants.id)
                AND NOT EXISTS (SELECT 1 FROM meeting_participants WHERE participant_id = participants.id)
                AND NOT EXISTS (SELECT 1 FROM proposal_positions WHERE participant_id = participants.id)
                AND NOT EXISTS (SELECT 1 FROM meetings WHERE convener_id = participants.id)
                AND NOT EXISTS (SELECT 1 FROM meeting_reports WHERE convener_id = participants.id)
                """).execute(arguments: [participantID])
            if db.changesCount > 0 { removed.append(participantID) }
        }
        return removed
    }
}

/// Inserts the rows of one ``PreparedExtraction``: source, participants, evidence, reports.
private struct ExtractionWriter {
    let db: Database
    let prepared: PreparedExtraction
    var extraction: ExtractionResult { prepared.result }
    let sourceSHA256: String
    let participantRows: ParticipantRowCache
    private let offsets: CodePointOffsets
    private(set) var sourceID: Int64 = 0
    /// Participant row id per entity key of this document.
    private(set) var participantIDs: [String: Int64] = [:]
    /// The stored name of each participant row of this document.
    private var participantNames: [Int64: String] = [:]
    /// The merge block of each meeting's report (``MeetingReportComparison/blockKey(city:venue:country:kind:sourceSHA256:)``).
    private let blockKeys: [String]
    /// Meeting report row id per index into `extraction.meetings`.
    private(set) var meetingReportIDs: [Int: Int64] = [:]
    /// Mentions this document adds to participant rows the transaction already wrote, left for
    /// ``CommitState`` to write once per commit.
    private(set) var mentionsOfKnownParticipants: [Int64: Int] = [:]

    /// The statements run per role, position or alias, looked up once per document.
    private let insertMeetingParticipant, insertProposalPosition, insertAlias: DirectStatement
    /// Evidence rows not written yet, ``evidenceColumns`` values each, in the order they came
    /// (``flushEvidence()``).
    private var pendingEvidence: [SQLiteValue] = []

    init(db: Database, prepared: PreparedExtraction, sourceSHA256: String, participantRows: ParticipantRowCache) throws {
        self.db = db
        self.prepared = prepared
        self.sourceSHA256 = sourceSHA256
        self.participantRows = participantRows
        offsets = prepared.offsets
        blockKeys = prepared.result.meetings.map { meeting in
            MeetingReportComparison.blockKey(city: meeting.city, venue: meeting.venue, country: meeting.country,
                                             kind: meeting.kind.rawValue, sourceSHA256: sourceSHA256)
        }
        insertMeetingParticipant = try DirectStatement(db, sql: """
            INSERT INTO meeting_participants (meeting_id, meeting_report_id, participant_id, role) VALUES (?, ?, ?, ?)
            """)
        insertProposalPosition = try DirectStatement(db, sql: """
            INSERT INTO proposal_positions (proposal_id, proposal_report_id, participant_id, stance) VALUES (?, ?, ?, ?)
            """)
        insertAlias = try DirectStatement(db, sql: "INSERT OR IGNORE INTO participant_aliases (participant_id, alias, folded) VALUES (?, ?, ?)")
    }

    mutating func insertSource(path: String, content: LoadedDocument.Content) throws {
        let document = extraction.document
        let metadata = document.metadata
        try DirectStatement(db, sql: """
            INSERT INTO sources (path, sha256, title, author, publisher, url, published, dateline, raw_text, text,
                                 byte_count, word_count, extractor_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(
                .text(path), .text(content.sha256), .text(metadata.title), .text(metadata.author), .text(metadata.publisher),
                .text(metadata.url), .text(metadata.published), .text(document.dateline), .text(content.rawText),
                .text(document.text), .integer(content.byteCount), .integer(prepared.wordCount), .text(ExtractionResources.extractorVersion))
        sourceID = db.lastInsertedRowID
    }

    /// Upserts every entity by key (filling a missing title or country, keeping the first
    /// lexicon, adding this document's mentions to its counts), adds its aliases, and writes
    /// one `mention` evidence row per mention. When the entity would add nothing else to a
    /// row this transaction already wrote, only its counts change, and they are written when
    /// the commit ends (``mentionsOfKnownParticipants``).
    mutating func insertParticipants() throws {
        // Counted here, once per entity, rather than by a trigger per mention (a tenth of ingest
        // speed); deleting or moving a mention is counted by triggers (migration 0002).
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO participants (kind, name, key, title, country, lexicon, mention_count, source_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET title = COALESCE(participants.title, excluded.title),
                country = COALESCE(participants.country, excluded.country),
                lexicon = COALESCE(participants.lexicon, excluded.lexicon),
                mention_count = participants.mention_count + excluded.mention_count,
                source_count = participants.source_count + excluded.source_count
            RETURNING id, title IS NOT NULL, country IS NOT NULL, lexicon IS NOT NULL, name
            """)
        for (index, entity) in extraction.entities.enumerated() where participantIDs[entity.key] == nil {
            let mentions = prepared.entityMentionCounts[index]
            var known = participantRows.participant(key: entity.key)
            if let cached = known, !cached.wouldGain(entity.title, entity.country, entity.lexicon) {
                if mentions > 0 { mentionsOfKnownParticipants[cached.id, default: 0] += mentions }
            } else {
                guard let row = try Row.fetchOne(upsert, arguments: [entity.kind.rawValue, entity.name, entity.key,
                                                                     entity.title, entity.country, entity.lexicon,
                                                                     mentions, mentions > 0 ? 1 : 0]) else { continue }
                known = ParticipantRowCache.Known(id: row[0], name: row[4], hasTitle: row[1], hasCountry: row[2], hasLexicon: row[3])
                participantRows.remember(key: entity.key, known!)
            }
            let id = known!.id
            participantIDs[entity.key] = id
            participantNames[id] = known!.name
            for spelling in prepared.entitySpellings[index] where participantRows.insertAlias(participantID: id, folded: spelling.folded) {
                try insertAlias.execute(.integer(id), .text(spelling.text), .text(spelling.folded))
            }
        }
        for mention in extraction.mentions {
            guard let participantID = participantIDs[mention.entity] else { continue }
            try insertEvidence(mention.evidence, subject: .participant(participantID))
        }
        try flushEvidence()
    }

    /// The `BLOCK KEY|DATE TEXT|KIND` key of each meeting's report, the form people's meeting
    /// links may name it by (``CurationReferences/descriptionReference(blockKey:dateText:kind:)``).
    var reportKeys: [String] {
        extraction.meetings.indices.map { ordinal in
            let meeting = extraction.meetings[ordinal]
            return CurationReferences.descriptionReference(blockKey: blockKeys[ordinal], dateText: meeting.dateText,
                                                           kind: meeting.kind.rawValue)
        }
    }

    /// Inserts each meeting as a report with its participants and evidence.
    ///
    /// Given a merger, each report goes where ``MeetingMerger/placement(of:)`` puts it: into
    /// a meeting of its own, straight into the existing meeting it joins, or alone and then
    /// re-clustered with the reports around it. Without one, each report sits in a meeting of
    /// its own, for ``MeetingMerger/add(reportID:)`` to merge once people's links are loaded.
    ///
    /// - Returns: the new report ids, and the older reports whose meeting changed.
    mutating func insertMeetings(placingWith merger: MeetingMerger?) throws -> (reports: [Int64], moved: Set<Int64>) {
        var reportIDs: [Int64] = []
        var moved: Set<Int64> = []
        for (ordinal, meeting) in extraction.meetings.enumerated() {
            let blockKey = blockKeys[ordinal]
            let convenerID = meeting.convener.flatMap { participantIDs[$0] }
            let roles = meeting.participants.compactMap { role in participantIDs[role.entity].map { (id: $0, role: role) } }
            var report = MeetingReportSummary(
                id: 0, meetingID: 0, sourceID: sourceID, sourceSHA256: sourceSHA256, ordinal: ordinal, kind: meeting.kind.rawValue,
                name: meeting.name, city: meeting.city, venue: meeting.venue, country: meeting.country, date: meeting.date,
                dateText: meeting.dateText, datePrecision: meeting.datePrecision.rawValue, status: meeting.status.rawValue,
                convenerID: convenerID, convenerName: convenerID.flatMap { participantNames[$0] }, topic: meeting.topic,
                participantCount: meeting.participantCount, blockKey: blockKey, published: extraction.document.metadata.published,
                evidenceCount: meeting.evidence.count + roles.count,
                participants: Dictionary(roles.filter { $0.role.role != .excluded }.map { ($0.id, participantNames[$0.id] ?? "") },
                                         uniquingKeysWith: { first, _ in first }))
            let placement = try merger?.placement(of: report) ?? .alone
            var mergeReason: String?
            if case .join(let join) = placement {
                report.meetingID = join.meetingID
                mergeReason = join.reason
            } else {
                // The meeting this report makes alone, as the merger would vote it; the merger moves
                // the report when it joins other reports and writes only the slots that change.
                let dated = meeting.date != nil || meeting.dateText != nil
                try DirectStatement(db, sql: """
                    INSERT INTO meetings (name, kind, city, venue, country, date, date_text, date_precision, status, convener_id,
                        topic, participant_count, block_key, report_count, source_count)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1)
                    """).execute(
                        .text(meeting.name), .text(meeting.kind.rawValue), .text(meeting.city), .text(meeting.venue),
                        .text(meeting.country), .text(meeting.date), .text(meeting.dateText),
                        .text(dated ? meeting.datePrecision.rawValue : DatePrecision.unknown.rawValue), .text(meeting.status.rawValue),
                        .integer(convenerID), .text(meeting.topic), .integer(meeting.participantCount), .text(blockKey))
                report.meetingID = db.lastInsertedRowID
            }
            try DirectStatement(db, sql: """
                INSERT INTO meeting_reports (source_id, meeting_id, ordinal, kind, name, city, venue, country, date, date_text,
                    date_precision, status, convener_id, topic, participant_count, block_key, published, merge_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(
                    .integer(sourceID), .integer(report.meetingID), .integer(ordinal), .text(meeting.kind.rawValue), .text(meeting.name),
                    .text(meeting.city), .text(meeting.venue), .text(meeting.country), .text(meeting.date), .text(meeting.dateText),
                    .text(meeting.datePrecision.rawValue), .text(meeting.status.rawValue), .integer(convenerID), .text(meeting.topic),
                    .integer(meeting.participantCount), .text(blockKey), .text(extraction.document.metadata.published),
                    .text(mergeReason))
            report.id = db.lastInsertedRowID
            meetingReportIDs[ordinal] = report.id
            reportIDs.append(report.id)
            for evidence in meeting.evidence { try insertEvidence(evidence, subject: .meetingReport(report.id)) }
            var roleIDs: [String: Int64] = [:]
            for (participantID, role) in roles {
                let roleKey = "\(participantID)|\(role.role.rawValue)"
                if roleIDs[roleKey] == nil {
                    try insertMeetingParticipant.execute(.integer(report.meetingID), .integer(report.id), .integer(participantID),
                                                         .text(role.role.rawValue))
                    roleIDs[roleKey] = db.lastInsertedRowID
                }
                try insertEvidence(role.evidence, subject: .meetingParticipant(roleIDs[roleKey]!))
            }
            // The merge weighs each report by its evidence rows, this one's included.
            try flushEvidence()
            switch placement {
            case .alone: break
            case .join(let join): try merger?.finishJoin(report, join)
            case .regroup(let block): if let merger { moved.formUnion(try merger.regroup(report, block: block)) }
            }
        }
        return (reportIDs, moved)
    }

    /// Inserts each proposal as a report of the proposal with its merge key; returns (proposal id, report id) pairs.
    mutating func insertProposals() throws -> [(proposal: Int64, report: Int64)] {
        var inserted: [(proposal: Int64, report: Int64)] = []
        var stances: [StanceKey: Int] = [:]
        let merger = ProposalMerger(db: db)
        for (ordinal, proposal) in extraction.proposals.enumerated() {
            let mergeKey = prepared.proposalMergeKeys[ordinal]
            let proposalID = try merger.proposalID(mergeKey: mergeKey, summary: proposal.summary, kind: proposal.kind)
            try DirectStatement(db, sql: """
                INSERT INTO proposal_reports (source_id, proposal_id, meeting_report_id, ordinal, summary, kind, status,
                    conditions, features, challenges, merge_key, source_sha256)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(
                    .integer(sourceID), .integer(proposalID), .integer(proposal.meeting.flatMap { meetingReportIDs[$0] }),
                    .integer(ordinal), .text(proposal.summary), .text(proposal.kind), .text(proposal.status.rawValue),
                    .text(proposal.conditions), .text(proposal.features), .text(proposal.challenges), .text(mergeKey),
                    .text(sourceSHA256))
            let reportID = db.lastInsertedRowID
            inserted.append((proposalID, reportID))
            for evidence in proposal.evidence { try insertEvidence(evidence, subject: .proposalReport(reportID)) }
            var positionIDs: [String: Int64] = [:]
            for position in proposal.positions {
                guard let participantID = participantIDs[position.entity] else { continue }
                let positionKey = "\(participantID)|\(position.stance.rawValue)"
                if positionIDs[positionKey] == nil {
                    try insertProposalPosition.execute(.integer(proposalID), .integer(reportID), .integer(participantID),
                                                       .text(position.stance.rawValue))
                    positionIDs[positionKey] = db.lastInsertedRowID
                    stances[StanceKey(proposal: proposalID, participant: participantID, stance: position.stance.rawValue), default: 0] += 1
                }
                try insertEvidence(position.evidence, subject: .proposalPosition(positionIDs[positionKey]!))
            }
        }
        try flushEvidence()
        try count(reports: inserted, stances: stances)
        return inserted
    }

    /// One proposal, participant and stance: a row of `proposal_stances`.
    struct StanceKey: Hashable, Comparable {
        let proposal: Int64
        let participant: Int64
        let stance: String

        static func < (a: Self, b: Self) -> Bool { (a.proposal, a.participant, a.stance) < (b.proposal, b.participant, b.stance) }
    }

    /// Adds this document's proposal reports and positions to the summaries of migration 0002
    /// (`proposals.report_count`, `source_count`; `proposal_stances`): one statement per proposal
    /// and per stance, where a trigger per row cost several percent of ingest speed. Deleted and
    /// moved claims are counted by triggers.
    private func count(reports: [(proposal: Int64, report: Int64)], stances: [StanceKey: Int]) throws {
        let update = try DirectStatement(db, sql: """
            UPDATE proposals SET report_count = report_count + ?, source_count = source_count + 1 WHERE id = ?
            """)
        for (proposalID, group) in Dictionary(grouping: reports, by: \.proposal).sorted(by: { $0.key < $1.key }) {
            try update.execute(.integer(group.count), .integer(proposalID))
        }
        let merger = ProposalMerger(db: db)
        for (key, positions) in stances.sorted(by: { $0.key < $1.key }) {
            try merger.countStance(proposalID: key.proposal, participantID: key.participant, stance: key.stance, positions: positions)
        }
    }

    /// The row an evidence row supports.
    enum EvidenceSubject {
        case participant(Int64), meetingReport(Int64), meetingParticipant(Int64), proposalReport(Int64), proposalPosition(Int64)
    }

    /// Most bytes of sentence an evidence row points at, on each side of its span.
    static let sentenceContextBytes = 1_000

    /// The part of `sentence` an evidence row gives as its sentence: the sentence widened to
    /// cover `span`, cut to ``sentenceContextBytes`` on each side of the span (on character
    /// boundaries). Without the cut, a 10 MB "sentence" (a page without punctuation) with
    /// thousands of spans in it made every reader of those rows cut and show the 10 MB.
    static func sentenceWindow(_ sentence: TextRange, around span: TextRange, in bytes: [UInt8]) -> TextRange {
        let clampedSpan = TextRange(min(max(span.lowerBound, 0), bytes.count), min(max(span.upperBound, 0), bytes.count))
        var lower = max(min(sentence.lowerBound, clampedSpan.lowerBound), clampedSpan.lowerBound - sentenceContextBytes, 0)
        var upper = min(max(sentence.upperBound, clampedSpan.upperBound), clampedSpan.upperBound + sentenceContextBytes, bytes.count)
        while lower > 0, bytes[lower] & 0xC0 == 0x80 { lower -= 1 }
        while upper < bytes.count, bytes[upper] & 0xC0 == 0x80 { upper += 1 }
        return TextRange(lower, upper)
    }

    /// Writes one evidence row, with its span and its sentence's bounds in code points of
    /// `sources.text` (readers cut the sentence out of the text; migration 0005).
    ///
    /// A span outside its sentence widens the stored sentence bounds to cover it, and a
    /// span past the end of the text is clamped, so a sloppy extractor rule can never
    /// make a whole document fail.
    private mutating func insertEvidence(_ evidence: Evidence, subject: EvidenceSubject) throws {
        let document = extraction.document
        let start = offsets.codePoint(atByte: evidence.range.lowerBound)
        let end = offsets.codePoint(atByte: evidence.range.upperBound)
        var sentenceStart = start, sentenceEnd = end
        if document.sentences.indices.contains(evidence.sentence) {
            let window = Self.sentenceWindow(document.sentences[evidence.sentence].range, around: evidence.range, in: document.bytes)
            sentenceStart = offsets.codePoint(atByte: window.lowerBound)
            sentenceEnd = offsets.codePoint(atByte: window.upperBound)
        }
        var ids: [SQLiteValue] = [.null, .null, .null, .null, .null]
        switch subject {
        case .participant(let id): ids[0] = .integer(id)
        case .meetingReport(let id): ids[1] = .integer(id)
        case .meetingParticipant(let id): ids[2] = .integer(id)
        case .proposalReport(let id): ids[3] = .integer(id)
        case .proposalPosition(let id): ids[4] = .integer(id)
        }
        let confidence = evidence.confidence.isNaN ? 0 : min(max(evidence.confidence, 0), 1)
        pendingEvidence.append(.integer(sourceID))
        pendingEvidence.append(contentsOf: ids)
        pendingEvidence.append(contentsOf: [.text(evidence.slot), .text(evidence.value), .integer(start), .integer(end),
                                            .integer(sentenceStart), .integer(sentenceEnd), .text(evidence.extractor),
                                            .real(confidence)])
        if pendingEvidence.count == SourceStore.evidenceRowsPerInsert * Self.evidenceColumns { try flushEvidence() }
    }

    /// Values per evidence row in ``pendingEvidence``.
    static let evidenceColumns = 14

    /// `INSERT INTO evidence` of `rows` rows, for `rows` from 1 to ``SourceStore/evidenceRowsPerInsert`` (index 0 unused).
    private static let insertEvidenceSQL: [String] = (0...SourceStore.evidenceRowsPerInsert).map { rows in
        let row = "(" + Array(repeating: "?", count: evidenceColumns).joined(separator: ", ") + ")"
        return """
            INSERT INTO evidence (source_id, participant_id, meeting_report_id, meeting_participant_id, proposal_report_id,
                proposal_position_id, slot, value, start, end, sentence_start, sentence_end, extractor, confidence)
            VALUES \(Array(repeating: row, count: rows).joined(separator: ", "))
            """
    }

    /// Writes the evidence rows ``insertEvidence(_:subject:)`` left waiting, in order, up to
    /// ``SourceStore/evidenceRowsPerInsert`` to a statement, so their ids are those one INSERT each would
    /// give. Every step that stores evidence calls it before it returns, and a meeting report's
    /// rows are written before the merge reads them.
    mutating func flushEvidence() throws {
        guard !pendingEvidence.isEmpty else { return }
        let rows = pendingEvidence.count / Self.evidenceColumns
        try DirectStatement(db, sql: Self.insertEvidenceSQL[rows]).execute(pendingEvidence)
        pendingEvidence.removeAll(keepingCapacity: true)
    }

    /// Whether every evidence row given so far is written.
    var evidenceIsWritten: Bool { pendingEvidence.isEmpty }
}
