import ArgumentParser
import Foundation
import SummitKB

/// The figures for one corpus size: the bare baseline and the full ingest on the same files.
struct SizeResult: Codable {
    var articles: Int
    var corpusBytes: Int
    var corpusWords: Int
    var bare: StoreMeasurement
    var ingest: StoreMeasurement
    /// How many times each store was measured; `bare` and `ingest` are the median runs.
    var runs: Int
    /// Ingest time over bare-store time (target: at most 3).
    var ingestOverBare: Double

    init(articles: Int, corpusBytes: Int, corpusWords: Int, bare: StoreMeasurement, ingest: StoreMeasurement, runs: Int) {
        (self.articles, self.corpusBytes, self.corpusWords, self.bare, self.ingest) = (articles, corpusBytes, corpusWords, bare, ingest)
        self.runs = runs
        ingestOverBare = ingest.seconds / bare.seconds
    }

    func articlesPerSecond(_ measurement: StoreMeasurement) -> Double { Double(articles) / measurement.seconds }
    func megabytesPerSecond(_ measurement: StoreMeasurement) -> Double { Double(corpusBytes) / 1e6 / measurement.seconds }
    func wordsPerSecond(_ measurement: StoreMeasurement) -> Double { Double(corpusWords) / measurement.seconds }

    /// Ingest articles/s over each tenth of the corpus, first to last, as the base grows
    /// within the run; nil when the ingest had too few commits to tell.
    var ingestRateByTenth: [Double]? {
        guard let ends = ingest.tenthSeconds, ends.count == 10 else { return nil }
        return ends.indices.map { tenth in
            let seconds = ends[tenth] - (tenth == 0 ? 0 : ends[tenth - 1])
            return seconds > 0 ? Double(articles) / 10 / seconds : 0
        }
    }
}

/// Everything `run` measured.
struct RunResult: Codable {
    var seed: UInt64
    var sizes: [SizeResult]
    /// Ingest articles/s of the largest run over the smallest (target: at least 0.75).
    var ingestFlatness: Double?
    /// Canned reports timed on the largest ingested database.
    var reports: [ReportTiming]
}

extension BenchCommand {
    /// `run`: for each size, generates a corpus, stores it bare and ingests it, each in its own process.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate corpora, then time bare storage against full ingest for each size.")

        @Option(help: "Comma-separated corpus sizes, in articles.")
        var sizes: String = "1000,10000,100000"

        @Option(help: "Corpus seed.")
        var seed: UInt64 = 1

        @Option(help: "Scratch folder for corpora and databases (emptied per size).")
        var work: String = FileManager.default.temporaryDirectory.appendingPathComponent("summitkb-bench").path

        @Option(help: ArgumentHelp(
            "Measurements per size, bare and ingest alternating; the median run of each is reported.",
            discussion: "Default: 3 for \(Self.smallCorpus) articles or fewer, where one run lasts a second or less and the machine's noise weighs most, 1 above."))
        var runs: Int?

        /// The largest corpus measured several times by default.
        static let smallCorpus = 10_000

        @Option(help: "Runs per report when timing reports on the largest database.")
        var reportRuns: Int = 7

        @Flag(inversion: .prefixedNo, help: "Time the canned reports on the largest database.")
        var reports = true

        @OptionGroup var output: OutputOptions

