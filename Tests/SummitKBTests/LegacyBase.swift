import Foundation
import GRDB
import SummitKBMigrations
@testable import SummitKB

/// Databases at older schema versions holding what a current base holds, to test the
/// migrations that take them forward. The rows come from a base written by today's code,
/// so the tests need no copy of an older writer.
enum LegacyBase {
    /// A current base in a fresh folder with `articles` generated articles and one with
    /// accents, ingested one by one.
    static func ingested(articles: Int, seed: UInt64) throws -> (path: String, folder: URL) {
        let (kb, folder) = try IngestTestSupport.fileKnowledgeBase()
        let generator = CorpusGenerator(seed: seed)
        for index in 0..<articles {
            _ = try kb.ingest(text: generator.article(index).fileContents(metadata: .frontMatter), path: "a\(index).txt")
        }
        _ = try kb.ingest(text: "Kraków – Ministers met in Genève on Monday. Ça continue: Friedrich Merz proposed a ceasefire.",
                          path: "accents.txt")
        return (folder.appendingPathComponent("kb.sqlite").path, folder)
    }

    /// What each column a later migration dropped held, as SQL over the current base's row
    /// (`current.` names the current base), by table and column.
    static let droppedColumns: [String: [String: String]] = [
        // 0005: the stored sentence, the sentence's span of the source text.
        "evidence": ["sentence": """
            substr((SELECT text FROM current.sources s WHERE s.id = evidence.source_id),
                   evidence.sentence_start + 1, evidence.sentence_end - evidence.sentence_start)
            """],
    ]

    /// Runs migrations 1 through `version` on `db`, each in its own transaction, as a file
    /// that old builds migrated step by step got them (foreign keys must be off).
    static func replayMigrations(through version: Int, in db: Database) throws {
        for migration in SchemaMigration.all where migration.version <= version {
            try db.inTransaction { try db.execute(sql: migration.sql); return .commit }
        }
    }

    /// Writes a base at `path` with migrations 1 through `version`, then every row of the
    /// current base at `current`, ids included. The old schema's triggers are held back
    /// while the rows are copied (the copied summaries are right already), and the text
    /// index is rebuilt.
    static func write(version: Int, at path: String, copying current: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try replayMigrations(through: version, in: db)
            try db.execute(sql: "ATTACH DATABASE ? AS current", arguments: [current])
            try db.inTransaction {
                let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger'")
                for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)") }
                let tables = try String.fetchAll(db, sql: """
                    SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                        AND name NOT LIKE 'sources_fts%' AND name <> 'schema_migrations'
                    """)
                for table in tables {
                    let columns = try db.columns(in: table, in: "main").map(\.name)
                    let values = columns.map { droppedColumns[table]?[$0] ?? "\"\($0)\"" }
                    try db.execute(sql: """
                        INSERT INTO main.\(table) (\(columns.map { "\"\($0)\"" }.joined(separator: ", ")))
                        SELECT \(values.joined(separator: ", ")) FROM current.\(table)
                        """)
                }
                for trigger in triggers { try db.execute(sql: trigger["sql"] as String) }
                try db.execute(sql: "INSERT INTO sources_fts (sources_fts) VALUES ('rebuild')")
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE current")
        }
        try queue.close()
    }
}
