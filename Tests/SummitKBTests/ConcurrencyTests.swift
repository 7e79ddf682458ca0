import Foundation
import GRDB
import Testing
@testable import SummitKB

/// Readers while an ingest writes, and two writers at once, in one process and across
/// processes. None may fail with "database is locked".
@Suite struct ConcurrencyTests {
    typealias Support = IngestTestSupport

    /// A folder of `count` generated articles under `folder/name`.
    static func corpus(_ name: String, count: Int, seed: UInt64, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        _ = try CorpusGenerator(seed: seed).write(count: count, to: url)
        return url.path
    }

    /// Runs `body` on a new thread; the returned closure waits for it and rethrows.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) -> () throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = Result { try body() }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        return {
            done.wait()
            return try box.result!.get()
        }
    }

    @Test func readOnlyKnowledgeBasesAndSqlite3ReadWhileAnIngestWrites() throws {
        let folder = try Support.temporaryFolder()
        let input = try Self.corpus("in", count: 150, seed: 5, in: folder)
        let path = folder.appendingPathComponent("kb.sqlite").path
        let writer = try KnowledgeBase(path: path)
        let finished = Self.onThread { try writer.ingest([input]) }
        var counts: [Int] = []
        var sqliteCounts: [Int] = []
        let sqlite3 = ["/usr/bin/sqlite3", "/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        for round in 0..<30 {
            // A new read-only connection each round, as a query command would open one.
            let reader = try KnowledgeBase(path: path, mode: .readOnly)
            counts.append(try reader.writer.read { db in
                // A reader sees whole documents only: every source has its evidence.
                let partial = try Int.fetchOne(db, sql: "SELECT count(*) FROM sources s WHERE NOT EXISTS (SELECT 1 FROM evidence WHERE source_id = s.id)") ?? 0
                #expect(partial == 0)
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM sources") ?? -1
            })
            if let sqlite3, round % 3 == 0 {
                let output = try Self.capture(sqlite3, [path, "SELECT count(*) FROM sources;"])
                #expect(output.status == 0, "sqlite3: \(output.stderr)")
                sqliteCounts.append(Int(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let report = try finished()
        #expect(report.summary == "ingested 150, unchanged 0, replaced 0, failed 0")
        #expect(counts == counts.sorted() && counts.allSatisfy { $0 >= 0 && $0 <= 150 })
        #expect(sqliteCounts == sqliteCounts.sorted() && sqliteCounts.allSatisfy { $0 >= 0 && $0 <= 150 })
        try Support.expectIntegrity(writer)
    }

    @Test func twoKnowledgeBasesIngestingOneFileAtOnceBothFinish() throws {
        let folder = try Support.temporaryFolder()
        let first = try Self.corpus("one", count: 80, seed: 6, in: folder)
        let second = try Self.corpus("two", count: 80, seed: 7, in: folder)
        let path = folder.appendingPathComponent("kb.sqlite").path
        // Both open (and race to create and migrate) the file on their own threads.
        let a = Self.onThread { try KnowledgeBase(path: path).ingest([first]) }
        let b = Self.onThread { try KnowledgeBase(path: path).ingest([second]) }
        #expect(try a().summary == "ingested 80, unchanged 0, replaced 0, failed 0")
        #expect(try b().summary == "ingested 80, unchanged 0, replaced 0, failed 0")
        let kb = try KnowledgeBase(path: path)
        #expect(try Support.tableCounts(kb)["sources"] == 160)
        try Support.expectIntegrity(kb)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: IngestCommandTests.binary.path)))
    func twoIngestProcessesAtOnceBothFinishWithoutLockErrors() throws {
        let folder = try Support.temporaryFolder()
        _ = try Self.corpus("one", count: 120, seed: 8, in: folder)
        _ = try Self.corpus("two", count: 120, seed: 9, in: folder)
        let runs = ["one", "two"].map { name in
            Self.onThread { try Self.capture(IngestCommandTests.binary.path, ["ingest", "--db", "kb.sqlite", name], in: folder) }
        }
        for run in runs {
            let output = try run()
            #expect(output.status == 0 && output.stderr == "ingested 120, unchanged 0, replaced 0, failed 0\n", "\(output.stderr)")
            #expect(!output.stderr.contains("locked"))
        }
        let kb = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path, mode: .readOnly)
        #expect(try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sources") } == 240)
    }

    /// A read-only open never writes the database file: its bytes are unchanged, and so is
    /// the -wal file when one exists. (SQLite itself may create -wal and -shm next to a WAL
    /// database to read it; docs/RELIABILITY.md explains.)
    @Test func aReadOnlyOpenNeverWritesTheDatabase() throws {
        let (kb, folder) = try Support.fileKnowledgeBase()
        try Support.write(HostileStorageTests.article, to: folder.appendingPathComponent("in/a.txt"))
        _ = try kb.ingest([folder.appendingPathComponent("in").path])
        let path = kb.path
        func bytes(_ suffix: String) -> Data? { FileManager.default.contents(atPath: path + suffix) }
        let main = bytes(""), wal = bytes("-wal")
        let reader = try KnowledgeBase(path: path, mode: .readOnly)
        _ = try HostileStorageTests.snapshot(reader)
        #expect {
            try reader.writer.write { db in try db.execute(sql: "DELETE FROM sources") }
        } throws: { error in
            (error as? DatabaseError)?.resultCode == .SQLITE_READONLY
        }
        #expect(bytes("") == main)
        #expect(bytes("-wal") == wal)
        // A missing file is not created by a read-only open.
        let missing = folder.appendingPathComponent("missing.sqlite").path
        #expect(throws: SummitKBError.cannotOpen(path: missing, reason: "no such file; run `summitkb ingest` first")) {
            try KnowledgeBase(path: missing, mode: .readOnly)
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    struct Output: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func capture(_ executable: String, _ arguments: [String], in folder: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.environment = ["PATH": "/usr/bin:/bin"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let readErrors = onThread { errors.fileHandleForReading.readDataToEndOfFile() }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = try readErrors()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }
}

/// The result of a thread, written once before its semaphore is signalled.
final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
