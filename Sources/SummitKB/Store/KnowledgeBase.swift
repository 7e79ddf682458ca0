import Foundation
import GRDB
import SQLiteSettings
import SummitKBMigrations

/// A SummitKB database: open it, ingest into it, query it.
///
/// ```swift
/// let kb = try KnowledgeBase(path: "summitkb.sqlite")          // creates and migrates
/// let reader = try KnowledgeBase(path: "summitkb.sqlite", mode: .readOnly)
/// ```
///
/// Files are opened in WAL mode with `synchronous = NORMAL`: readers never block the
/// writer, a crash loses at most the last committed transactions, never consistency.
/// Several processes may write: a writer waits up to ``busyTimeout`` for the lock.
public final class KnowledgeBase: Sendable {
    /// How a knowledge base is opened.
    public enum Mode: Sendable {
        /// Creates the file if needed and migrates it to the current schema.
        case readWrite
        /// Never writes; refuses a database that is missing or not fully migrated.
        case readOnly
    }

    /// How long a writer waits for another process's lock.
    public static let busyTimeout: TimeInterval = 30

    /// The file path, or `:memory:`.
    public let path: String
    /// The GRDB connection (a pool for files, a queue in memory or read-only).
    public let writer: any DatabaseWriter

    /// Opens (and for `.readWrite`, creates and migrates) the database at `path`.
    ///
    /// - Throws: ``SummitKBError/databaseTooNew(path:version:supported:)`` when a newer
    ///   SummitKB wrote the file, ``SummitKBError/cannotOpen(path:reason:)`` otherwise.
    public init(path: String, mode: Mode = .readWrite) throws {
        Self.applySQLiteSettings()
        self.path = path
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(Self.busyTimeout)
        config.readonly = mode == .readOnly
        config.prepareDatabase { db in
            // Statement journals and sorts in memory: on disk they cost hundreds of writes per document.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            if db.configuration.readonly {
                try db.execute(sql: "PRAGMA cache_size = -131072")
            } else {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // The writer's page cache holds a whole commit of ingest
                // (``IngestOptions/documentsPerCommit``), so each page is written once per commit,
                // not again each time the cache spills, and keeps the index pages and merge
                // candidates the next commits read: 256 MB instead of 128 made a
                // 100,000-article ingest about 5% faster.
                try db.execute(sql: "PRAGMA cache_size = -262144")
            }
        }
        do {
            if mode == .readOnly {
                guard FileManager.default.fileExists(atPath: path) else {
                    throw SummitKBError.cannotOpen(path: path, reason: "no such file; run `summitkb ingest` first")
                }
                writer = try DatabaseQueue(path: path, configuration: config)
                try writer.read { db in try SchemaMigrator.checkReadable(db, path: path) }
            } else {
                writer = try Self.openMigrated(path: path, configuration: config)
            }
        } catch let error as SummitKBError {
            throw error
        } catch let error as DatabaseError {
            throw SummitKBError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Opens a pool on `path` and migrates it, trying again while another process creates or
    /// migrates the same file. SQLite answers `SQLITE_BUSY` at once, without waiting out the
    /// busy timeout, to a new connection that has to read the file before it can take the
    /// write lock: switching a file another process just made WAL (GRDB's
    /// `PRAGMA journal_mode = WAL`) is one such case. Two ingests started together on a new
    /// file met it.
    private static func openMigrated(path: String, configuration: Configuration) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try SchemaMigrator.migrate(pool, path: path)
                return pool
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    /// A private in-memory knowledge base, already migrated: for tests and scratch work.
    public init() throws {
        Self.applySQLiteSettings()
        path = ":memory:"
        var config = Configuration()
        config.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: config)
        try SchemaMigrator.migrate(queue, path: path)
        writer = queue
    }

    /// Applies SummitKB's process-wide SQLite settings: SQLite's memory statistics go off,
    /// which spares the ingest writer a process-wide mutex on every allocation SQLite makes
    /// (a twentieth of its time). Opening a knowledge base calls it; a program that opens
    /// other SQLite databases first, and wants the same setting, calls it before them.
    ///
    /// Only the first call does anything, and only before the process opens its first SQLite
    /// database: afterwards SQLite keeps its settings and so does this.
    public static func applySQLiteSettings() {
        _ = sqliteSettingsApplied
    }

    private static let sqliteSettingsApplied: Bool = summitkb_sqlite_disable_memory_statistics() == 0

