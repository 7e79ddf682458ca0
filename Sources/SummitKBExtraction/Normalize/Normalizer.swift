// STUB: replaced by the normalization work (issue 2).
/// Removes web boilerplate and repeats from scraped article text.
public struct Normalizer: Sendable {
    public let rules: BoilerplateRules
    public init(rules: BoilerplateRules) { self.rules = rules }
    public func normalize(_ raw: String, metadata: ArticleMetadata = ArticleMetadata()) -> NormalizedArticle {
        NormalizedArticle(text: raw, metadata: metadata)
    }
}

/// Boilerplate patterns, loaded from `boilerplate.tsv`.
public struct BoilerplateRules: Sendable {
    public let table: DataTable
    public init(name: String, text: String) throws {
        table = try DataTable(name: name, text: text, format: "summitkb-boilerplate/1", columns: ["x"])
    }
}

/// Parses YAML-style `key: value` metadata (front matter or a sidecar file).
public enum MetadataParser {
    public static func parse(_ text: String) -> ArticleMetadata { ArticleMetadata() }
}
