import ArgumentParser
import Foundation
import SummitKB

/// The throughput of one extraction stage over an in-memory corpus.
struct StageTiming: Codable {
    var stage: String
    /// Best of the repeats.
    var seconds: Double
    /// Raw corpus megabytes per second (the same denominator for every stage).
    var megabytesPerSecond: Double
    var wordsPerSecond: Double
    /// What the stage produced (paragraphs, tokens, mentions, meetings), so its work cannot be skipped.
    var output: String
}

/// Everything `stages` measured.
struct StagesResult: Codable {
    var seed: UInt64
    var articles: Int
    var bytes: Int
    var words: Int
    var repeats: Int
    var stages: [StageTiming]
}

extension BenchCommand {
    /// `stages`: MB/s of normalization, segmentation, entity tagging and the whole pipeline, one core.
    struct Stages: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time each extraction stage alone, and the whole pipeline, on a generated corpus held in memory.",
            discussion: "Single-threaded: these are per-core figures. Each stage's input is prepared before it is timed.")

        @Option(help: "Corpus size in megabytes of raw article text.")
        var mb: Double = 20

        @Option(help: "Corpus seed.")
        var seed: UInt64 = 1

        @Option(help: "Times each stage runs; the best run is reported.")
        var repeats: Int = 3

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard mb > 0 else { throw ValidationError("--mb must be positive.") }
            guard repeats > 0 else { throw ValidationError("--repeats must be at least 1.") }
        }

        func run() throws {
            note("generating \(mb) MB in memory")
            let generator = CorpusGenerator(seed: seed)
            var articles: [GeneratedArticle] = []
            var bytes = 0
            while Double(bytes) < mb * 1e6 {
                let article = generator.article(articles.count)
                bytes += article.body.utf8.count
                articles.append(article)
            }
            let words = articles.reduce(0) { $0 + $1.wordCount }
            let resources = try ExtractionResources.builtIn()
            let normalizer = Normalizer(rules: resources.boilerplate)
            let tagger = EntityTagger(lexicon: resources.lexicon, titles: resources.titles)
            let pipeline = ExtractionPipeline(resources: resources)

            var timings: [StageTiming] = []
            func measure<T>(_ stage: String, _ body: () -> [T], describe: ([T]) -> String) -> [T] {
                note("timing \(stage)")
                var best = Double.infinity
                var results: [T] = []
                for _ in 0..<repeats {
                    let (output, seconds) = timed(body)
                    results = output
                    best = min(best, seconds)
                }
                timings.append(StageTiming(stage: stage, seconds: best, megabytesPerSecond: Double(bytes) / 1e6 / best,
                                           wordsPerSecond: Double(words) / best, output: describe(results)))
                return results
            }

            let normalized = measure("normalize", { articles.map { normalizer.normalize($0.body, metadata: $0.metadata) } },
                                     describe: { "\($0.reduce(0) { $0 + $1.text.utf8.count }) bytes kept" })
            let documents = measure("segment", { normalized.map { Document($0) } },
                                    describe: { "\($0.reduce(0) { $0 + $1.sentences.count }) sentences, \($0.reduce(0) { $0 + $1.tokens.count }) tokens" })
            _ = measure("tag entities", { documents.map { tagger.tag($0) } },
                        describe: { "\($0.reduce(0) { $0 + $1.mentions.count }) mentions" })
            _ = measure("whole pipeline", { articles.map { pipeline.extract(raw: $0.body, metadata: $0.metadata) } },
                        describe: { "\($0.reduce(0) { $0 + $1.meetings.count }) meetings, \($0.reduce(0) { $0 + $1.proposals.count }) proposals" })

            let result = StagesResult(seed: seed, articles: articles.count, bytes: bytes, words: words, repeats: repeats, stages: timings)
            if output.json { return try output.printJSON(result) }
            var table = TextTable("stage", "best s", "MB/s", "words/s", "output")
            for timing in timings {
                table.add(timing.stage, formatted(timing.seconds, decimals: 3), formatted(timing.megabytesPerSecond, decimals: 1),
                          formatted(timing.wordsPerSecond), timing.output)
            }
            print("""
                Extraction stages, one core, \(formatted(Double(articles.count))) articles, \(formatted(Double(bytes) / 1e6, decimals: 1)) MB, \
                \(formatted(Double(words))) words (seed \(seed), best of \(repeats))

                \(table.render())
                """)
        }
    }
}
