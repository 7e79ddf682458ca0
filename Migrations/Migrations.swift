/// The numbered SQL migrations shipped inside the binary.
///
/// Each file in this folder is embedded at build time; ``SchemaMigration/all``
/// lists them in the order they must run. A shipped migration is never edited:
/// add the next number instead (and list it here and in `Package.swift`).
public struct SchemaMigration: Sendable, Hashable {
    /// The migration number, taken from the file name (`0001_initial.sql` is 1).
    public let version: Int
    /// The file name without its extension, e.g. `0001_initial`.
    public let name: String
    /// The SQL text, run as one script inside one transaction.
    public let sql: String

    /// Every migration, in ascending version order.
    public static let all: [SchemaMigration] = [
        SchemaMigration(version: 1, name: "0001_initial", bytes: PackageResources._001_initial_sql),
        SchemaMigration(version: 2, name: "0002_report_summaries", bytes: PackageResources._002_report_summaries_sql),
        SchemaMigration(version: 3, name: "0003_ingest_speed", bytes: PackageResources._003_ingest_speed_sql),
        SchemaMigration(version: 4, name: "0004_plain_checks", bytes: PackageResources._004_plain_checks_sql),
        SchemaMigration(version: 5, name: "0005_sentences_by_offset", bytes: PackageResources._005_sentences_by_offset_sql),
        SchemaMigration(version: 6, name: "0006_narrow_fingerprint_indexes", bytes: PackageResources._006_narrow_fingerprint_indexes_sql),
        SchemaMigration(version: 7, name: "0007_covering_merge_candidates", bytes: PackageResources._007_covering_merge_candidates_sql),
        SchemaMigration(version: 8, name: "0008_fewer_random_index_writes", bytes: PackageResources._008_fewer_random_index_writes_sql),
        SchemaMigration(version: 9, name: "0009_voter_counts", bytes: PackageResources._009_voter_counts_sql),
        SchemaMigration(version: 10, name: "0010_overview_date_index", bytes: PackageResources._010_overview_date_index_sql),
    ]

    init(version: Int, name: String, bytes: [UInt8]) {
        self.version = version
        self.name = name
        self.sql = String(decoding: bytes, as: UTF8.self)
    }

    /// The schema every migration in ``all`` builds, as one script that creates it and records
    /// the migrations in `schema_migrations` (`Snapshot/schema.sql`, written by
    /// `scripts/squash-migrations.sh`). A new database is created from it: replaying the
    /// migrations made SQLite parse the whole schema again after each `ALTER TABLE`.
    public static let snapshot = String(decoding: PackageResources.schema_sql, as: UTF8.self)
}
