/// Splits normalized text into paragraphs (blank-line separated) and paragraphs
/// into sentences.
enum Segmenter {
    /// Words after which a period does not end a sentence.
    private static let abbreviations: FoldedWordSet = [
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "st", "sen", "rep", "gov",
        "prof", "jr", "sr", "no", "vs", "etc", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
        "inc", "ltd", "co", "corp", "pres", "amb",
    ]

    /// Paragraph ranges: runs of text between blank lines, trimmed; single newlines
    /// inside a run also separate paragraphs (normalized text has one paragraph per line).
    static func paragraphs(in bytes: [UInt8]) -> [TextRange] {
        var result: [TextRange] = []
        var start = 0
        let newline = UInt8(ascii: "\n")
        for i in 0...bytes.count where i == bytes.count || bytes[i] == newline {
            let line = bytes[start..<i].trimmingSpaces()
            if !line.isEmpty { result.append(TextRange(line.startIndex, line.endIndex)) }
            start = i + 1
        }
        return result
    }

    /// Appends the sentences of one paragraph, and its tokens with their sentence index set.
    static func appendSentences(of paragraphTokens: [Token], paragraph: Int, range: TextRange, bytes: [UInt8],
                                sentences: inout [Sentence], tokens: inout [Token]) {
        guard !paragraphTokens.isEmpty else { return }
        var sentenceStartToken = 0
        func close(_ endToken: Int) {
            let first = tokens.count
            for k in sentenceStartToken..<endToken {
                var token = paragraphTokens[k]
                token.sentence = sentences.count
                tokens.append(token)
            }
            let lo = paragraphTokens[sentenceStartToken].range.lowerBound
            let hi = paragraphTokens[endToken - 1].range.upperBound
            sentences.append(Sentence(range: TextRange(lo, hi), paragraph: paragraph, tokens: first..<tokens.count))
            sentenceStartToken = endToken
        }
        var k = 0
        while k < paragraphTokens.count {
            if endsSentence(at: k, paragraphTokens, bytes) {
                var end = k + 1
                // Closing quotes and brackets belong to the sentence they close.
                while end < paragraphTokens.count, isCloser(paragraphTokens[end].folded) { end += 1 }
                if end < paragraphTokens.count { close(end); k = end; continue }
            }
            k += 1
        }
        if sentenceStartToken < paragraphTokens.count { close(paragraphTokens.count) }
    }

    private static func isCloser(_ folded: String) -> Bool {
        folded == "”" || folded == "\"" || folded == "’" || folded == ")" || folded == "'" || folded == "»"
    }

    private static func endsSentence(at k: Int, _ tokens: [Token], _ bytes: [UInt8]) -> Bool {
        let token = tokens[k]
        if token.kind == .word, token.folded.hasSuffix("'s") == false,
           bytes[token.range.upperBound - 1] == UInt8(ascii: "."), token.range.count > 2 {
            // A dotted abbreviation (U.S.) ends a sentence only before a clear sentence start.
            return k + 1 < tokens.count && tokens[k + 1].isCapitalized && isCommonSentenceStart(tokens[k + 1].folded)
        }
        guard token.kind == .punctuation else { return false }
        let mark = token.folded
        guard mark == "." || mark == "!" || mark == "?" || mark == "…" else { return false }
        guard k + 1 < tokens.count else { return true }
        // The next real token must look like a sentence start.
        var n = k + 1
        while n < tokens.count, isCloser(tokens[n].folded) || tokens[n].folded == "“" || tokens[n].folded == "\"" { n += 1 }
        guard n < tokens.count else { return true }
        let next = tokens[n]
        guard next.isCapitalized || next.kind == .number || tokens[k + 1].folded == "“" else { return false }
        if mark == ".", k > 0 {
            let previous = tokens[k - 1]
            if previous.kind == .word, previous.range.upperBound == token.range.lowerBound {
                if abbreviations.contains(previous.folded) { return false }
                if previous.range.count == 1, previous.isCapitalized { return false }   // an initial: "J. Smith"
            }
        }
        return true
    }

    private static func isCommonSentenceStart(_ folded: String) -> Bool {
        ["the", "a", "an", "this", "that", "it", "he", "she", "they", "we", "in", "on", "but", "and", "however",
         "meanwhile", "as", "at", "after", "before", "while"].contains(folded)
    }
}
