// swift-tools-version:6.0
import PackageDescription

// A separate package that uses SummitKB only through its public API, as any client would.
let package = Package(
    name: "SummitKBClient",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Named explicitly: a path dependency is otherwise identified by its folder name.
        .package(name: "SummitKB", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "SummitKBClient",
            dependencies: [.product(name: "SummitKB", package: "SummitKB")]
        ),
    ]
)
