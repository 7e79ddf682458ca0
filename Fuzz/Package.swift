// swift-tools-version:6.0
// The fuzz harness for SummitKB's extraction (issue 9). A package of its own so that the
// sanitizer flags never touch the main build: it compiles the real extraction sources and
// the real document decoder through symlinks, not copies. Run it with scripts/fuzz.sh.
import PackageDescription

let package = Package(
    name: "SummitKBFuzz",
    targets: [
        // Symlink to ../Sources/SummitKBExtraction: the pipeline exactly as shipped.
        .target(
            name: "SummitKBExtraction",
            resources: [
                .embedInCode("Resources/entities.tsv"),
                .embedInCode("Resources/titles.tsv"),
                .embedInCode("Resources/boilerplate.tsv"),
                .embedInCode("Resources/meeting-terms.tsv"),
                .embedInCode("Resources/proposal-terms.tsv"),
            ]
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
