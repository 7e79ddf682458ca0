import Foundation
import GRDB
import SummitKBMigrations

extension KnowledgeBase {
    /// The migrations of the database file at `path`, without creating or changing it.
    ///
    /// ```swift
    /// let status = try KnowledgeBase.schemaStatus(atPath: "summitkb.sqlite")
    /// status.entries.filter { $0.appliedAt == nil }   // pending migrations
    /// ```
    ///
    /// A missing file reports every migration as pending.
    public static func schemaStatus(atPath path: String) throws -> SchemaStatus {
        guard FileManager.default.fileExists(atPath: path) else {
            return SchemaStatus(entries: SchemaMigration.all.map { .init(version: $0.version, name: $0.name, appliedAt: nil) })
        }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)   // another process may be creating the file
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            return try queue.read { db in try SchemaMigrator.status(db) }
        } catch let error as DatabaseError {
            throw SummitKBError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}
