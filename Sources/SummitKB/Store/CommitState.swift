import GRDB

/// What the documents written in one transaction share, and the work they leave to its end.
///
/// ```swift
/// try kb.writer.write { db in
///     let store = SourceStore(db: db)       // one CommitState for the whole transaction
///     for (path, content, prepared) in documents {
///         _ = try store.store(path: path, content: content) { prepared }
///     }
///     try store.finishCommit()              // counts, recounts, corrections, text index
/// }
/// ```
///
/// Most articles name the same participants and repeat the same popular proposals, so the
/// work a document leaves on rows other documents share is done once per commit:
/// - a proposal a report can move a winner of is recounted when the commit ends, not after
///   each document (that re-read its voting sample hundreds of times per commit, a tenth of
///   ingest time). Nothing in between reads a proposal's merged slots except the writer's own
///   check of whether a report can move them, and that check only runs on proposals not
///   already waiting for a recount, whose slots are therefore up to date;
/// - the mentions a document adds to a participant row the commit already wrote are added
///   to its counts when the commit ends. The counts are only ever added to or subtracted
///   from (triggers subtract deleted mentions), so the order does not matter.
final class CommitState {
    /// Participant rows already written in this transaction.
    let participantRows = ParticipantRowCache()
    /// People's meeting links, loaded once for the transaction.
    let meetingLinks = MeetingLinkCache()
    /// Proposals to recount whole (slots, meeting and merge reasons) before the commit.
    private(set) var proposalsToRefresh: Set<Int64> = []
    /// Proposals that got reports which move no winner: only their merge reasons may change.
    private var proposalsToExplain: Set<Int64> = []
    /// Mentions and sources to add to participant rows, by participant id.
    private var participantCounts: [Int64: (mentions: Int, sources: Int)] = [:]

    /// Forgets the cached rows: a replaced source, a rolled-back document or people's
    /// corrections may have removed or changed them. Proposals waiting for a recount stay:
    /// recounting any proposal id, even one rolled back or deleted since, leaves it as
    /// its reports say.
    func forgetCachedRows() {
        participantRows.reset()
        meetingLinks.reset()
    }

    /// Schedules a whole recount of each proposal.
    func refresh(proposals: some Sequence<Int64>) { proposalsToRefresh.formUnion(proposals) }

    /// Schedules the merge reasons of a proposal that got a report moving none of its winners.
    func explain(proposalID: Int64) { proposalsToExplain.insert(proposalID) }

    /// Takes what a document left for the commit to count: its mentions of participant rows
    /// the transaction already wrote, one source each, and the participants it deleted, whose
    /// counts went with them (their ids may be given to new rows). Called once the document
    /// is stored, so that a document rolled back to its savepoint leaves nothing here.
    func documentStored(mentionsOfKnownParticipants mentions: [Int64: Int], removedParticipants: some Sequence<Int64>) {
        for id in removedParticipants { participantCounts[id] = nil }
        for (id, count) in mentions {
            let counted = participantCounts[id] ?? (0, 0)
            participantCounts[id] = (counted.mentions + count, counted.sources + 1)
        }
    }

    /// Adds the participant counts the documents left, one statement per participant.
    func writeParticipantCounts(_ db: Database) throws {
        let update = try DirectStatement(db, sql: """
            UPDATE participants SET mention_count = mention_count + ?, source_count = source_count + ? WHERE id = ?
            """)
        for (id, counts) in participantCounts.sorted(by: { $0.key < $1.key }) {
            try update.execute(.integer(counts.mentions), .integer(counts.sources), .integer(id))
        }
        participantCounts.removeAll(keepingCapacity: true)
    }

    /// Does the proposal work the documents left, in id order so that the result never
    /// depends on hashing, and starts afresh.
    func finishProposals(_ merger: ProposalMerger) throws {
        for proposalID in proposalsToRefresh.sorted() { try merger.refresh(proposalID: proposalID) }
        for proposalID in proposalsToExplain.subtracting(proposalsToRefresh).sorted() {
            try merger.explain(proposalID: proposalID)
        }
        proposalsToRefresh.removeAll(keepingCapacity: true)
        proposalsToExplain.removeAll(keepingCapacity: true)
    }
}
