/// A trie over folded tokens: finds the longest listed phrase starting at a token,
/// in time bounded by the phrase length (not by the number of phrases).
struct PhraseTrie<Payload: Sendable>: Sendable {
    private struct Node: Sendable {
        var children: [String: Int] = [:]
        var payloads: [Payload] = []
    }

    private var nodes: [Node] = [Node()]

    /// Adds a phrase given as folded tokens.
    mutating func insert(_ phrase: [String], _ payload: Payload) {
        guard !phrase.isEmpty else { return }
        var node = 0
        for word in phrase {
            if let next = nodes[node].children[word] {
                node = next
            } else {
                nodes.append(Node())
                nodes[node].children[word] = nodes.count - 1
                node = nodes.count - 1
            }
        }
        nodes[node].payloads.append(payload)
    }

    /// The longest phrase starting at `start` among `tokens[start..<end]`, as its length
    /// in tokens and its payloads. `accept` can reject a payload (then shorter phrases are tried).
    func longestMatch(_ tokens: [Token], from start: Int, to end: Int,
                      accept: (Payload, Range<Int>) -> Bool = { _, _ in true }) -> (length: Int, payloads: [Payload])? {
        var node = 0
        var best: (Int, [Payload])?
        var i = start
        while i < end, let next = nodes[node].children[tokens[i].folded] {
            node = next
            i += 1
            let accepted = nodes[node].payloads.filter { accept($0, start..<i) }
            if !accepted.isEmpty { best = (i - start, accepted) }
        }
        return best.map { (length: $0.0, payloads: $0.1) }
    }

    /// Every listed phrase starting at `start`, shortest first, as (length in tokens, payloads).
    func allMatches(_ tokens: [Token], from start: Int, to end: Int) -> [(length: Int, payloads: [Payload])] {
        var node = 0
        var found: [(length: Int, payloads: [Payload])] = []
        var i = start
        while i < end, let next = nodes[node].children[tokens[i].folded] {
            node = next
            i += 1
            if !nodes[node].payloads.isEmpty { found.append((i - start, nodes[node].payloads)) }
        }
        return found
    }

    /// Whether the phrase is listed.
    func contains(_ phrase: [String]) -> Bool {
        var node = 0
        for word in phrase {
            guard let next = nodes[node].children[word] else { return false }
            node = next
        }
        return !nodes[node].payloads.isEmpty
    }
}

/// Splits a phrase written in a data file into folded tokens, the way documents are tokenized.
func foldedTokens(_ phrase: String) -> [String] {
    Document(text: phrase).tokens.map(\.folded)
}
