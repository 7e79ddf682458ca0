import Foundation

// STUB: the ingest API signature; the body is written by the foundation work (issue 2).

/// Settings for one ingest run.
public struct IngestOptions: Sendable {
    /// Documents larger than this many bytes are refused.
    public var maxDocumentBytes: Int
    /// Extra lexicon files (paths) layered over the built-in lexicon.
    public var lexiconPaths: [String]

    public init(maxDocumentBytes: Int = 64 << 20, lexiconPaths: [String] = []) {
        self.maxDocumentBytes = maxDocumentBytes
        self.lexiconPaths = lexiconPaths
    }
}

/// What happened to one input document.
public enum IngestOutcome: Sendable, Hashable {
    case ingested
    case unchanged
    case replaced
    case failed(reason: String)
}

/// The result of an ingest run: one outcome per document, in input order.
public struct IngestReport: Sendable {
    public var outcomes: [(path: String, outcome: IngestOutcome)]
    public init(outcomes: [(path: String, outcome: IngestOutcome)] = []) { self.outcomes = outcomes }

    public var ingested: Int { outcomes.filter { $0.outcome == .ingested }.count }
    public var unchanged: Int { outcomes.filter { $0.outcome == .unchanged }.count }
    public var replaced: Int { outcomes.filter { $0.outcome == .replaced }.count }
    public var failed: Int { outcomes.filter { if case .failed = $0.outcome { return true } else { return false } }.count }
}

extension KnowledgeBase {
    /// Ingests files, folders (recursively) and `-` (standard input).
    public func ingest(_ inputs: [String], options: IngestOptions = IngestOptions(),
                       progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> IngestReport {
        IngestReport()
    }

    /// Ingests one in-memory document under `path`, as if read from a file.
    public func ingest(text: String, path: String, metadata: ArticleMetadata = ArticleMetadata(),
                       options: IngestOptions = IngestOptions()) throws -> IngestOutcome {
        .failed(reason: "not implemented")
    }
}
