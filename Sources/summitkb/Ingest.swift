import ArgumentParser
import Foundation
import SummitKB

extension SummitKBCommand {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ingest",
            abstract: "Ingest article files, folders (recursively) or standard input.",
            discussion: """
                Each document goes in whole or not at all. A document already stored with the same \
                content is left unchanged; a changed file at the same path replaces its source. A refused \
                document gets one line on stderr (`summitkb: PATH: reason`) and makes the exit code non-zero; \
                the others are still ingested. `FILE.meta` next to a file gives its metadata (key: value). \
                Standard input (`-`) is stored under the path `-`.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("Files, folders, or - for standard input.", valueName: "path"))
        var paths: [String]

        @Option(name: .customLong("lexicon"), help: ArgumentHelp("An extra entity lexicon (entities.tsv format); repeatable.", valueName: "file"))
        var lexicons: [String] = []

        @Option(name: .customLong("max-bytes"), help: ArgumentHelp("Refuse documents larger than this many bytes.", valueName: "n"))
        var maxBytes: Int = IngestOptions().maxDocumentBytes

        @Flag(name: .long, help: "Print only refused documents, no summary or progress.")
        var quiet = false

        func validate() throws {
            if paths.isEmpty { throw ValidationError("Give at least one file, folder or -.") }
            if maxBytes <= 0 { throw ValidationError("--max-bytes must be a positive number of bytes.") }
        }

        func run() throws {
            let report: IngestReport
            let progressLine = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) == 1)
            do {
                let options = IngestOptions(maxDocumentBytes: maxBytes, lexiconPaths: lexicons)
                try options.validate()  // a bad lexicon leaves no database behind
                let kb = try database.openReadWrite()
                report = try kb.ingest(paths, options: options) { progressLine.update(done: $0.done, found: $0.found) }
            } catch {
                progressLine.clear()
                throw fail(error)
            }
            progressLine.clear()
            for (path, reason) in report.failures { Self.printError("summitkb: \(path): \(reason)") }
            if !quiet { Self.printError(report.summary) }
            if report.failed > 0 { throw ExitCode.failure }
        }

        static func printError(_ line: String) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}

/// A one-line progress indicator on a terminal's stderr, shown once a run has lasted a
/// second, redrawn at most ten times a second.
private final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let started = Date()
    private var lastDrawn: Date?
    private let lock = NSLock()

    init(enabled: Bool) { self.enabled = enabled }

    func update(done: Int, found: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(started) >= 1, lastDrawn.map({ now.timeIntervalSince($0) >= 0.1 }) ?? true else { return }
        lastDrawn = now
        FileHandle.standardError.write(Data("\r\u{1B}[Kingesting: \(done) of \(found) documents found so far".utf8))
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if lastDrawn != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
