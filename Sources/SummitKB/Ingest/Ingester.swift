import Dispatch
import Foundation
import GRDB

/// Settings for one ingest run.
public struct IngestOptions: Sendable {
    /// Documents larger than this many bytes are refused.
    public var maxDocumentBytes: Int
    /// Extra lexicon files (paths) layered over the built-in lexicon.
    public var lexiconPaths: [String]
    /// How many documents one commit holds (a run's first commits hold fewer: 256, 512, and
    /// so on up to this number). A document is stored whole or not at all either
    /// way (one the schema rejects is rolled back alone); larger groups write each index page
    /// once per group instead of once per document. `1` commits every document.
    public var documentsPerCommit: Int

    public init(maxDocumentBytes: Int = 64 << 20, lexiconPaths: [String] = [], documentsPerCommit: Int = 2048) {
        self.maxDocumentBytes = maxDocumentBytes
        self.lexiconPaths = lexiconPaths
        self.documentsPerCommit = max(1, documentsPerCommit)
    }

    /// Reads and checks the user's lexicons as an ingest would, without touching any
    /// database: a command can refuse a bad `--lexicon` before it creates the database file.
    /// The built-in data files are not loaded again here: they are part of the build.
    ///
    /// - Throws: ``SummitKBError/badDataFile(_:)`` naming the file and the problem.
    public func validate() throws {
        _ = try KnowledgeBase.userLexicons(lexiconPaths)
    }
}

/// What happened to one input document.
public enum IngestOutcome: Sendable, Hashable {
    /// A new source was stored.
    case ingested
    /// A source with the same path and fingerprint exists; nothing was written.
    case unchanged
    /// The source at this path had other content; it and everything derived from it were replaced.
    case replaced
    /// The document was refused or could not be stored; nothing of it was written.
    case failed(reason: String)
}

/// The result of an ingest run: how many documents had each outcome, and the failures.
///
/// It keeps counts and failures only, so that a run over a million files holds no list of
/// them; a caller that wants every document's outcome takes each one from the run's
/// `progress` callback (``IngestProgress``).
public struct IngestReport: Sendable {
    public private(set) var ingested = 0
    public private(set) var unchanged = 0
    public private(set) var replaced = 0
    /// The documents refused or rejected, in input order, with the reason.
    public private(set) var failures: [(path: String, reason: String)] = []

    public var failed: Int { failures.count }
    /// Documents with an outcome.
    public var documents: Int { ingested + unchanged + replaced + failed }

    /// Counts one document's outcome.
    mutating func record(_ outcome: IngestOutcome, path: String) {
        switch outcome {
        case .ingested: ingested += 1
        case .unchanged: unchanged += 1
        case .replaced: replaced += 1
        case .failed(let reason): failures.append((path, reason))
        }
    }

    /// The closing summary line: `ingested 5, unchanged 0, replaced 0, failed 0`.
    public var summary: String {
        "ingested \(ingested), unchanged \(unchanged), replaced \(replaced), failed \(failed)"
    }
}

/// One document's outcome, reported by an ingest run as soon as it is decided.
public struct IngestProgress: Sendable {
    public var path: String
    public var outcome: IngestOutcome
    /// Documents with an outcome so far, this one included.
    public var done: Int
    /// Documents found so far: folders are discovered as they are walked.
    public var found: Int
}

extension KnowledgeBase {
    /// How many documents are read and extracted ahead of the writer, at most, beyond the
    /// batch it is storing.
    static let ingestBatchSize = 256
    /// The size of a run's first batch, which doubles batch by batch up to ``ingestBatchSize``.
    /// Nothing can be written before the first batch is extracted: a small one starts the
    /// writer early, which a run of a thousand documents felt.
    static let ingestFirstBatchSize = 16

    /// The size of a run's first commit, which doubles commit by commit up to
    /// ``IngestOptions/documentsPerCommit``. The end of a commit (indexing its sources for
    /// full-text search, the commit itself) runs on the writer alone, and its WAL is copied
    /// into the file by the background checkpointer while the next commit is written: a run
    /// of a thousand documents in one commit left all of it for the end, on one core.
    static let ingestFirstCommitSize = 256

