import Foundation
import GRDB
import Testing
@testable import SummitKB

@Suite struct MigrationTests {
    @Test func freshDatabaseHasEveryMigration() throws {
        let kb = try KnowledgeBase()
        let status = try kb.schemaStatus()
        #expect(status.currentVersion == SchemaMigrator.latestVersion)
        #expect(status.entries.allSatisfy { $0.appliedAt != nil })
    }
}
