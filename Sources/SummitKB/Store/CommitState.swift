import GRDB

/// What the documents written in one transaction share, and the work they leave to its end.
///
/// ```swift
/// try kb.writer.write { db in
///     let store = SourceStore(db: db)            // one CommitState for the whole transaction
///     for (path, content, extraction) in documents { _ = try store.store(path: path, content: content) { extraction } }
///     try store.finishCommit()                   // recounts proposals, applies corrections, indexes the text
/// }
/// ```
///
/// A popular proposal gets a report from most articles. Recounting it after each document
/// that can move one of its winners re-read its voting sample hundreds of times per commit
/// (a tenth of ingest time); it is now recounted once, when the commit ends. Nothing in
/// between reads a proposal's merged slots except the writer's own check of whether a report
/// can move them, and that check only runs on proposals not already waiting for a recount,
/// whose slots are therefore up to date.
final class CommitState {
    /// Participant rows already written in this transaction.
    let participantRows = ParticipantRowCache()
    /// People's meeting links, loaded once for the transaction.
    let meetingLinks = MeetingLinkCache()
    /// Proposals to recount whole (slots, meeting and merge reasons) before the commit.
    private(set) var proposalsToRefresh: Set<Int64> = []
    /// Proposals that got reports which move no winner: only their merge reasons may change.
    private var proposalsToExplain: Set<Int64> = []

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
