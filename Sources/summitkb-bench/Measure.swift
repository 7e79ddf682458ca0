import ArgumentParser
import Foundation
import GRDB
import SummitKB
import Synchronization

/// The two ways a corpus is stored: the baseline and the real thing.
enum StoreKind: String, Codable, CaseIterable, ExpressibleByArgument {
    /// Raw text into a `sources` table with an FTS5 external-content index, one transaction.
    case bare
    /// `KnowledgeBase.ingest`: normalize, extract, merge, store with evidence.
    case ingest
}

/// What one child process measured while storing one corpus.
struct StoreMeasurement: Codable {
    var store: StoreKind
    var seconds: Double
    var peakMemoryBytes: Int
    var databaseBytes: Int
    /// Documents stored (bare) or reported ingested (ingest).
    var stored: Int
    /// Documents the ingest reported as failed (always 0 for bare).
    var failed: Int
    /// Seconds from the start at which the ingest had stored each tenth of the corpus,
    /// interpolated between commits; nil for bare and for an ingest of fewer than
    /// ``IngestProgressClock/minimumCommits`` commits, where the tenths mean nothing.
    var tenthSeconds: [Double]?
}

/// Records when an ingest's commits end, to tell how the per-article cost moves as the
/// base grows within one run: `ingest` reports progress once per document right after
/// each commit, so the points are the commits.
final class IngestProgressClock: Sendable {
    /// Fewer commits than this give no tenths.
    static let minimumCommits = 10

    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    /// (documents stored, seconds since start) at the end of each commit.
    private let commits = Mutex<[(documents: Int, seconds: Double)]>([])

    init() { start = clock.now }

    /// Called by `ingest` after each document; documents reported within a millisecond of
    /// the previous ones belong to the same commit.
    func documentStored(count: Int) {
        let elapsed = seconds(clock.now - start)
        commits.withLock { commits in
            if let last = commits.last, elapsed - last.seconds < 0.001 {
                commits[commits.count - 1].documents = count
            } else {
                commits.append((count, elapsed))
            }
        }
    }

    /// When each tenth of `total` documents had been stored, or nil with too few commits.
    func tenthSeconds(of total: Int) -> [Double]? {
        let points = [(documents: 0, seconds: 0.0)] + commits.withLock { $0 }
        guard points.count > Self.minimumCommits, total > 0 else { return nil }
        return (1...10).map { tenth in
            let target = Double(total * tenth) / 10
            guard let after = points.firstIndex(where: { Double($0.documents) >= target }), after > 0 else {
                return points.last!.seconds
            }
            let (low, high) = (points[after - 1], points[after])
            let fraction = (target - Double(low.documents)) / Double(high.documents - low.documents)
            return low.seconds + fraction * (high.seconds - low.seconds)
        }
    }
}

extension BenchCommand {
    /// `measure`: stores one corpus one way and prints the measurement as JSON.
    ///
    /// `run` starts one of these per store and size, so each peak memory figure belongs
    /// to one measurement alone.
    struct Measure: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store one corpus in one way and print a JSON measurement (used by `run`).",
            shouldDisplay: false)

        @Option(help: "bare or ingest.")
        var store: StoreKind

        @Option(help: "The corpus folder.")
        var corpus: String

        @Option(help: "The database to create (must not exist).")
        var db: String

        func validate() throws {
            guard !FileManager.default.fileExists(atPath: db) else { throw ValidationError("\(db) exists; measure needs a fresh database.") }
        }

        func run() throws {
            var progress: IngestProgressClock?
            let (counts, seconds) = try timed { () throws -> (stored: Int, failed: Int) in
                switch store {
                case .bare:
                    return (try BareStore.store(folder: URL(fileURLWithPath: corpus), database: db), 0)
                case .ingest:
                    let clock = IngestProgressClock()
                    progress = clock
                    let report = try KnowledgeBase(path: db).ingest([corpus]) { clock.documentStored(count: $0.done) }
                    return (report.ingested + report.replaced, report.failed)
                }
            }
            let measurement = StoreMeasurement(store: store, seconds: seconds, peakMemoryBytes: peakResidentBytes(),
                                               databaseBytes: databaseBytes(at: db), stored: counts.stored, failed: counts.failed,
                                               tenthSeconds: progress?.tenthSeconds(of: counts.stored + counts.failed))
            try OutputOptions().printJSON(measurement)
        }

        /// Runs `measure` in a child process of this binary and decodes its answer.
        static func inChildProcess(store: StoreKind, corpus: URL, database: URL) throws -> StoreMeasurement {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            child.arguments = ["measure", "--store", store.rawValue, "--corpus", corpus.path, "--db", database.path]
            let output = Pipe()
            child.standardOutput = output
            try child.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            child.waitUntilExit()
            guard child.terminationStatus == 0 else {
                throw BenchError("measuring \(store.rawValue) on \(corpus.path) failed with exit code \(child.terminationStatus)")
            }
            return try JSONDecoder().decode(StoreMeasurement.self, from: data)
        }
    }
}

/// The floor any ingest can reach: each file's raw text in a table with an FTS5 index, no
/// normalization or extraction, all in one transaction, with the same pragmas as a knowledge base.
enum BareStore {
    static let schema = """
        CREATE TABLE sources (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, text TEXT NOT NULL);
        CREATE VIRTUAL TABLE sources_fts USING fts5(
            text, content = 'sources', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
        CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN
            INSERT INTO sources_fts(rowid, text) VALUES (new.id, new.text);
        END;
        """

    /// Stores every regular file under `folder` (sorted by path, `.meta` sidecars skipped),
    /// reading one file at a time.
    ///
    /// - Returns: the number of files stored.
    static func store(folder: URL, database: String) throws -> Int {
        KnowledgeBase.applySQLiteSettings()
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        let queue = try DatabaseQueue(path: database, configuration: config)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: schema)
        }
        let paths = try articlePaths(in: folder)
        try queue.write { db in
            let insert = try db.makeStatement(sql: "INSERT INTO sources(path, text) VALUES (?, ?)")
            for path in paths {
                let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
                try insert.execute(arguments: [path, text])
            }
        }
        return paths.count
    }

    private static func articlePaths(in folder: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw BenchError("cannot read \(folder.path)")
        }
        var paths: [String] = []
        for case let url as URL in enumerator where url.pathExtension != "meta" {
            if try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true { paths.append(url.path) }
        }
        return paths.sorted()
    }
}
