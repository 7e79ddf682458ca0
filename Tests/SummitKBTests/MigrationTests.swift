import Foundation
import GRDB
import Testing
import SummitKBMigrations
@testable import SummitKB

@Suite struct MigrationTests {
    @Test func freshDatabaseHasEveryMigration() throws {
        let kb = try KnowledgeBase()
        let status = try kb.schemaStatus()
        #expect(status.currentVersion == SchemaMigrator.latestVersion)
        #expect(status.entries.allSatisfy { $0.appliedAt != nil })
    }

    /// Migration 0004 wrote the CHECKs of the tables ingest writes as `col = 'a' OR ...`:
    /// SQLite evaluates an `IN` list of more than two values with a temporary b-tree per
    /// checked row (two values compile to comparisons). No later migration may bring one back;
    /// `corrections`, written rarely, keeps its lists.
    @Test func checksOfIngestTablesUseNoLongInLists() throws {
        let kb = try KnowledgeBase()
        let tables = try kb.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK%' AND name <> 'corrections'
                """).map { ($0["name"] as String, $0["sql"] as String) }
        }
        #expect(tables.count >= 5)
        for (name, sql) in tables {
            for list in sql.uppercased().components(separatedBy: " IN (").dropFirst() {
                let values = list.prefix { $0 != ")" }.split(separator: ",")
                #expect(values.count <= 2, "\(name): IN (\(list.prefix { $0 != ")" }))")
            }
        }
    }
}

@Suite struct TextIndexMigrationTests {
    /// A version-2 database indexed its sources by trigger; after migration 0003 the writer
    /// indexes new ones at commit, and old and new sources are found alike.
    @Test func sourcesIndexedBeforeAndAfterMigration3AreFound() throws {
        let (_, folder) = try IngestTestSupport.fileKnowledgeBase()
        let path = folder.appendingPathComponent("v2.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for migration in SchemaMigration.all where migration.version <= 2 { try db.execute(sql: migration.sql) }
            try db.execute(sql: """
                INSERT INTO sources (path, sha256, title, raw_text, text, byte_count, word_count, extractor_version)
                VALUES ('old.txt', 'sha-old', 'Old', 'Ministers met in Zanzibar.', 'Ministers met in Zanzibar.', 26, 4, 'test')
                """)
        }
        try queue.close()
        let kb = try KnowledgeBase(path: path)
        #expect(try kb.schemaStatus().currentVersion == SchemaMigrator.latestVersion)
        _ = try kb.ingest(text: "Leaders met in Zanzibar on Monday to discuss a ceasefire.", path: "new.txt")
        let found = try kb.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT s.path FROM sources_fts JOIN sources s ON s.id = sources_fts.rowid
                WHERE sources_fts MATCH 'zanzibar' ORDER BY s.path
                """)
        }
        #expect(found == ["new.txt", "old.txt"])
        try IngestTestSupport.expectIntegrity(kb)
    }
}

@Suite struct PlainCheckMigrationTests {
    /// The tables migration 0004 rebuilds.
    static let rebuilt = ["participants", "meetings", "meeting_participants", "proposals", "proposal_positions"]

    /// The columns of each rebuilt table.
    static func columns(_ db: Database) throws -> [String: [String]] {
        try Dictionary(uniqueKeysWithValues: rebuilt.map { table in (table, try db.columns(in: table).map(\.name)) })
    }

    /// Every row of the rebuilt tables, in id order, as text: the given columns of each
    /// (later migrations add columns).
    static func rows(_ db: Database, columns: [String: [String]]) throws -> [String] {
        try rebuilt.flatMap { table in
            try Row.fetchAll(db, sql: "SELECT \(columns[table]!.map { "\"\($0)\"" }.joined(separator: ", ")) FROM \(table) ORDER BY id")
                .map { "\(table) \($0)" }
        }
    }

    /// The schema as `sqlite_master` lists it, one line per object.
    static func schema(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
            .map { "\($0["type"] as String) \($0["name"] as String) \($0["tbl_name"] as String) \($0["sql"] as String? ?? "")" }
    }

    /// A version-3 base with ingested articles keeps every row, id and summary through the
    /// rebuild, and ends with the schema a new base gets.
    @Test func aVersion3BaseKeepsEveryRowAndEndsWithTheNewSchema() throws {
        let (current, folder) = try LegacyBase.ingested(articles: 40, seed: 21)
        let path = folder.appendingPathComponent("v3.sqlite").path
        try LegacyBase.write(version: 3, at: path, copying: current)
        let (columns, before) = try DatabaseQueue(path: path).read { db in
            let columns = try Self.columns(db)
            return (columns, try Self.rows(db, columns: columns))
        }
        #expect(before.count > 200)

        let kb = try KnowledgeBase(path: path)
        #expect(try kb.schemaStatus().currentVersion == SchemaMigrator.latestVersion)
        #expect(try kb.writer.read { try Self.rows($0, columns: columns) } == before)
        try IngestTestSupport.expectIntegrity(kb)
        let fresh = try KnowledgeBase()
        #expect(try kb.writer.read(Self.schema) == fresh.writer.read(Self.schema))
        // Foreign keys are on again, and cascade: deleting the sources empties every claim table.
        try kb.writer.write { db in try db.execute(sql: "DELETE FROM sources") }
        #expect(try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meeting_participants") } == 0)
    }

    /// The rewritten constraints refuse what the IN lists refused, and inserting a row into
    /// a rebuilt table builds no temporary b-tree (`OpenEphemeral`) any more.
    @Test func theChecksRefuseTheSameValuesWithoutTemporaryTables() throws {
        let kb = try KnowledgeBase()
        try kb.writer.write { db in
            try db.execute(sql: "INSERT INTO meetings (name, kind, block_key) VALUES ('Summit', 'summit', 'paris')")
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO meetings (name, kind, block_key) VALUES ('Dinner', 'banquet', 'paris')")
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE meetings SET status = 'cancelled' WHERE name = 'Summit'")
            }
            for table in Self.rebuilt {
                let columns = try db.columns(in: table).map(\.name).filter { $0 != "id" }
                let insert = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
                let program = try Row.fetchAll(db, sql: "EXPLAIN " + insert, arguments: StatementArguments(columns.map { _ in nil as String? }))
                    .map { $0["opcode"] as String }
                #expect(program.contains("Insert") && !program.contains("OpenEphemeral"), "\(table)")
            }
        }
    }
}

