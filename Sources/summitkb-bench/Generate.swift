import ArgumentParser
import Foundation
import SummitKB

extension BenchCommand {
    /// `generate`: writes a synthetic corpus to a folder.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write N synthetic articles into a folder, deterministically by seed.")

        @Option(help: "Number of articles.")
        var count: Int

        @Option(help: "Seed: the same seed writes the same bytes.")
        var seed: UInt64 = 1

        @Option(help: "Folder to write into (created if needed).")
        var out: String

        @Option(help: "Where metadata goes: \(CorpusGenerator.MetadataStyle.allCases.map(\.rawValue).joined(separator: ", ")).")
        var metadata: CorpusGenerator.MetadataStyle = .frontMatter

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard count > 0 else { throw ValidationError("--count must be at least 1.") }
        }

        func run() throws {
            let (manifest, seconds) = try timed {
                try CorpusGenerator(seed: seed).write(count: count, to: URL(fileURLWithPath: out), metadata: metadata)
            }
            if output.json { return try output.printJSON(manifest) }
            print("wrote \(manifest.count) articles (\(formatted(Double(manifest.bytes) / 1e6, decimals: 1)) MB, "
                + "\(manifest.words) words, mean \(manifest.words / manifest.count) words) to \(out) in \(formatted(seconds, decimals: 1)) s")
        }
    }
}

extension CorpusGenerator.MetadataStyle: ExpressibleByArgument {}
