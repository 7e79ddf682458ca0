/// A trie over folded tokens: finds the longest listed phrase starting at a token,
/// in time bounded by the phrase length (not by the number of phrases).
struct PhraseTrie<Payload: Sendable>: Sendable {
    /// The payloads of the phrase ending at each node; node 0 is the root.
    private var payloads: [[Payload]] = [[]]
    /// Every edge, keyed by the node it leaves and the word it reads, to the node it reaches.
    private var edges = FoldedWordTable<Int32>()

    private func child(of node: Int, _ word: String) -> Int? {
        edges[word, key: Int32(node)].map(Int.init)
    }

    /// Adds a phrase given as folded tokens.
    mutating func insert(_ phrase: [String], _ payload: Payload) {
        guard !phrase.isEmpty else { return }
        var node = 0
        for word in phrase {
            if let next = child(of: node, word) {
                node = next
            } else {
                payloads.append([])
                edges.set(Int32(payloads.count - 1), for: word, key: Int32(node))
                node = payloads.count - 1
            }
        }
        payloads[node].append(payload)
    }

    /// The longest phrase starting at `start` among `tokens[start..<end]`, as its length
    /// in tokens and its payloads. `accept` can reject a payload (then shorter phrases are tried).
    func longestMatch(_ tokens: [Token], from start: Int, to end: Int,
                      accept: (Payload, Range<Int>) -> Bool = { _, _ in true }) -> (length: Int, payloads: [Payload])? {
        var node = 0
        var best: (Int, [Payload])?
        var i = start
        while i < end, let next = child(of: node, tokens[i].folded) {
            node = next
            i += 1
            let accepted = payloads[node].filter { accept($0, start..<i) }
            if !accepted.isEmpty { best = (i - start, accepted) }
        }
        return best.map { (length: $0.0, payloads: $0.1) }
    }

    /// Every listed phrase starting at `start`, shortest first, as (length in tokens, payloads).
    func allMatches(_ tokens: [Token], from start: Int, to end: Int) -> [(length: Int, payloads: [Payload])] {
        var node = 0
        var found: [(length: Int, payloads: [Payload])] = []
        var i = start
        while i < end, let next = child(of: node, tokens[i].folded) {
            node = next
            i += 1
            if !payloads[node].isEmpty { found.append((i - start, payloads[node])) }
        }
        return found
    }

    /// Whether the phrase is listed.
    func contains(_ phrase: [String]) -> Bool {
        var node = 0
        for word in phrase {
            guard let next = child(of: node, word) else { return false }
            node = next
        }
        return !payloads[node].isEmpty
    }
}

/// Splits a phrase written in a data file into folded tokens, the way documents are tokenized.
func foldedTokens(_ phrase: String) -> [String] {
    Document(text: phrase).tokens.map(\.folded)
}
