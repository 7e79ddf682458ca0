import Dispatch
import Foundation
import GRDB

/// Copies committed WAL frames into the database file on a connection and thread of its
/// own while an ingest writes.
///
/// ```swift
/// let checkpointer = try BackgroundCheckpointer(path: "kb.sqlite")
/// // after each commit:
/// checkpointer?.commitDidFinish()
/// // when the run ends:
/// checkpointer?.stop()
/// ```
///
/// Ingest has one writer, and copying the WAL into the database (a checkpoint) was an eighth
/// of its time, more on a large base where every commit changes pages all over the file. A
/// passive checkpoint never blocks the writer, so it runs here, on the core the extraction
/// leaves idle, after each commit. The writer keeps its own automatic checkpoint: it finds
/// little left to copy, and once everything is copied SQLite starts the WAL over, so the WAL
/// stays as bounded as before.
final class BackgroundCheckpointer: @unchecked Sendable {
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "summitkb.checkpoint", qos: .utility)
    private let lock = NSLock()
    private var scheduled = false
    /// Whether the last checkpoint left frames uncopied (touched only on `queue`).
    private var behind = false

    /// A checkpointer for the file at `path`; nil for an in-memory database, which has no WAL.
    init?(path: String) throws {
        guard path != ":memory:", !path.isEmpty else { return nil }
        connection = try DatabaseQueue(path: path)
    }

    /// Schedules a checkpoint of everything committed so far, unless one is already waiting.
    func commitDidFinish() {
        lock.lock()
        defer { lock.unlock() }
        guard !scheduled else { return }
        scheduled = true
        queue.async { [self] in
            lock.lock()
            scheduled = false
            lock.unlock()
            // A checkpoint that cannot run now (another one holds the lock) is simply skipped:
            // the next commit schedules another, and the writer's own checkpoint remains.
            checkpoint()
        }
    }

    /// Waits for a running checkpoint, copies what the last one left (the run's last commit
    /// has no next commit to schedule another), and closes the connection.
    func stop() {
        queue.sync { if behind { checkpoint() } }
        try? connection.close()
    }

    private func checkpoint() {
        let frames = try? connection.writeWithoutTransaction { try $0.checkpoint(.passive) }
        behind = frames.map { $0.checkpointedFrameCount < $0.walFrameCount } ?? true
    }
}
