import ArgumentParser
import Foundation
import GRDB
import SummitKB

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
            let (counts, seconds) = try timed { () throws -> (stored: Int, failed: Int) in
                switch store {
                case .bare:
                    return (try BareStore.store(folder: URL(fileURLWithPath: corpus), database: db), 0)
                case .ingest:
                    let report = try KnowledgeBase(path: db).ingest([corpus])
                    return (report.ingested + report.replaced, report.failed)
                }
            }
            let measurement = StoreMeasurement(store: store, seconds: seconds, peakMemoryBytes: peakResidentBytes(),
                                               databaseBytes: databaseBytes(at: db), stored: counts.stored, failed: counts.failed)
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
