/// A proposal's wording: a short summary built from the object of a cue, its kind, and
/// the content key that tells two mentions of one idea apart from two ideas.
struct ProposalSummary: Hashable, Sendable {
    /// "Deploy peacekeeping troops to Ukraine".
    var text: String
    /// ceasefire, troop deployment, ... or `other` when no keyword is named.
    var kind: String
    /// Folded content words, synonyms unified and plurals dropped.
    var key: Set<String>
    /// The item names a topic of talk ("the future of ...", "Europe's role"), not a proposal.
    var isTopic: Bool

    /// Whether a known kind was named.
    var hasKind: Bool { kind != Self.otherKind }

    static let otherKind = "other"
    /// Longest summary kept, in tokens.
    static let maxTokens = 14
}

/// Builds summaries from token spans of a document.
struct ProposalSummarizer {
    let document: Document
    let terms: ProposalTerms
    var tokens: [Token] { document.tokens }

    /// The summary of `tokens[span]`, or nil when nothing content-bearing is left.
    ///
    /// Quotes and leading determiners go; a lead phrase is dropped or rewritten
    /// ("the need for" → "", "coordination of" → "coordinate"); the text is cut at
    /// ``ProposalSummary/maxTokens`` and trailing function words are trimmed.
    func summarize(_ span: Range<Int>) -> ProposalSummary? {
        var kept = span.filter { !Self.isQuote(tokens[$0]) }
        var replacement: String?
        var changed = true
        while changed, !kept.isEmpty {
            changed = false
            if let lead = leadMatch(kept) {
                kept.removeFirst(lead.length)
                if !lead.value.isEmpty { replacement = lead.value }
                changed = true
            } else if replacement == nil, terms.isWord(.determiner, tokens[kept[0]].folded) {
                kept.removeFirst()
                changed = true
            }
        }
        let isTopic = topicHead(kept)
        if kept.count > ProposalSummary.maxTokens { kept = Array(kept.prefix(ProposalSummary.maxTokens)) }
        while let last = kept.last, tokens[last].kind == .punctuation || terms.isWord(.function, tokens[last].folded)
            || terms.isWord(.modal, tokens[last].folded) {
            kept.removeLast()
        }
        guard kept.contains(where: { tokens[$0].kind != .punctuation && !terms.isWord(.function, tokens[$0].folded) }) else {
            return nil
        }
        var text = render(kept)
        if let replacement { text = replacement + " " + text }
        return ProposalSummary(text: capitalizingFirst(text), kind: kind(of: kept), key: key(of: kept, replacement: replacement),
                               isTopic: isTopic)
    }

    /// The kind named earliest in the tokens.
    func kind(of kept: [Int]) -> String {
        let ordered = kept.sorted()
        for (position, index) in ordered.enumerated() {
            // Match within the kept run only, so dropped words never name a kind.
            var end = index
            var p = position
            while p < ordered.count, ordered[p] == end { end += 1; p += 1 }
            if let match = terms.match([.kind], in: tokens, at: index, end: end) { return match.cue.value }
        }
        return ProposalSummary.otherKind
    }

    /// Content words of the tokens, folded, synonyms unified, plural `s` dropped.
    func key(of kept: [Int], replacement: String?) -> Set<String> {
        var words = kept.map { tokens[$0] }.filter { $0.kind != .punctuation }.map(\.folded)
        if let replacement { words.append(contentsOf: foldedTokens(replacement)) }
        return Set(words.filter { !terms.isWord(.function, $0) && !terms.isWord(.determiner, $0) }.map(keyWord))
    }

    /// One content word as the key spells it.
    func keyWord(_ word: String) -> String {
        let unified = terms.word(.synonym, word)?.value ?? word
        if unified.count > 4, unified.hasSuffix("s"), !unified.hasSuffix("ss") { return String(unified.dropLast()) }
        return unified
    }

    /// The text of kept tokens, spaced as written, with a plain apostrophe in `'s`.
    func render(_ kept: [Int]) -> String {
        var out = ""
        var previousEnd: Int?
        for index in kept {
            let token = tokens[index]
            if let previousEnd, previousEnd != token.range.lowerBound { out += " " }
            out += token.folded == "'s" ? "'s" : document.string(token.range)
            previousEnd = token.range.upperBound
        }
        return out
    }

    /// Sentence case for a table label: words after the first lower-cased unless all capitals.
    func sentenceCase(_ kept: [Int]) -> String {
        var out = ""
        var previousEnd: Int?
        for (position, index) in kept.enumerated() {
            let token = tokens[index]
            if let previousEnd, previousEnd != token.range.lowerBound { out += " " }
            let text = document.string(token.range)
            let allCaps = text.count > 1 && text == text.uppercased()
            out += position == 0 || allCaps ? text : text.lowercased()
            previousEnd = token.range.upperBound
        }
        return out
    }

    private func leadMatch(_ kept: [Int]) -> (length: Int, value: String)? {
        // Lead phrases are matched on the contiguous prefix of kept tokens.
        var end = kept[0]
        for index in kept where index == end { end += 1 }
        return terms.match([.lead], in: tokens, at: kept[0], end: end).map { ($0.length, $0.cue.value) }
    }

    /// Whether the head words (before the first function word) include a topic noun.
    private func topicHead(_ kept: [Int]) -> Bool {
        for index in kept.prefix(4) {
            let word = tokens[index].folded
            if word == "'s" { continue }
            if terms.isWord(.function, word) || tokens[index].kind == .punctuation { return false }
            if terms.isWord(.topic, word) { return true }
        }
        return false
    }

    private func capitalizingFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    static func isQuote(_ token: Token) -> Bool {
        token.kind == .punctuation && ["“", "”", "\"", "‘", "’", "'", "*", "«", "»"].contains(token.folded)
    }
}