    /// How many documents the run's commit number `index` (from 0) holds at most.
    static func commitSize(at index: Int, documentsPerCommit: Int) -> Int {
        min(documentsPerCommit, ingestFirstCommitSize << min(index, 16))
    }

    /// How many documents the run's batch number `index` (from 0) holds.
    static func ingestBatchSize(at index: Int) -> Int {
        min(ingestBatchSize, ingestFirstBatchSize << min(index, 8))
    }

    /// Ingests files, folders (recursively) and `-` (standard input).
    ///
    /// ```swift
    /// let report = try kb.ingest(["seeds"]) { print($0.path, $0.outcome) }
    /// print(report.summary)          // "ingested 5, unchanged 0, replaced 0, failed 0"
    /// for (path, reason) in report.failures { ... }
    /// ```
    ///
    /// - Folders are walked recursively in sorted order; hidden entries and `*.meta`
    ///   sidecars are skipped; a folder reached twice through symlinks is walked once.
    /// - A sidecar `FILE.meta` (YAML-style `key: value`) gives metadata for `FILE`; it is
    ///   part of the fingerprint, so editing it replaces the source.
    /// - Standard input is stored under the path `-`: the next document piped in under
    ///   `-` replaces it.
    /// - Paths are stored as given (`seeds/002_….txt`). The same content under two paths
    ///   is two sources.
    /// - Each document goes in whole or not at all. A crash loses at most the last
    ///   uncommitted group, which a re-run redoes. Refused documents and documents the
    ///   schema rejects become `.failed` outcomes and the run goes on.
    /// - People's corrections are applied again before each commit, in its transaction, and
    ///   judged once more when the run ends (``applyCorrections()``): one whose target no
    ///   document brought is marked orphaned.
    ///
    /// Documents are read and extracted on every core in batches of up to
    /// ``ingestBatchSize`` and written by one writer in input order, each as soon as it is
    /// prepared, ``IngestOptions/documentsPerCommit`` to a commit; a helper extracts the next
    /// batch while the current one is written, so at most two batches are in memory however
    /// large the folder.
    /// A file knowledge base gets its WAL copied into the database after each commit by a
    /// background checkpointer, off the writer's thread.
    ///
    /// - Parameter progress: called with each document's outcome, in input order, on the
    ///   calling thread.
    /// - Throws: ``SummitKBError/badDataFile(_:)`` for an unusable lexicon, before
    ///   anything is written; ``SummitKBError/writeFailed(path:document:reason:)`` when the
    ///   database refuses a write (disk full, read-only file): the group being written is
    ///   rolled back, earlier commits stay, and the run stops.
    @discardableResult
    public func ingest(_ inputs: [String], options: IngestOptions = IngestOptions(),
                       progress: ((IngestProgress) -> Void)? = nil) throws -> IngestReport {
        let pipeline = try Self.pipeline(lexiconPaths: options.lexiconPaths)
        let reader = DocumentReader(maxBytes: options.maxDocumentBytes)
        // The database may sit in a folder being ingested (`summitkb ingest .`): never read it as an article.
        var walker = InputWalker(inputs: inputs, skipping: ["", "-wal", "-shm", "-journal"].map { path + $0 })
        var report = IngestReport()
        var found = 0
        var batches = 0
        func nextBatch() -> [InputDocument] {
            var batch: [InputDocument] = []
            let size = Self.ingestBatchSize(at: batches)
            while batch.count < size, let input = walker.next() { batch.append(input) }
            found += batch.count
            batches += 1
            return batch
        }
        // A batch is prepared while the writer holds its transaction. A pool reads beside it;
        // a queue (an in-memory base) has one connection, and a read would wait for the writer,
        // which waits for the batch: there every document is extracted, and the store still
        // leaves unchanged ones alone.
        let readsBesideWriter = writer is DatabasePool
        let storedFingerprints: @Sendable ([String]) -> [String: String] = { [self] paths in
            guard readsBesideWriter else { return [:] }
            return (try? fingerprints(of: paths)) ?? [:]
        }
        let prepare: @Sendable (InputDocument, _ stored: [String: String]) -> (LoadedDocument, PreparedExtraction?) = { input, stored in
            let document = reader.load(input)
            guard case .success(let content) = document.content, stored[document.path] != content.sha256 else { return (document, nil) }
            return (document, PreparedExtraction(pipeline.extract(raw: content.rawText, metadata: content.metadata)))
        }
        try setCheckpointInterval(Self.ingestCheckpointPages)
        defer { try? setCheckpointInterval(Self.defaultCheckpointPages) }
        let checkpointer = try BackgroundCheckpointer(path: path)
        defer { checkpointer?.stop() }
        let stream = PreparedStream { helper in BatchPreparation(nextBatch(), on: helper, storedFingerprints, prepare) }
        defer { stream.stop() }
        var commits = 0
        while stream.hasNext() {
            let limit = Self.commitSize(at: commits, documentsPerCommit: options.documentsPerCommit)
            commits += 1
            for (document, outcome) in try store(limit: limit, pipeline: pipeline, next: stream.next) {
                report.record(outcome, path: document.path)
                progress?(IngestProgress(path: document.path, outcome: outcome, done: report.documents, found: found))
            }
            checkpointer?.commitDidFinish()
        }
        try applyCorrections()
        return report
    }

