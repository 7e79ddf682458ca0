/// Metadata an article carries besides its body: from YAML-style front matter,
/// a sidecar file, or detected in the text (title, byline).
public struct ArticleMetadata: Hashable, Sendable, Codable {
    public var title: String?
    public var author: String?
    public var publisher: String?
    public var url: String?
    /// Publication date as ISO `YYYY-MM-DD`; anchors relative dates ("on Monday").
    public var published: String?

    public init(title: String? = nil, author: String? = nil, publisher: String? = nil,
                url: String? = nil, published: String? = nil) {
        self.title = title
        self.author = author
        self.publisher = publisher
        self.url = url
        self.published = published
    }

    /// Fills every field that is nil here with the value from `other`.
    public func filling(from other: ArticleMetadata) -> ArticleMetadata {
        ArticleMetadata(title: title ?? other.title, author: author ?? other.author,
                        publisher: publisher ?? other.publisher, url: url ?? other.url,
                        published: published ?? other.published)
    }
}

/// The result of normalization: clean body text plus what was learned about the article.
///
/// `text` holds one paragraph per line group: paragraphs are separated by a blank
/// line (`"\n\n"`), and never contain a newline themselves.
public struct NormalizedArticle: Hashable, Sendable {
    /// The normalized body (NFC, `\n` line endings, boilerplate and repeats removed).
    public var text: String
    /// Metadata from front matter or sidecar, completed with the detected title and byline.
    public var metadata: ArticleMetadata
    /// The place of a dateline such as `Paris – President ...`, when the body opens with one.
    public var dateline: String?

    public init(text: String, metadata: ArticleMetadata, dateline: String? = nil) {
        self.text = text
        self.metadata = metadata
        self.dateline = dateline
    }
}