@Suite struct SentenceOffsetMigrationTests {
    /// Every evidence row with its sentence, as text: from the table before migration 0005,
    /// from `evidence_text` after it.
    static func sentences(_ db: Database, from table: String) throws -> [String] {
        try Row.fetchAll(db, sql: """
            SELECT id, slot, value, start, "end", extractor, confidence, sentence FROM \(table) ORDER BY id
            """).map(\.description)
    }

    /// A version-4 base stored each evidence row's sentence. After migration 0005 it keeps
    /// every row and id, shows the same sentences through `evidence_text` and
    /// ``EvidenceRecord``, and ends with the schema a new base gets.
    @Test func aVersion4BaseShowsTheSentencesItStored() throws {
        let (current, folder) = try LegacyBase.ingested(articles: 20, seed: 5)
        let path = folder.appendingPathComponent("v4.sqlite").path
        try LegacyBase.write(version: 4, at: path, copying: current)
        let before = try DatabaseQueue(path: path).read { db in try Self.sentences(db, from: "evidence") }
        #expect(before.count > 300)

        let kb = try KnowledgeBase(path: path)
        #expect(try kb.schemaStatus().currentVersion == SchemaMigrator.latestVersion)
        try kb.writer.read { db in
            #expect(try Self.sentences(db, from: "evidence_text") == before)
            #expect(try !db.columns(in: "evidence").contains { $0.name == "sentence" })
            // SQLite's substr counts code points, as the offsets do: the library's sentences are
            // the text's code points sentenceStart..<sentenceEnd.
            let texts = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, text FROM sources").map {
                ($0["id"] as Int64, Array(($0["text"] as String).unicodeScalars))
            })
            let records = try EvidenceRecord.fetchAll(db)
            #expect(records.contains { $0.sentence.unicodeScalars.contains { !$0.isASCII } })
            for record in records {
                let scalars = texts[record.sourceId]![record.sentenceStart..<record.sentenceEnd]
                #expect(record.sentence == String(String.UnicodeScalarView(scalars)))
            }
        }
        try IngestTestSupport.expectIntegrity(kb)
        let fresh = try KnowledgeBase()
        #expect(try kb.writer.read(PlainCheckMigrationTests.schema) == fresh.writer.read(PlainCheckMigrationTests.schema))
    }
}

@Suite struct SchemaSnapshotTests {
    /// A new database is created from `Migrations/Snapshot/schema.sql`; an older one replays
    /// the migrations it lacks. Both must end with the same schema, recorded migrations and
    /// full-text index settings.
    @Test func theSnapshotBuildsWhatReplayingEveryMigrationBuilds() throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let replayed = try DatabaseQueue(configuration: configuration)
        try replayed.writeWithoutTransaction { try LegacyBase.replayMigrations(through: SchemaMigrator.latestVersion, in: $0) }
        func state(_ db: Database) throws -> [String] {
            try PlainCheckMigrationTests.schema(db)
                + Row.fetchAll(db, sql: "SELECT version, name FROM schema_migrations ORDER BY version").map(\.description)
                + Row.fetchAll(db, sql: "SELECT k, v FROM sources_fts_config ORDER BY k").map(\.description)
        }
        let created = try KnowledgeBase()
        let (expected, actual) = (try replayed.read(state), try created.writer.read(state))
        #expect(actual == expected, """
            Migrations/Snapshot/schema.sql builds another schema than the migrations: run scripts/squash-migrations.sh. \
            Only in the snapshot: \(actual.filter { !expected.contains($0) }); only from the migrations: \(expected.filter { !actual.contains($0) })
            """)
        #expect(expected.count > 60)
    }

    /// A new file is created from the snapshot, which makes every table before any index
    /// (replaying the migrations rebuilds tables after indexes were made), and is complete:
    /// opening it again applies nothing.
    @Test func aNewFileIsCreatedFromTheSnapshotAndNeedsNoMigration() throws {
        let (kb, _) = try IngestTestSupport.fileKnowledgeBase()
        let (lastTable, firstIndex) = try kb.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT max(rowid) FROM sqlite_master WHERE type = 'table'")!,
             try Int.fetchOne(db, sql: "SELECT min(rowid) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")!)
        }
        #expect(lastTable < firstIndex)
        let status = try kb.schemaStatus()
        #expect(status.currentVersion == SchemaMigrator.latestVersion)
        #expect(status.entries.allSatisfy { $0.appliedAt != nil })
        let again = try KnowledgeBase(path: kb.path)
        #expect(try again.schemaStatus() == status)
    }
}
