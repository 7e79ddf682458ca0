// swift-tools-version:6.0
// The fuzz harness for SummitKB's extraction (issue 9). A package of its own so that the
// sanitizer flags never touch the main build: it compiles the real extraction sources and
// the real document decoder through symlinks, not copies. Run it with scripts/fuzz.sh.
import Foundation
import PackageDescription

/// The extraction's data files, as the main package embeds them: listed from the folder, so
/// a new lexicon or pattern file needs no edit here.
let dataFiles = ((try? FileManager.default.contentsOfDirectory(
    atPath: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Sources/SummitKBExtraction/Resources").path)) ?? [])
    .filter { $0.hasSuffix(".tsv") }.sorted()

let package = Package(
    name: "SummitKBFuzz",
    targets: [
        // Symlink to ../Sources/SummitKBExtraction: the pipeline exactly as shipped.
        .target(
            name: "SummitKBExtraction",
            resources: dataFiles.map { .embedInCode("Resources/\($0)") }
        ),
        // Declares libFuzzer's LLVMFuzzerRunDriver.
        .target(name: "CLibFuzzer"),
        // LLVMFuzzerTestOneInput (built with -sanitize=fuzzer), or, built plainly, a
        // random-input driver with the same checks.
        .executableTarget(
            name: "SummitKBFuzz",
            dependencies: ["SummitKBExtraction", "CLibFuzzer"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
