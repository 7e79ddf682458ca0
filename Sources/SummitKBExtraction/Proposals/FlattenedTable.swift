/// A table that scraping flattened into lines: a header line of 2-5 column labels, then
/// one line per row.
///
/// Cells come from separators when the header has them (`|`, a tab, or two or more
/// spaces), otherwise from capitalization: a cell starts at a capitalized word, best where
/// a lower-case run ends before it or lower-case words follow it, and never after a
/// function word ("between | Ukraine" is not a cell boundary).
struct FlattenedTable: Hashable, Sendable {
    /// One row: its cells in column order (the first is the row label).
    struct Row: Hashable, Sendable {
        var cells: [String]
        var paragraph: Int
    }

    var labels: [String]
    var rows: [Row]
    /// Paragraph index of the header line.
    var headerParagraph: Int
}

/// Finds flattened tables in a document.
struct FlattenedTableRecognizer {
    let document: Document
    let terms: ProposalTerms
    /// How many paragraphs before a header are searched for a table cue.
    static let cueWindow = 2
    static let maxLabels = 5
    static let maxRowTokens = 40

    private enum Separator: Equatable {
        case pipe, tab, spaces
    }

    /// Every table with at least two rows whose header or lead-in names proposals.
    func tables() -> [FlattenedTable] {
        let byParagraph = paragraphTokens()
        var tables: [FlattenedTable] = []
        var p = 0
        while p < document.paragraphs.count {
            if let table = table(at: p, byParagraph), table.rows.count >= 2, hasCue(table, byParagraph) {
                tables.append(table)
                p = table.rows.last!.paragraph + 1
            } else {
                p += 1
            }
        }
        return tables
    }

    /// Token ranges of each paragraph.
    private func paragraphTokens() -> [Range<Int>] {
        var ranges = Array(repeating: 0..<0, count: document.paragraphs.count)
        for sentence in document.sentences {
            let current = ranges[sentence.paragraph]
            ranges[sentence.paragraph] = current.isEmpty ? sentence.tokens : current.lowerBound..<sentence.tokens.upperBound
        }
        return ranges
    }

    private func table(at p: Int, _ byParagraph: [Range<Int>]) -> FlattenedTable? {
        if let separator = separator(in: document.paragraphs[p]) {
            let line = document.string(document.paragraphs[p])
            let labels = split(line, separator)
            guard (2...Self.maxLabels).contains(labels.count),
                  labels.allSatisfy({ $0.first?.isUppercase == true && !$0.hasSuffix(".") && $0.split(separator: " ").count <= 4 })
            else { return nil }
            var rows: [FlattenedTable.Row] = []
            var q = p + 1
            while q < document.paragraphs.count {
                let text = document.string(document.paragraphs[q])
                if separator == .pipe, text.allSatisfy({ "|-: ".contains($0) }) { q += 1; continue }   // markdown rule line
                guard self.separator(in: document.paragraphs[q]) == separator else { break }
                let cells = split(text, separator)
                guard cells.count == labels.count else { break }
                rows.append(FlattenedTable.Row(cells: cells, paragraph: q))
                q += 1
            }
            return FlattenedTable(labels: labels, rows: rows, headerParagraph: p)
        }
        let header = byParagraph[p]
        guard let labels = flatLabels(header) else { return nil }
        var rows: [FlattenedTable.Row] = []
        var q = p + 1
        while q < document.paragraphs.count, separator(in: document.paragraphs[q]) == nil,
              let cells = flatCells(byParagraph[q], count: labels.count) {
            rows.append(FlattenedTable.Row(cells: cells.map { document.string(tokens: $0) }, paragraph: q))
            q += 1
        }
        return FlattenedTable(labels: labels.map { document.string(tokens: $0) }, rows: rows, headerParagraph: p)
    }

    /// The separator a paragraph uses, if any, found by scanning its bytes.
    private func separator(in range: TextRange) -> Separator? {
        var hasTab = false, hasDoubleSpace = false
        let bytes = document.bytes
        for i in range.lowerBound..<range.upperBound {
            switch bytes[i] {
            case UInt8(ascii: "|"): return .pipe
            case UInt8(ascii: "\t"): hasTab = true
            case UInt8(ascii: " ") where i + 1 < range.upperBound && bytes[i + 1] == UInt8(ascii: " "): hasDoubleSpace = true
            default: break
            }
        }
        return hasTab ? .tab : hasDoubleSpace ? .spaces : nil
    }

