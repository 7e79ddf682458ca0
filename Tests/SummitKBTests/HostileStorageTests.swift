import Foundation
import GRDB
import Testing
@testable import SummitKB

/// A database that cannot be written: full disk, read-only file. Each gives a clear error
/// naming the file and leaves the database as it was.
@Suite struct HostileStorageTests {
    typealias Support = IngestTestSupport

    static let article = "Paris – President Emmanuel Macron met Chancellor Olaf Scholz in Berlin on Monday."

    /// A canonical picture of the database's content and schema.
    static func snapshot(_ kb: KnowledgeBase) throws -> [String] {
        try kb.writer.read { db in
            try String.fetchAll(db, sql: "SELECT type || ' ' || name || ' ' || ifnull(sql, '') FROM sqlite_master ORDER BY name")
            + String.fetchAll(db, sql: "SELECT path || ' ' || sha256 FROM sources ORDER BY path")
        } + (try Support.tableCounts(kb)).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    /// Disk full, simulated portably with `PRAGMA max_page_count` on the writer connection.
    @Test func aFullDatabaseStopsTheRunWithAClearErrorAndKeepsWhatWasThere() throws {
        let (kb, folder) = try Support.fileKnowledgeBase()
        try Support.write(Self.article, to: folder.appendingPathComponent("in/a.txt"))
        _ = try kb.ingest([folder.appendingPathComponent("in/a.txt").path])
        let before = try Self.snapshot(kb)
        try kb.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages + 2)")
        }
        let big = folder.appendingPathComponent("in/b-big.txt")
        try Support.write(String(repeating: Self.article + "\n", count: 4000), to: big)
        #expect {
            try kb.ingest([big.path])
        } throws: { error in
            let message = (error as? LocalizedError)?.errorDescription ?? ""
            return message.hasPrefix("\(kb.path): writing \(big.path) failed: database or disk is full")
                && message.hasSuffix("nothing of its group was written, earlier documents are kept") && !message.contains("\n")
        }
        #expect(try Self.snapshot(kb) == before)
        try Support.expectIntegrity(kb)
    }

    /// A real full file system: a 1 MB tmpfs (needs root and permission to mount; skipped
    /// otherwise). The database is created on it, then a document too big for what is left.
    @Test func aFullFileSystemStopsTheRunWithAClearErrorAndKeepsWhatWasThere() throws {
        let folder = try Support.temporaryFolder()
        let mountPoint = folder.appendingPathComponent("tiny")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        guard Mounts.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint.path]) else {
            print("skipped: cannot mount a tmpfs here")
            return
        }
        defer { _ = Mounts.run("/bin/umount", [mountPoint.path]) }
        let before: [String]
        let path = mountPoint.appendingPathComponent("kb.sqlite").path
        do {
            let kb = try KnowledgeBase(path: path)
            try Support.write(Self.article, to: folder.appendingPathComponent("in/a.txt"))
            _ = try kb.ingest([folder.appendingPathComponent("in/a.txt").path])
            before = try Self.snapshot(kb)
            let big = folder.appendingPathComponent("in/b-big.txt")
            try Support.write(String(repeating: Self.article + "\n", count: 12_000), to: big)   // ~1 MB, stored twice
            #expect {
                try kb.ingest([big.path])
            } throws: { error in
                let message = (error as? LocalizedError)?.errorDescription ?? ""
                return message.hasPrefix("\(path): writing \(big.path) failed:") && !message.contains("\n")
            }
        }
        // Reopened (WAL recovered), the database holds exactly what it held.
        let reopened = try KnowledgeBase(path: path, mode: .readOnly)
        #expect(try Self.snapshot(reopened) == before)
        #expect(try reopened.writer.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") } == ["ok"])
    }

    /// A database file on a read-only file system (a read-only bind mount as root, file
    /// modes otherwise): ingest fails at open with the file's name, queries still work.
    @Test func aReadOnlyDatabaseRefusesIngestAndStillAnswersQueries() throws {
        let folder = try Support.temporaryFolder()
        let dbFolder = folder.appendingPathComponent("db")
        try FileManager.default.createDirectory(at: dbFolder, withIntermediateDirectories: true)
        let path = dbFolder.appendingPathComponent("kb.sqlite").path
        try Support.write(Self.article, to: folder.appendingPathComponent("in/a.txt"))
        try Support.write("Rome – Ministers met.", to: folder.appendingPathComponent("in/b.txt"))
        let before: [String]
        do {
            let kb = try KnowledgeBase(path: path)
            _ = try kb.ingest([folder.appendingPathComponent("in/a.txt").path])
            before = try Self.snapshot(kb)
        }
        let fileBytes = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let undo = Mounts.makeReadOnly(dbFolder, file: path) else {
            print("skipped: cannot make a folder read-only here")
            return
        }
        defer { undo() }
        #expect {
            _ = try KnowledgeBase(path: path).ingest([folder.appendingPathComponent("in/b.txt").path])
        } throws: { error in
            let message = (error as? LocalizedError)?.errorDescription ?? ""
            return message.hasPrefix("\(path): cannot open database:") && !message.contains("\n")
        }
        // Known limit (docs/RELIABILITY.md): SQLite cannot open a WAL database read-only on
        // read-only media when its -shm file does not exist; the error names the file.
        do {
            let reader = try KnowledgeBase(path: path, mode: .readOnly)
            #expect(try Self.snapshot(reader) == before)
        } catch let error as SummitKBError {
            #expect(error == .cannotOpen(path: path, reason: "unable to open database file"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == fileBytes)
    }
}

/// Mounting and file modes for the storage tests.
enum Mounts {
    /// Runs a command quietly; true when it exits 0.
    static func run(_ executable: String, _ arguments: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Makes `folder` (holding `file`) read-only and returns how to undo it, or nil when
    /// that is impossible here. As root, file modes do not stop writes, so a read-only bind
    /// mount of the folder over itself is used.
    static func makeReadOnly(_ folder: URL, file: String) -> (() -> Void)? {
        let probe = folder.appendingPathComponent(".probe").path
        if geteuid() == 0 {
            guard run("/bin/mount", ["--bind", "-o", "ro", folder.path, folder.path]) else { return nil }
            if FileManager.default.createFile(atPath: probe, contents: nil) {
                _ = run("/bin/umount", [folder.path])
                return nil
            }
            return { _ = run("/bin/umount", [folder.path]) }
        }
        chmod(file, 0o444)
        chmod(folder.path, 0o555)
        if FileManager.default.createFile(atPath: probe, contents: nil) {
            chmod(folder.path, 0o755)
            return nil
        }
        return {
            chmod(folder.path, 0o755)
            chmod(file, 0o644)
        }
    }
}
