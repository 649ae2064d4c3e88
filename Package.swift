// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sitegen",
        products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        // For Fuzz/ (a separate package that builds these with -sanitize=fuzzer,address).
        .library(name: "SitegenCore", targets: ["Support", "Corpus", "Charts"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        // C libraries from Debian, reached through pkg-config / plain linking.
        .systemLibrary(
            name: "CMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The executable's allocator (see Sources/sitegen/Allocator.swift).
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
        .target(name: "CAtomicSwap"),

        // What every stage shares: parallel map, hashing, dates, slugs, safe URLs, escaping, diagnostics.
        .target(name: "Support"),
        .target(
            name: "Corpus",
            dependencies: [
                "Support", "CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(name: "Stories", dependencies: ["Support", "Corpus"]),
        .target(name: "Charts", dependencies: ["Support"]),
        .target(name: "TemplateEngine", dependencies: ["Support"]),
        .target(name: "Markdown", dependencies: ["CMarkGFM", "Support", "Corpus", "Stories"]),
        .target(
            name: "Site",
            dependencies: [
                "Support", "Corpus", "Stories", "Charts", "Markdown", "CAtomicSwap", "TemplateEngine",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // `sitegen serve`: the preview server, file watching, rebuilds and live reload.
        .target(
            name: "Server",
            dependencies: [
                "Site", "Support", "Corpus",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `sitegen publish` and `sitegen init`: deploying Public/ and starting new sites.
        .target(name: "Publish", dependencies: ["Site", "Support", "Corpus"]),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "Site", "Support", "Corpus", "Stories", "Markdown", "Publish", "Server", "CMimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Paths to the repository and ../shared/data, temporary folders: shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SupportTests", dependencies: ["Support"]),
        .testTarget(name: "CorpusTests", dependencies: ["Support", "Corpus", "TestSupport"]),
        .testTarget(name: "StoriesTests", dependencies: ["Support", "Stories", "Corpus", "TestSupport"]),
        .testTarget(name: "ChartsTests", dependencies: ["Support", "Charts"]),
        .testTarget(name: "TemplateEngineTests", dependencies: ["TemplateEngine"], resources: [.copy("Spec")]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown", "Stories", "Corpus", "TestSupport"]),
        .testTarget(name: "SiteTests", dependencies: ["Support", "Site", "Corpus", "Stories", "Markdown", "Charts", "TestSupport"], exclude: ["Fixtures", "validate_feeds.py"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Site", "Corpus", "TestSupport"]),
        .testTarget(name: "PublishTests", dependencies: ["Publish", "Site", "TestSupport"]),
        .testTarget(name: "ServerTests", dependencies: ["Support", "Server", "Site", "TestSupport"]),
    ]
)