    /// WAL pages an ingest run lets accumulate before SQLite copies them into the database
    /// file. SQLite's default (``defaultCheckpointPages``) checkpoints every few commits on a
    /// large base, rewriting the same index pages again and again; at 128 MB a page that
    /// many commits touch is copied once. Restored when the run ends.
    static let ingestCheckpointPages = 32_768
    /// SQLite's own automatic checkpoint interval, in pages.
    static let defaultCheckpointPages = 1_000

    private func setCheckpointInterval(_ pages: Int) throws {
        try writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_autocheckpoint = \(pages)") }
    }

    /// The stored fingerprints of the sources at `paths`, by path, in one read. Read before
    /// writing, they only save extractions: the store checks again inside the write.
    private func fingerprints(of paths: [String]) throws -> [String: String] {
        let pathList = String(decoding: try JSONEncoder().encode(paths), as: UTF8.self)
        return try writer.read { db in
            var found: [String: String] = [:]
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT path, sha256 FROM sources WHERE path IN (SELECT value FROM json_each(?))
                """), arguments: [pathList])
            while let row = try rows.next() { found[row[0]] = row[1] }
            return found
        }
    }

    /// Ingests one in-memory document under `path`, as if read from a file.
    ///
    /// ```swift
    /// let outcome = try kb.ingest(text: "Paris – Macron met Scholz on Monday.", path: "note.txt",
    ///                             metadata: ArticleMetadata(published: "2025-02-17"))
    /// ```
    ///
    /// The fingerprint is the SHA-256 of the text's UTF-8 bytes; `metadata` does not enter it.
    public func ingest(text: String, path: String, metadata: ArticleMetadata = ArticleMetadata(),
                       options: IngestOptions = IngestOptions()) throws -> IngestOutcome {
        let pipeline = try Self.pipeline(lexiconPaths: options.lexiconPaths)
        let reader = DocumentReader(maxBytes: options.maxDocumentBytes)
        let document = LoadedDocument(path: path, content: reader.content(text: text, metadata: metadata))
        var pending: [(LoadedDocument, PreparedExtraction?)] = [(document, nil)]
        let outcome = try store(limit: 1, pipeline: pipeline) { pending.popLast() }[0].1
        try applyCorrections()
        return outcome
    }

    /// The extraction pipeline for a run: built-in resources plus the user's lexicons.
    static func pipeline(lexiconPaths: [String]) throws -> ExtractionPipeline {
        let lexicons = try userLexicons(lexiconPaths)
        var resources = try ExtractionResources.builtIn()
        for lexicon in lexicons { resources.lexicon = resources.lexicon.adding(lexicon) }
        return ExtractionPipeline(resources: resources)
    }

    /// The user's lexicon files, read and parsed, in order.
    static func userLexicons(_ paths: [String]) throws -> [Lexicon] {
        try paths.map { path in
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw SummitKBError.badDataFile("\(path): cannot read lexicon: \(error.localizedDescription)")
            }
            do {
                return try Lexicon(name: path, text: text)
            } catch {
                throw SummitKBError.badDataFile("\(error)")
            }
        }
    }

    /// Writes the next `limit` documents that `next` gives (fewer when it runs out) in one
    /// transaction, taking them as they are prepared. A document the schema rejects is
    /// reported as failed and leaves nothing behind; the others are stored.
    ///
    /// The documents are first written straight into the transaction: a savepoint per
    /// document makes SQLite keep a copy of every page each document changes first, an
    /// eighth of ingest time. Should the schema reject one, that transaction is rolled back
    /// and the same documents written again with a savepoint per document, so that the
    /// rejected one is rolled back alone. Only their loaded text is kept for that: a document
    /// written again is extracted again.
    private func store(limit: Int, pipeline: ExtractionPipeline,
                       next: () -> (LoadedDocument, PreparedExtraction?)?) throws -> [(LoadedDocument, IngestOutcome)] {
        var taken: [LoadedDocument] = []
        func take() -> (LoadedDocument, PreparedExtraction?)? {
            guard taken.count < limit, let document = next() else { return nil }
            taken.append(document.0)
            return document
        }
        do {
            return try write(pipeline: pipeline, isolatingDocuments: false, next: take)
        } catch is DocumentRejected {
            var replayed = 0
            return try write(pipeline: pipeline, isolatingDocuments: true) {
                guard replayed < taken.count else {
                    let document = take()
                    replayed = taken.count
                    return document
                }
                replayed += 1
                return (taken[replayed - 1], nil)
            }
        }
    }

    /// The schema rejected a document written without a savepoint of its own.
    private struct DocumentRejected: Error {}

    /// Writes the documents `next` gives, until it gives nil, in one transaction.
    private func write(pipeline: ExtractionPipeline, isolatingDocuments: Bool,
                       next: () -> (LoadedDocument, PreparedExtraction?)?) throws -> [(LoadedDocument, IngestOutcome)] {
        var current = ""
        do {
            return try writer.write { db in
                let store = SourceStore(db: db)
                func outcome(of document: LoadedDocument, _ prepared: PreparedExtraction?) throws -> IngestOutcome {
                    let content: LoadedDocument.Content
                    switch document.content {
                    case .failure(let refusal): return .failed(reason: refusal.reason)
                    case .success(let loaded): content = loaded
                    }
                    current = document.path
                    let storeDocument = {
                        try store.store(path: document.path, content: content) {
                            prepared ?? PreparedExtraction(pipeline.extract(raw: content.rawText, metadata: content.metadata))
                        }
                    }
                    guard isolatingDocuments else { return try storeDocument() }
                    var outcome = IngestOutcome.unchanged
                    do {
                        try db.inSavepoint {
                            outcome = try storeDocument()
                            return .commit
                        }
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                        // The savepoint took this document's rows with it (their ids will be reused).
                        store.commit.forgetCachedRows()
                        // An extractor produced something the schema rejects: this document only.
                        outcome = .failed(reason: "could not be stored: \(error.message ?? "constraint failed")")
                    }
                    return outcome
                }
                var outcomes: [(LoadedDocument, IngestOutcome)] = []
                while let (document, prepared) = next() {
                    outcomes.append((document, try outcome(of: document, prepared)))
                }
                try store.finishCommit()
                return outcomes
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT && !isolatingDocuments {
            throw DocumentRejected()
        } catch let error as DatabaseError {
            throw SummitKBError.writeFailed(path: path, document: current, reason: error.message ?? "\(error.resultCode)")
        }
    }
}

/// The prepared documents of a run in input order, one batch ahead: while the writer stores
/// a batch, a helper thread prepares the next. The writer takes each document as soon as it
/// is prepared; when the next one is not, it prepares documents of its batch that the helper
/// has not reached (``BatchPreparation/take(_:)``). So the writer never stores a whole batch
/// alone at the end of a run, and the batch size sets only how far preparation runs ahead.
/// A commit may span batches: the commit size sets how often index pages are written.
final class PreparedStream {
    private let startBatch: (DispatchQueue) -> BatchPreparation
    /// The helper: one batch at a time, in order, on the core the writer leaves.
    private let helper = DispatchQueue(label: "summitkb.prepare")
    private var current: BatchPreparation?
    private var index = 0
    private var upcoming: BatchPreparation?

    init(startBatch: @escaping (DispatchQueue) -> BatchPreparation) {
        self.startBatch = startBatch
        upcoming = startBatch(helper)
    }

    /// Whether a document is left.
    func hasNext() -> Bool {
        if index == current?.count ?? 0, let batch = upcoming {
            // Freeing a batch's extractions (documents, tokens, facts) took a fiftieth of the
            // writer's time: another thread does it.
            if let written = current?.removeResults() { DispatchQueue.global().async { withExtendedLifetime(written) {} } }
            current = batch
            index = 0
            upcoming = batch.count == 0 ? nil : startBatch(helper)
        }
        return index < current?.count ?? 0
    }

    /// The next document, waiting for it (and preparing others meanwhile) when needed.
    func next() -> (LoadedDocument, PreparedExtraction?)? {
        guard hasNext(), let current else { return nil }
        index += 1
        return current.take(index - 1)
    }

    /// Stops preparing and waits for the document the helper may be preparing. Afterwards no
    /// thread holds the run's closures, and with them the knowledge base: its file closes
    /// when its owner lets it go, as after any call.
    func stop() {
        current?.cancel()
        upcoming?.cancel()
        helper.sync {}
    }
}

/// One batch of documents prepared (read, checked, extracted) by the helper queue and by
/// the writer: documents are claimed one at a time, in order, so the work spreads over both
/// threads whatever else the writer was doing meanwhile. The stored fingerprints of the
/// batch's paths are looked up once, by the first thread to start.
final class BatchPreparation: @unchecked Sendable {
    typealias Prepared = (LoadedDocument, PreparedExtraction?)

    private let batch: [InputDocument]
    private let lookUpFingerprints: @Sendable ([String]) -> [String: String]
    private let prepare: @Sendable (InputDocument, [String: String]) -> Prepared
    private var results: [Prepared?]
    private var nextIndex = 0
    /// Guards `results`, `nextIndex`, `fingerprints` and `cancelled`; signalled when a
    /// document is prepared.
    private let condition = NSCondition()
    private var fingerprints: [String: String]?
    /// Set by ``cancel()``: nothing more is claimed.
    private var cancelled = false

    /// Starts preparing `batch` on `helper` once the batches queued there before it are done.
    init(_ batch: [InputDocument], on helper: DispatchQueue,
         _ lookUpFingerprints: @escaping @Sendable ([String]) -> [String: String],
         _ prepare: @escaping @Sendable (InputDocument, [String: String]) -> Prepared) {
        self.batch = batch
        self.lookUpFingerprints = lookUpFingerprints
        self.prepare = prepare
        results = Array(repeating: nil, count: batch.count)
        helper.async {
            while self.prepareUnclaimed(unlessCancelled: true) {}
        }
    }

    var count: Int { batch.count }

    /// The document at `index`, once prepared. Until then the caller prepares documents no
    /// thread has claimed, and waits only for one the helper is preparing.
    func take(_ index: Int) -> Prepared {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil {
            if nextIndex < batch.count {
                condition.unlock()
                _ = prepareUnclaimed(unlessCancelled: false)
                condition.lock()
            } else {
                condition.wait()
            }
        }
        return results[index]!
    }

    /// Stops the helper: it leaves the documents no thread has claimed unprepared.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.unlock()
    }

    /// Hands the prepared documents over, for another thread to free, and keeps none.
    func removeResults() -> [Prepared?] {
        condition.lock()
        defer { condition.unlock() }
        let removed = results
        results = []
        return removed
    }

    /// Claims the first unclaimed document and prepares it; false when none is left, or when
    /// `unlessCancelled` and the batch was cancelled.
    private func prepareUnclaimed(unlessCancelled: Bool) -> Bool {
        condition.lock()
        guard !(unlessCancelled && cancelled), nextIndex < batch.count else {
            condition.unlock()
            return false
        }
        let index = nextIndex
        nextIndex += 1
        // The first thread to claim looks the fingerprints up, under the lock: the other has
        // nothing to prepare without them either.
        let stored = fingerprints ?? lookUpFingerprints(batch.map(\.path))
        fingerprints = stored
        condition.unlock()
        let prepared = prepare(batch[index], stored)
        condition.lock()
        results[index] = prepared
        condition.broadcast()
        condition.unlock()
        return true
    }
}