    /// The schema version of the database and the newest this build knows.
    public func schemaStatus() throws -> SchemaStatus {
        try writer.read { db in try SchemaMigrator.status(db) }
    }
}

/// Which migrations a database has, and which this build ships.
public struct SchemaStatus: Codable, Sendable, Hashable {
    /// One migration and whether it is applied.
    public struct Entry: Codable, Sendable, Hashable {
        public let version: Int
        public let name: String
        /// When it was applied, or nil when pending.
        public let appliedAt: String?
    }

    public let entries: [Entry]
    /// The highest applied version (0 for an empty database).
    public var currentVersion: Int { entries.filter { $0.appliedAt != nil }.map(\.version).max() ?? 0 }
}

/// Creates a new database from the schema snapshot (``SchemaMigration/snapshot``) and
/// brings an existing one up to date with the embedded SQL migrations it lacks, in order,
/// each in its own transaction, with foreign keys off: a migration that rebuilds a table
/// drops it first, and dropping a parent table with foreign keys on deletes its children.
/// Every foreign key is checked before each transaction commits.
enum SchemaMigrator {
    static var latestVersion: Int { SchemaMigration.all.last?.version ?? 0 }

    static func appliedVersions(_ db: Database) throws -> [Int: String] {
        guard try db.tableExists("schema_migrations") else { return [:] }
        let rows = try Row.fetchAll(db, sql: "SELECT version, applied_at FROM schema_migrations")
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["version"] as Int, $0["applied_at"] as String) })
    }

    static func migrate(_ writer: any DatabaseWriter, path: String) throws {
        try writer.barrierWriteWithoutTransaction { db in
            // One snapshot: another process may commit migration 1 between two reads.
            var applied: [Int: String] = [:], tableCount = 0
            try db.inTransaction(.deferred) {
                applied = try appliedVersions(db)
                tableCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                return .commit
            }
            if let newest = applied.keys.max(), newest > latestVersion {
                throw SummitKBError.databaseTooNew(path: path, version: newest, supported: latestVersion)
            }
            if applied.isEmpty, tableCount > 0 {
                throw SummitKBError.cannotOpen(path: path, reason: "not a SummitKB database (it has tables but no schema_migrations)")
            }
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            guard SchemaMigration.all.contains(where: { applied[$0.version] == nil }) else { return }
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            // Runs `sql` in one transaction unless, read again under the write lock (another
            // process may have migrated meanwhile), the applied versions show it `done`.
            func apply(_ sql: String, as step: String, unless done: ([Int: String]) -> Bool) throws {
                try db.inTransaction(.immediate) {
                    db.clearSchemaCache()
                    if try !done(appliedVersions(db)) {
                        try db.execute(sql: sql)
                        if let broken = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") {
                            throw SummitKBError.cannotOpen(path: path, reason: """
                                \(step) left a broken foreign key in \(broken[0] as String? ?? "?")
                                """)
                        }
                    }
                    return .commit
                }
            }
            if applied.isEmpty {
                // A new database: the snapshot of every migration, in one transaction.
                try apply(SchemaMigration.snapshot, as: "the schema snapshot") { !$0.isEmpty }
                applied = try appliedVersions(db)
            }
            for migration in SchemaMigration.all where applied[migration.version] == nil {
                try apply(migration.sql, as: "migration \(migration.name)") { $0[migration.version] != nil }
            }
        }
    }

    static func checkReadable(_ db: Database, path: String) throws {
        let applied = try appliedVersions(db)
        guard let newest = applied.keys.max() else {
            throw SummitKBError.cannotOpen(path: path, reason: "not a SummitKB database")
        }
        if newest > latestVersion {
            throw SummitKBError.databaseTooNew(path: path, version: newest, supported: latestVersion)
        }
        if newest < latestVersion {
            throw SummitKBError.cannotOpen(path: path, reason: "schema version \(newest) needs migrating; open it read-write once (e.g. `summitkb migrate`)")
        }
    }

    static func status(_ db: Database) throws -> SchemaStatus {
        let applied = try appliedVersions(db)
        var entries = SchemaMigration.all.map { SchemaStatus.Entry(version: $0.version, name: $0.name, appliedAt: applied[$0.version]) }
        for (version, at) in applied where version > latestVersion {
            entries.append(SchemaStatus.Entry(version: version, name: "(unknown to this build)", appliedAt: at))
        }
        return SchemaStatus(entries: entries.sorted { $0.version < $1.version })
    }
}
