/// A word, number or punctuation mark in a document.
public struct Token: Hashable, Sendable {
    /// What sort of token this is.
    public enum Kind: UInt8, Hashable, Sendable {
        case word, number, punctuation
    }

    public var range: TextRange
    public var kind: Kind
    /// The first letter is upper case ("Paris", "U.K.", "NATO").
    public var isCapitalized: Bool
    /// Index of the sentence holding the token.
    public var sentence: Int
    /// The folded form used for matching: lower case, no diacritics, no dots (`"U.K."` → `"uk"`).
    public var folded: String
}

/// A sentence: a span of one paragraph and the tokens inside it.
public struct Sentence: Hashable, Sendable {
    public var range: TextRange
    public var paragraph: Int
    public var tokens: Range<Int>
}

/// A normalized article split into paragraphs, sentences and tokens: the input of every
/// extraction stage after normalization.
///
/// ```swift
/// let doc = Document(text: "Macron met Starmer.\n\nThey spoke.")
/// doc.sentences.count            // 2
/// doc.string(doc.tokens[0].range) // "Macron"
/// ```
public struct Document: Sendable {
    public let text: String
    /// `text` as UTF-8 bytes; every ``TextRange`` indexes into this.
    public let bytes: [UInt8]
    public let metadata: ArticleMetadata
    /// Place of the opening dateline, if any.
    public let dateline: String?
    public let paragraphs: [TextRange]
    public let sentences: [Sentence]
    public let tokens: [Token]

    /// Segments and tokenizes normalized text. Paragraphs are separated by blank lines.
    public init(text: String, metadata: ArticleMetadata = ArticleMetadata(), dateline: String? = nil) {
        self.text = text
        self.metadata = metadata
        self.dateline = dateline
        let bytes = Array(text.utf8)
        self.bytes = bytes
        let paragraphs = Segmenter.paragraphs(in: bytes)
        self.paragraphs = paragraphs
        var sentences: [Sentence] = []
        var tokens: [Token] = []
        for (index, paragraph) in paragraphs.enumerated() {
            let paragraphTokens = Tokenizer.tokens(in: bytes, range: paragraph)
            Segmenter.appendSentences(of: paragraphTokens, paragraph: index, range: paragraph,
                                      bytes: bytes, sentences: &sentences, tokens: &tokens)
        }
        self.sentences = sentences
        self.tokens = tokens
    }

    /// Creates a document from the output of normalization.
    public init(_ article: NormalizedArticle) {
        self.init(text: article.text, metadata: article.metadata, dateline: article.dateline)
    }

    /// The text of a byte range.
    public func string(_ range: TextRange) -> String {
        String(decoding: bytes[range.lowerBound..<range.upperBound], as: UTF8.self)
    }

    /// The text of a run of tokens, from the first token's start to the last token's end.
    public func string(tokens range: Range<Int>) -> String {
        guard let first = range.first, let last = range.last else { return "" }
        return string(TextRange(tokens[first].range.lowerBound, tokens[last].range.upperBound))
    }

    /// The byte range covered by a run of tokens.
    public func range(tokens range: Range<Int>) -> TextRange {
        TextRange(tokens[range.lowerBound].range.lowerBound, tokens[range.upperBound - 1].range.upperBound)
    }

    /// The sentence text for a sentence index.
    public func sentenceText(_ index: Int) -> String { string(sentences[index].range) }
}
