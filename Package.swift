// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sitegen",
        products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        // For Fuzz/ (a separate package that builds these with -sanitize=fuzzer,address).
        .library(name: "SitegenCore", targets: ["Support", "Cleaning", "Corpus", "Charts"]),
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
        // The article text cleaner: clutter lines, boilerplate learned per outlet, titles.
        .target(name: "Cleaning", dependencies: ["Support"]),
        .target(
            name: "Corpus",
            dependencies: [
                "Support", "Cleaning", "CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(name: "Stories", dependencies: ["Support", "Corpus"]),
        .target(name: "Charts", dependencies: ["Support"]),
        .target(name: "TemplateEngine", dependencies: ["Support"]),
        .target(name: "Markdown", dependencies: ["CMarkGFM", "Support", "Corpus", "Stories"]),
        // Where pages, stories, outlets and topics live, and what the site's config says.
        .target(
            name: "SiteModel",
            dependencies: ["Support", "Corpus", "Stories", "Charts", "Markdown", "TemplateEngine", .product(name: "Yams", package: "Yams")]
        ),
        // The output folder: written atomically, unchanged files left alone.
        .target(name: "Output", dependencies: ["Support", "CAtomicSwap"]),
        // Atom feeds, OPML, the sitemap, stories.json and the search index.
        .target(name: "Feeds", dependencies: ["Support", "Corpus", "Stories", "SiteModel", "Output"]),
        // The pages: the theme's templates over each page's values.
        .target(name: "Render", dependencies: ["Support", "Corpus", "Stories", "Charts", "Markdown", "TemplateEngine", "SiteModel", "Output"]),
        // Internal links and anchors of a built site.
        .target(name: "LinkCheck", dependencies: ["Support", "SiteModel"]),
        // The pipeline: `build`, `check`, `publish` and `serve` run it.
        .target(
            name: "Build",
            dependencies: ["Support", "Corpus", "Stories", "Markdown", "SiteModel", "Output", "Feeds", "Render", "LinkCheck"]
        ),
        // `sitegen serve`: the preview server, file watching, rebuilds and live reload.
        .target(
            name: "Server",
            dependencies: [
                "Build", "Output", "SiteModel", "Support", "Corpus",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `sitegen publish` and `sitegen init`: deploying Public/ and starting new sites.
        .target(name: "Publish", dependencies: ["Build", "Output", "LinkCheck", "SiteModel", "Support", "Corpus"]),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "Build", "SiteModel", "Support", "Corpus", "Stories", "Markdown", "Publish", "Server", "CMimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Paths to the repository and ../shared/data, temporary folders: shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SupportTests", dependencies: ["Support", "TestSupport"]),
        .testTarget(name: "CleaningTests", dependencies: ["Cleaning", "TestSupport"]),
        .testTarget(name: "CorpusTests", dependencies: ["Cleaning", "Support", "Corpus", "TestSupport"]),
        .testTarget(name: "StoriesTests", dependencies: ["Cleaning", "Support", "Stories", "Corpus", "TestSupport"]),
        .testTarget(name: "ChartsTests", dependencies: ["Support", "Charts"]),
        .testTarget(name: "TemplateEngineTests", dependencies: ["TemplateEngine"], resources: [.copy("Spec")]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown", "Stories", "Corpus", "TestSupport"]),
        .testTarget(name: "OutputTests", dependencies: ["Output", "SiteModel", "Support", "TestSupport"]),
        .testTarget(name: "FeedsTests", dependencies: ["Feeds", "Build", "Render", "SiteModel", "Output", "Support", "Corpus", "Stories", "TestSupport"], exclude: ["Fixtures", "validate_feeds.py"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "TemplateEngine", "Build", "Output", "Charts", "Corpus", "TestSupport"]),
        .testTarget(name: "BuildTests", dependencies: ["Build", "Feeds", "Render", "SiteModel", "Output", "LinkCheck", "Support", "Corpus", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Build", "LinkCheck", "Corpus", "TestSupport"]),
        .testTarget(name: "PublishTests", dependencies: ["Publish", "Build", "SiteModel", "Output", "TestSupport"]),
        .testTarget(name: "ServerTests", dependencies: ["Support", "Server", "Build", "Output", "SiteModel", "TestSupport"]),
    ]
)
