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
        #expect(try kb.schemaStatus().currentVersion == 3)
        try kb.ingest(text: "Leaders met in Zanzibar on Monday to discuss a ceasefire.", path: "new.txt")
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
