import Foundation
import Testing

/// Runs the built `summitkb` binary as a process.
@Suite struct IngestCommandTests {
    typealias Support = IngestTestSupport

    /// `.build/debug/summitkb` of this package (built by `swift test` with the test bundle).
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/summitkb")

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], in folder: URL, stdin: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ["PATH": "/usr/bin:/bin"]
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data((stdin ?? "").utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                   stderr: String(decoding: err, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
    func ingestReportsFailuresAndExitsNonZero() throws {
        let folder = try Support.temporaryFolder()
        try Support.write("Paris – Leaders met on Monday.", to: folder.appendingPathComponent("in/good1.txt"))
        try Support.write("Rome – Ministers met on Tuesday.", to: folder.appendingPathComponent("in/good2.txt"))
        try Data([0x00, 0x01, 0x02]).write(to: folder.appendingPathComponent("in/binary.bin"))
        try Data([0x61, 0xFF, 0x62]).write(to: folder.appendingPathComponent("in/invalid.txt"))
        try Data().write(to: folder.appendingPathComponent("in/empty.txt"))
        let first = try Self.run(["ingest", "in"], in: folder)
        #expect(first.status == 1)
        #expect(first.stderr == """
            summitkb: in/binary.bin: binary file (NUL byte at byte 0)
            summitkb: in/empty.txt: empty file
            summitkb: in/invalid.txt: invalid UTF-8 at byte 1
            ingested 2, unchanged 0, replaced 0, failed 3

            """)
        let second = try Self.run(["ingest", "--quiet", "in/good1.txt", "in/good2.txt"], in: folder)
        #expect(second.status == 0 && second.stderr.isEmpty)
        let piped = try Self.run(["ingest", "-"], in: folder, stdin: "Berlin – Talks.")
        #expect(piped.status == 0 && piped.stderr == "ingested 1, unchanged 0, replaced 0, failed 0\n")
        let tooBig = try Self.run(["ingest", "--max-bytes", "5", "in/good1.txt"], in: folder)
        #expect(tooBig.status == 1 && tooBig.stderr.hasPrefix("summitkb: in/good1.txt: 32 bytes is over the limit of 5 bytes"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("summitkb.sqlite").path))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
    func aBadLexiconIsRefusedBeforeTheDatabaseIsCreated() throws {
        let folder = try Support.temporaryFolder()
        try Support.write("Paris – Leaders met on Monday.", to: folder.appendingPathComponent("in/good.txt"))
        try Support.write("not a lexicon\n", to: folder.appendingPathComponent("extra.tsv"))
        let run = try Self.run(["ingest", "--lexicon", "extra.tsv", "in"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("summitkb: ") && run.stderr.contains("extra.tsv"))
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("summitkb.sqlite").path))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path)))
    func migrateCreatesAndListsMigrations() throws {
        let folder = try Support.temporaryFolder()
        let listed = try Self.run(["migrate", "--list", "--db", "new.sqlite"], in: folder)
        #expect(listed.status == 0 && listed.stdout == "0001_initial\tpending\n0002_report_summaries\tpending\n0003_ingest_speed\tpending\n0004_plain_checks\tpending\n0005_sentences_by_offset\tpending\n0006_narrow_fingerprint_indexes\tpending\n0007_covering_merge_candidates\tpending\n0008_fewer_random_index_writes\tpending\n0009_voter_counts\tpending\n0010_overview_date_index\tpending\n")
        let migrated = try Self.run(["migrate", "--db", "new.sqlite"], in: folder)
        #expect(migrated.status == 0
                && migrated.stdout == """
                    applied 0001_initial
                    applied 0002_report_summaries
                    applied 0003_ingest_speed
                    applied 0004_plain_checks
                    applied 0005_sentences_by_offset
                    applied 0006_narrow_fingerprint_indexes
                    applied 0007_covering_merge_candidates
                    applied 0008_fewer_random_index_writes
                    applied 0009_voter_counts
                    applied 0010_overview_date_index
                    new.sqlite: schema version 10

                    """)
        let again = try Self.run(["migrate", "--list", "--db", "new.sqlite"], in: folder)
        #expect(again.stdout.hasPrefix("0001_initial\tapplied "))
        let badArguments = try Self.run(["ingest"], in: folder)
        #expect(badArguments.status == 64)
    }
}
