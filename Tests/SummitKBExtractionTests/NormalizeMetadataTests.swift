import Testing
@testable import SummitKBExtraction

/// Front matter, sidecar metadata and date parsing.
@Suite struct NormalizeMetadataTests {
    let normalizer = Normalizer(rules: try! .builtIn())

    @Test func parsesKeysAndStripsQuotes() {
        let metadata = MetadataParser.parse("""
            # a comment
            Title: "Envoys Meet in Bern"
            author: 'Ann Bell'
            outlet: Example Wire
            url: https://example.org/a?b=c:d
            date: 2024-03-03
            unknown: ignored
            no colon here
            """)
        #expect(metadata == ArticleMetadata(title: "Envoys Meet in Bern", author: "Ann Bell", publisher: "Example Wire",
                                            url: "https://example.org/a?b=c:d", published: "2024-03-03"))
    }

    @Test func publisherAliasesAndFirstValueWins() {
        #expect(MetadataParser.parse("source: A\npublisher: B").publisher == "A")
        #expect(MetadataParser.parse("site: C").publisher == "C")
        #expect(MetadataParser.parse("published: 3 March 2024\ndate: 2020-01-01").published == "2024-03-03")
    }

    @Test(arguments: [
        ("2024-03-03", "2024-03-03"),
        ("2024-03-03T09:30:00Z", "2024-03-03"),
        ("2024/03/03", "2024-03-03"),
        ("3 March 2024", "2024-03-03"),
        ("03 Mar 2024", "2024-03-03"),
        ("March 3, 2024", "2024-03-03"),
        ("Mar. 3 2024", "2024-03-03"),
        ("Sunday, March 3, 2024", "2024-03-03"),
        ("29 February 2024", "2024-02-29"),
    ])
    func acceptedDates(_ written: String, _ iso: String) {
        #expect(MetadataParser.isoDate(written) == iso)
    }

    @Test(arguments: ["29 February 2023", "2024-13-01", "03/03/2024", "yesterday", "March 2024", ""])
    func rejectedDates(_ written: String) {
        #expect(MetadataParser.isoDate(written) == nil)
    }

    @Test func frontMatterIsReadAndRemoved() {
        let raw = "---\ntitle: Envoys Meet in Bern\npublished: March 3, 2024\n---\n# Envoys Meet in Bern\nEnvoys met."
        let article = normalizer.normalize(raw)
        #expect(article.metadata.title == "Envoys Meet in Bern")
        #expect(article.metadata.published == "2024-03-03")
        #expect(article.text == "Envoys met.")
    }

    @Test func frontMatterWithCRLFAndBOM() {
        let article = normalizer.normalize("\u{FEFF}---\r\nauthor: Ann Bell\r\n---\r\nEnvoys met.\r\n")
        #expect(article.metadata.author == "Ann Bell")
        #expect(article.text == "Envoys met.")
    }

    @Test func ruleLinesAroundProseAreNoFrontMatter() {
        let article = normalizer.normalize("---\nEnvoys met in Bern, and talked.\n---\nThey left.")
        #expect(article.metadata == ArticleMetadata())
        #expect(article.text == "Envoys met in Bern, and talked.\n\nThey left.")
    }

    @Test func sidecarFillsWhatFrontMatterLeavesEmpty() {
        let sidecar = MetadataParser.parse("title: Sidecar Title\nurl: https://example.org/x\nauthor: Carl Dorn")
        let raw = "---\ntitle: Front Title\n---\nBy Ann Bell\nEnvoys met."
        let article = normalizer.normalize(raw, metadata: sidecar)
        #expect(article.metadata.title == "Front Title")
        #expect(article.metadata.url == "https://example.org/x")
        #expect(article.metadata.author == "Carl Dorn")   // given metadata wins over a detected byline
        #expect(article.text == "Envoys met.")
    }

    @Test func detectedTitleFillsOnlyWhatIsEmpty() {
        let given = ArticleMetadata(title: "Given Title")
        let article = normalizer.normalize("# Envoys Meet in Bern\nEnvoys met.", metadata: given)
        #expect(article.metadata.title == "Given Title")
        #expect(article.text == "Envoys Meet in Bern\n\nEnvoys met.")
    }
}
