/// The resources every stage needs: lexicons and pattern files, loaded and validated.
///
/// ```swift
/// var resources = try ExtractionResources.builtIn()
/// try resources.addLexicon(named: "mine.tsv", text: myText)   // user entries on top
/// let pipeline = ExtractionPipeline(resources: resources)
/// ```
public struct ExtractionResources: Sendable {
    /// Bumped whenever extraction output changes, so the store can tell stale sources.
    public static let extractorVersion = "summitkb-extract/3"

    public var lexicon: Lexicon
    public var titles: TitleLexicon
    public var boilerplate: BoilerplateRules
    public var meetingTerms: MeetingTerms
    public var proposalTerms: ProposalTerms

    public init(lexicon: Lexicon, titles: TitleLexicon, boilerplate: BoilerplateRules,
                meetingTerms: MeetingTerms, proposalTerms: ProposalTerms) {
        self.lexicon = lexicon
        self.titles = titles
        self.boilerplate = boilerplate
        self.meetingTerms = meetingTerms
        self.proposalTerms = proposalTerms
    }

    /// The lexicons and patterns shipped inside the library.
    ///
    /// - Throws: ``DataFileError`` if a shipped file is malformed (a build defect).
    public static func builtIn() throws -> ExtractionResources {
        ExtractionResources(
            lexicon: try Lexicon(name: "default", text: BuiltInData.text(.entities)),
            titles: try TitleLexicon(name: "titles", text: BuiltInData.text(.titles)),
            boilerplate: try BoilerplateRules(name: "boilerplate", text: BuiltInData.text(.boilerplate)),
            meetingTerms: try MeetingTerms(name: "meeting-terms", text: BuiltInData.text(.meetingTerms)),
            proposalTerms: try ProposalTerms(name: "proposal-terms", text: BuiltInData.text(.proposalTerms)))
    }

    /// Adds a user lexicon (same format as the built-in `entities.tsv`) on top of the current one.
    public mutating func addLexicon(named name: String, text: String) throws {
        lexicon = try lexicon.adding(Lexicon(name: name, text: text))
    }
}

/// The data files embedded in the library.
public enum BuiltInData: String, CaseIterable, Sendable {
    case entities, titles, boilerplate, meetingTerms = "meeting-terms", proposalTerms = "proposal-terms"

    /// The file's text.
    public static func text(_ file: BuiltInData) -> String {
        let bytes: [UInt8]
        switch file {
        case .entities: bytes = PackageResources.entities_tsv
        case .titles: bytes = PackageResources.titles_tsv
        case .boilerplate: bytes = PackageResources.boilerplate_tsv
        case .meetingTerms: bytes = PackageResources.meeting_terms_tsv
        case .proposalTerms: bytes = PackageResources.proposal_terms_tsv
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Runs the extraction stages in order on one article:
/// normalize → segment → tag entities → find meetings → find proposals.
///
/// ```swift
/// let pipeline = ExtractionPipeline(resources: try .builtIn())
/// let result = pipeline.extract(raw: articleText)
/// for meeting in result.meetings { print(meeting.name, meeting.city ?? "-") }
/// ```
/// Resolving against the knowledge base and merging across sources happen in the store.
public struct ExtractionPipeline: Sendable {
    public let resources: ExtractionResources

    public init(resources: ExtractionResources) {
        self.resources = resources
    }

    /// Normalizes raw article text (with optional metadata from a sidecar) and extracts from it.
    public func extract(raw: String, metadata: ArticleMetadata = ArticleMetadata()) -> ExtractionResult {
        extract(Normalizer(rules: resources.boilerplate).normalize(raw, metadata: metadata))
    }

    /// Extracts from an already normalized article.
    public func extract(_ article: NormalizedArticle) -> ExtractionResult {
        let document = Document(article)
        let tagging = EntityTagger(lexicon: resources.lexicon, titles: resources.titles).tag(document)
        let meetings = MeetingFinder(terms: resources.meetingTerms).find(in: document, tagging: tagging)
        let proposals = ProposalFinder(terms: resources.proposalTerms).find(in: document, tagging: tagging, meetings: meetings)
        return ExtractionResult(document: document, entities: tagging.entities, mentions: tagging.mentions,
                                meetings: meetings, proposals: proposals).droppingIdleGroups()
    }
}

extension ExtractionResult {
    /// Groups ("Western allies", "European leaders") are participants only where they take
    /// part in a meeting or hold a position; elsewhere they are description, not actors.
    func droppingIdleGroups() -> ExtractionResult {
        let active = Set(meetings.flatMap { $0.participants.map(\.entity) } + meetings.compactMap(\.convener)
                         + proposals.flatMap { $0.positions.map(\.entity) })
        let idle = Set(entities.filter { $0.kind == .group && !active.contains($0.key) }.map(\.key))
        guard !idle.isEmpty else { return self }
        var result = self
        result.entities.removeAll { idle.contains($0.key) }
        result.mentions.removeAll { idle.contains($0.entity) }
        return result
    }
}
