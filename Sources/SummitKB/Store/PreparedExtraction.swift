import SummitKBExtraction

/// An extraction together with what the writer derives from it alone (merge keys, folded
/// aliases, mention counts, code-point offsets), computed on the thread that extracted it:
/// ingest has one writer, so every step moved off it is a step the other cores take in parallel.
///
/// ```swift
/// let prepared = PreparedExtraction(pipeline.extract(raw: text))   // on any thread
/// try store.store(path: "a.txt", content: content) { prepared }    // on the writer
/// ```
struct PreparedExtraction: Sendable {
    /// One spelling of an entity (its name or an alias) and its folded form, never empty.
    struct Spelling: Sendable {
        let text: String
        let folded: String
    }

    let result: ExtractionResult
    /// ``ProposalMerger/mergeKey(kind:summary:)`` of each proposal, in order.
    let proposalMergeKeys: [String]
    /// Each entity's name and aliases with their folded forms, in entity order; spellings
    /// that fold to nothing are left out.
    let entitySpellings: [[Spelling]]
    /// How many mentions each entity has in the document, in entity order.
    let entityMentionCounts: [Int]
    /// Code-point offsets of the document's text, for evidence spans.
    let offsets: CodePointOffsets
    /// The document's word tokens.
    let wordCount: Int

    init(_ result: ExtractionResult) {
        self.result = result
        proposalMergeKeys = result.proposals.map { ProposalMerger.mergeKey(kind: $0.kind, summary: $0.summary) }
        entitySpellings = result.entities.map { entity in
            ([entity.name] + entity.aliases).compactMap { spelling in
                let folded = Folding.fold(spelling)
                return folded.isEmpty ? nil : Spelling(text: spelling, folded: folded)
            }
        }
        let mentionCounts = Dictionary(result.mentions.map { ($0.entity, 1) }, uniquingKeysWith: +)
        entityMentionCounts = result.entities.map { mentionCounts[$0.key] ?? 0 }
        offsets = CodePointOffsets(utf8: result.document.bytes)
        wordCount = result.document.tokens.reduce(0) { $1.kind == .word ? $0 + 1 : $0 }
    }
}
