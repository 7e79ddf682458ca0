// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "SummitKB",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "SummitKB", targets: ["SummitKB"]),
        .executable(name: "summitkb", targets: ["summitkb"]),
        .executable(name: "summitkb-bench", targets: ["summitkb-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // The numbered SQL migrations, embedded in the binary.
        .target(
            name: "SummitKBMigrations",
            path: "Migrations",
            exclude: ["README.md"],
            resources: [
                .embedInCode("0001_initial.sql"),
                .embedInCode("0002_report_summaries.sql"),
                .embedInCode("0003_ingest_speed.sql"),
                .embedInCode("0004_plain_checks.sql"),
                .embedInCode("0005_sentences_by_offset.sql"),
                .embedInCode("0006_narrow_fingerprint_indexes.sql"),
                .embedInCode("0007_covering_merge_candidates.sql"),
                .embedInCode("0008_fewer_random_index_writes.sql"),
                .embedInCode("0009_voter_counts.sql"),
                .embedInCode("0010_overview_date_index.sql"),
                .embedInCode("Snapshot/schema.sql"),
            ]
        ),
        // Pure extraction pipeline: bytes in, facts with evidence out. No database.
        .target(
            name: "SummitKBExtraction",
            resources: [
                .embedInCode("Resources/entities.tsv"),
                .embedInCode("Resources/titles.tsv"),
                .embedInCode("Resources/boilerplate.tsv"),
                .embedInCode("Resources/meeting-terms.tsv"),
                .embedInCode("Resources/proposal-terms.tsv"),
            ]
        ),
        // Process-wide SQLite settings that need C (`sqlite3_config` is variadic).
        .target(
            name: "SQLiteSettings",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        // Storage, ingest, merge, queries, reports, export and eval.
        .target(
            name: "SummitKB",
            dependencies: [
                "SummitKBExtraction",
                "SummitKBMigrations",
                "SQLiteSettings",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "summitkb",
            dependencies: [
                "SummitKB",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "summitkb-bench",
            dependencies: [
                "SummitKB",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SummitKBExtractionTests",
            dependencies: ["SummitKBExtraction"]
        ),
        .testTarget(
            name: "SummitKBTests",
            dependencies: ["SummitKB"],
            exclude: ["Fixtures"]
        ),
    ]
)
