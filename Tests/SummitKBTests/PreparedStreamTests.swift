import Foundation
import Synchronization
import Testing
@testable import SummitKB

/// The writer takes documents from `PreparedStream` one at a time while the helper queue
/// prepares them: whatever the timing, every document comes out once, in input order, and
/// preparation never runs more than a batch ahead of the batch being taken.
@Suite struct PreparedStreamTests {
    /// Prepared and taken counts, to bound how far preparation runs ahead.
    struct Progress {
        var prepared: [Int] = []
        var taken = 0
        var furthestAhead = 0
    }

    /// With slow preparation the writer waits and prepares too; with a slow writer the
    /// helper runs ahead as far as it may.
    @Test(arguments: [1, 17, 300, 700], [false, true])
    func documentsComeOutOnceInInputOrder(count: Int, slowWriter: Bool) throws {
        let inputs = (0..<count).map { InputDocument(path: String($0), origin: .file) }
        let progress = Mutex(Progress())
        let prepare: @Sendable (InputDocument, [String: String]) -> BatchPreparation.Prepared = { input, _ in
            let index = Int(input.path)!
            // Uneven work: every seventh document takes much longer than the others.
            if !slowWriter { usleep(index.isMultiple(of: 7) ? 300 : 20) }
            progress.withLock { state in
                state.prepared.append(index)
                state.furthestAhead = max(state.furthestAhead, state.prepared.count - state.taken)
            }
            return (LoadedDocument(path: input.path, content: .failure(.init(reason: "stub"))), nil)
        }
        var next = 0, batches = 0
        let stream = PreparedStream { helper in
            let size = KnowledgeBase.ingestBatchSize(at: batches)
            batches += 1
            let batch = Array(inputs[next..<min(count, next + size)])
            next += batch.count
            return BatchPreparation(batch, on: helper, { _ in [:] }, prepare)
        }
        var paths: [String] = []
        while let (document, _) = stream.next() {
            paths.append(document.path)
            if slowWriter { usleep(40) }
            progress.withLock { $0.taken += 1 }
        }
        #expect(paths == inputs.map(\.path))
        let state = progress.withLock { $0 }
        #expect(state.prepared.sorted() == Array(0..<count))
        #expect(state.furthestAhead <= 2 * KnowledgeBase.ingestBatchSize)
    }
}