    private func split(_ line: String, _ separator: Separator) -> [String] {
        let parts: [Substring]
        switch separator {
        case .pipe: parts = line.split(separator: "|", omittingEmptySubsequences: false)
        case .tab: parts = line.split(separator: "\t", omittingEmptySubsequences: false)
        case .spaces:
            var pieces: [Substring] = []
            var start = line.startIndex
            var i = line.startIndex
            while i < line.endIndex {
                if line[i] == " ", line.index(after: i) < line.endIndex, line[line.index(after: i)] == " " {
                    pieces.append(line[start..<i])
                    while i < line.endIndex, line[i] == " " { i = line.index(after: i) }
                    start = i
                } else {
                    i = line.index(after: i)
                }
            }
            pieces.append(line[start...])
            parts = pieces
        }
        var cells = parts.map { $0.trimmingSpaces() }
        if separator == .pipe {
            if cells.first == "" { cells.removeFirst() }
            if cells.last == "" { cells.removeLast() }
        }
        return cells
    }

    /// Column labels of a header line without separators: all words capitalized, known
    /// multiword labels kept whole (longest first), other words one label each.
    private func flatLabels(_ range: Range<Int>) -> [Range<Int>]? {
        let tokens = document.tokens
        guard range.count >= 2, range.count <= 12 else { return nil }
        for i in range {
            let token = tokens[i]
            if token.kind == .word, token.isCapitalized { continue }
            if token.kind == .punctuation, ["&", "/", "-"].contains(token.folded) { continue }
            if token.kind == .word, ["and", "of"].contains(token.folded) { continue }
            return nil
        }
        var labels: [Range<Int>] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let length = terms.match([.column], in: tokens, at: i, end: range.upperBound)?.length ?? 1
            var end = i + length
            // Connectors join the label before and after ("Costs & Risks").
            while end + 1 < range.upperBound, tokens[end].kind == .punctuation || !tokens[end].isCapitalized { end += 2 }
            labels.append(i..<min(end, range.upperBound))
            i = end
        }
        return (2...Self.maxLabels).contains(labels.count) ? labels : nil
    }

    /// Cells of a row line without separators, by the best-scoring capitalized boundaries.
    private func flatCells(_ range: Range<Int>, count: Int) -> [Range<Int>]? {
        let tokens = document.tokens
        guard range.count >= count, range.count <= Self.maxRowTokens, tokens[range.lowerBound].isCapitalized,
              let last = range.last, ![".", "?", "!", ":"].contains(tokens[last].folded) else { return nil }
        // Candidate boundaries with their scores.
        var candidates: [(index: Int, score: Int)] = []
        for i in (range.lowerBound + 1)..<range.upperBound where tokens[i].kind == .word && tokens[i].isCapitalized {
            let previous = tokens[i - 1]
            if previous.kind == .punctuation || terms.isWord(.function, previous.folded) { continue }
            var score = 0
            if !previous.isCapitalized { score += 1 }
            var next = i + 1
            if next + 1 < range.upperBound, tokens[next].folded == "-", tokens[next].range.lowerBound == tokens[i].range.upperBound {
                next += 2   // a hyphenated word: look past it
            }
            if next < range.upperBound {
                let token = tokens[next]
                if (token.kind == .word && !token.isCapitalized) || [";", ","].contains(token.folded) { score += 2 }
            }
            candidates.append((i, score))
        }
        guard candidates.count >= count - 1 else { return nil }
        // Best choice of count-1 boundaries in order: a small dynamic program.
        let k = count - 1
        var best = Array(repeating: Array(repeating: Int.min, count: k + 1), count: candidates.count + 1)
        var choice = Array(repeating: Array(repeating: false, count: k + 1), count: candidates.count + 1)
        for c in 0...candidates.count { best[c][0] = 0 }
        if k > 0 {
            for c in 1...candidates.count {
                for j in 1...k {
                    best[c][j] = best[c - 1][j]
                    if best[c - 1][j - 1] != Int.min, candidates[c - 1].score >= 1,
                       best[c - 1][j - 1] + candidates[c - 1].score > best[c][j] {
                        best[c][j] = best[c - 1][j - 1] + candidates[c - 1].score
                        choice[c][j] = true
                    }
                }
            }
        }
        guard best[candidates.count][k] != Int.min else { return nil }
        var boundaries: [Int] = []
        var c = candidates.count, j = k
        while j > 0 {
            if choice[c][j] { boundaries.append(candidates[c - 1].index); j -= 1 }
            c -= 1
        }
        let starts = [range.lowerBound] + boundaries.reversed()
        return starts.enumerated().map { position, start in
            start..<(position + 1 < starts.count ? starts[position + 1] : range.upperBound)
        }
    }

    /// Whether the header labels or the lines just before the header name proposals.
    private func hasCue(_ table: FlattenedTable, _ byParagraph: [Range<Int>]) -> Bool {
        let tokens = document.tokens
        func cued(_ range: Range<Int>) -> Bool {
            range.contains { terms.match([.tableCue], in: tokens, at: $0, end: range.upperBound) != nil }
        }
        if table.labels.contains(where: { label in foldedTokens(label).contains { terms.isWord(.tableCue, $0) } }) { return true }
        let first = max(0, table.headerParagraph - Self.cueWindow)
        return (first..<table.headerParagraph).contains { cued(byParagraph[$0]) }
    }
}
