import ArgumentParser

/// `summitkb-bench`: generates synthetic corpora and measures SummitKB against a bare SQLite baseline.
///
/// ```sh
/// swift run -c release summitkb-bench generate --count 3000 --seed 9 --out /tmp/corpus
/// swift run -c release summitkb-bench run --sizes 1000,10000,100000
/// swift run -c release summitkb-bench stages --mb 20
/// swift run -c release summitkb-bench reports --db summitkb.sqlite
/// ```
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summitkb-bench",
        abstract: "Generate synthetic news corpora and benchmark SummitKB ingest, extraction stages and reports.",
        discussion: """
        Every figure is printed next to a baseline measured in the same run: full ingest against \
        storing the same files bare (raw text + FTS5, no extraction).
        """,
        subcommands: [Generate.self, Run.self, Stages.self, Reports.self, Measure.self])
}