        var parsedSizes: [Int] { sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

        func validate() throws {
            let parsed = parsedSizes
            guard !parsed.isEmpty, parsed.count == sizes.split(separator: ",").count, parsed.allSatisfy({ $0 > 0 }) else {
                throw ValidationError("--sizes must be positive integers separated by commas, e.g. 1000,10000.")
            }
            guard reportRuns > 0 else { throw ValidationError("--report-runs must be at least 1.") }
            guard (runs ?? 1) > 0 else { throw ValidationError("--runs must be at least 1.") }
        }

        func run() throws {
            let workFolder = URL(fileURLWithPath: work)
            var results: [SizeResult] = []
            var largestDatabase: URL?
            for size in parsedSizes {
                let folder = workFolder.appendingPathComponent("size-\(size)")
                try? FileManager.default.removeItem(at: folder)
                let corpus = folder.appendingPathComponent("corpus")
                note("[\(size)] generating corpus in \(corpus.path)")
                let manifest = try CorpusGenerator(seed: seed).write(count: size, to: corpus, metadata: .frontMatter)
                let database = folder.appendingPathComponent("summitkb.sqlite")
                var bare: [StoreMeasurement] = [], ingest: [StoreMeasurement] = []
                let count = runs ?? (size <= Self.smallCorpus ? 3 : 1)
                for run in 1...count {
                    let label = count > 1 ? "[\(size)] run \(run) of \(count):" : "[\(size)]"
                    let bareDatabase = folder.appendingPathComponent("bare.sqlite")
                    try Self.removeDatabase(bareDatabase)
                    try Self.removeDatabase(database)
                    note("\(label) bare store")
                    bare.append(try Measure.inChildProcess(store: .bare, corpus: corpus, database: bareDatabase))
                    note("\(label) full ingest")
                    ingest.append(try Measure.inChildProcess(store: .ingest, corpus: corpus, database: database))
                }
                results.append(SizeResult(articles: size, corpusBytes: manifest.bytes, corpusWords: manifest.words,
                                          bare: Self.median(bare), ingest: Self.median(ingest), runs: count))
                largestDatabase = database
            }
            var reportTimings: [ReportTiming] = []
            if reports, let database = largestDatabase {
                note("timing reports on \(database.path)")
                reportTimings = try CannedReport.time(CannedReport.all, database: database.path, runs: reportRuns)
            }
            let flatness = results.count > 1
                ? results.last!.articlesPerSecond(results.last!.ingest) / results.first!.articlesPerSecond(results.first!.ingest)
                : nil
            let result = RunResult(seed: seed, sizes: results, ingestFlatness: flatness, reports: reportTimings)
            if output.json { return try output.printJSON(result) }
            print(render(result))
        }

        /// The measurement of median time (the slower middle one of an even count).
        static func median(_ measurements: [StoreMeasurement]) -> StoreMeasurement {
            measurements.sorted { $0.seconds < $1.seconds }[measurements.count / 2]
        }

        /// Deletes a database of an earlier run, with its WAL and shared-memory files.
        private static func removeDatabase(_ database: URL) throws {
            for file in databaseFiles(at: database.path) where FileManager.default.fileExists(atPath: file) {
                try FileManager.default.removeItem(atPath: file)
            }
        }

        private func render(_ result: RunResult) -> String {
            var table = TextTable("articles", "runs", "store", "seconds", "articles/s", "MB/s", "words/s", "peak MB",
                                  "DB KB/article", "stored", "failed", "ingest/bare")
            for size in result.sizes {
                for measurement in [size.bare, size.ingest] {
                    table.add(formatted(Double(size.articles)), String(size.runs), measurement.store.rawValue,
                              formatted(measurement.seconds, decimals: 2),
                              formatted(size.articlesPerSecond(measurement)),
                              formatted(size.megabytesPerSecond(measurement), decimals: 2),
                              formatted(size.wordsPerSecond(measurement)),
                              formatted(Double(measurement.peakMemoryBytes) / 1_048_576, decimals: 1),
                              formatted(Double(measurement.databaseBytes) / 1024 / Double(size.articles), decimals: 2),
                              formatted(Double(measurement.stored)), formatted(Double(measurement.failed)),
                              measurement.store == .ingest ? formatted(size.ingestOverBare, decimals: 2) + "x" : "")
                }
            }
            var lines = ["Ingest vs bare SQLite+FTS5 store (seed \(result.seed); median run of each store; target: ingest/bare <= 3x)",
                         "", table.render()]
            if let flatness = result.ingestFlatness {
                lines += ["", "Ingest articles/s, largest run over smallest: \(formatted(flatness, decimals: 2)) (target >= 0.75)"]
            }
            let byTenth = result.sizes.compactMap { size in size.ingestRateByTenth.map { (size.articles, $0) } }
            if !byTenth.isEmpty {
                lines += ["", "Ingest articles/s over each tenth of the corpus, as the base grows (from commit times)", ""]
                for (articles, rates) in byTenth {
                    let lastOverFirst = rates[0] > 0 ? formatted(rates[9] / rates[0], decimals: 2) : "-"
                    lines.append("\(formatted(Double(articles))): " + rates.map { formatted($0) }.joined(separator: " ")
                                 + "  (last tenth over first: \(lastOverFirst))")
                }
            }
            if !result.reports.isEmpty {
                lines += ["", "Reports on the \(formatted(Double(result.sizes.last!.articles)))-article database (target < 50 ms)", "",
                          CannedReport.render(result.reports)]
            }
            return lines.joined(separator: "\n")
        }
    }
}
