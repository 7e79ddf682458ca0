/// What one write transaction already knows about `participants` and `participant_aliases`
/// rows, so that documents after the first replace the full upsert by a count update and
/// skip alias inserts that would change nothing: most articles name the same countries,
/// leaders and organizations.
///
/// The cache only ever describes rows this transaction wrote or read back. Whatever can
/// remove or re-key participants behind its back (a replaced source, people's corrections,
/// a document rolled back to its savepoint) calls ``reset()``.
final class ParticipantRowCache {
    /// A participant row as last written: its id, its name and which optional slots it already fills.
    struct Known {
        var id: Int64
        var name: String
        var hasTitle: Bool
        var hasCountry: Bool
        var hasLexicon: Bool

        /// Whether upserting `entity` could fill a slot this row leaves empty.
        func wouldGain(_ title: String?, _ country: String?, _ lexicon: String?) -> Bool {
            (!hasTitle && title != nil) || (!hasCountry && country != nil) || (!hasLexicon && lexicon != nil)
        }
    }

    private struct Alias: Hashable {
        var participantID: Int64
        var folded: String
    }

    private var participants: [String: Known] = [:]
    private var aliases: Set<Alias> = []

    /// The row known under a resolution key, if this transaction has seen it.
    func participant(key: String) -> Known? { participants[key] }

    func remember(key: String, _ known: Known) { participants[key] = known }

    /// Records an alias; returns false when it was already written in this transaction.
    func insertAlias(participantID: Int64, folded: String) -> Bool {
        aliases.insert(Alias(participantID: participantID, folded: folded)).inserted
    }

    /// Forgets everything: the rows may have changed.
    func reset() {
        participants.removeAll(keepingCapacity: true)
        aliases.removeAll(keepingCapacity: true)
    }
}
