// swift-tools-version:6.0
// Fuzz targets for sitegen (issue #8: hostile input cannot hurt the site). A package of its own, so
// the main package's `swift build`/`swift test` never see libFuzzer. Build and run through
// `Scripts/fuzz.sh`; without `-DFUZZING` each executable replays the files it is given.
//
// Support, Corpus and Charts come from the main package (product `SitegenCore`). `SitePaths.swift` and
// `StaticSite.swift` are single-file symlinks into `fuzz-paths` (so the fuzz build does not pull in
// SiteModel's and Server's dependencies, and `StaticSite.segments(of:)` stays internal). The property
// checks are symlinks to the files the main package's replay tests compile (Tests/*/FuzzTargets/),
// so a fuzz run and `swift test` check the same properties.
import PackageDescription

let inModule: [SwiftSetting] = [.define("SITEGEN_FUZZ")]

let package = Package(
    name: "sitegen-fuzz",
    dependencies: [.package(name: "sitegen", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "fuzz-corpus", dependencies: ["FuzzSupport", .product(name: "SitegenCore", package: "sitegen")], swiftSettings: inModule),
        .executableTarget(name: "fuzz-frontmatter", dependencies: ["FuzzSupport", .product(name: "SitegenCore", package: "sitegen")], swiftSettings: inModule),
        .executableTarget(name: "fuzz-paths", dependencies: ["FuzzSupport", .product(name: "SitegenCore", package: "sitegen")], swiftSettings: inModule),
        .executableTarget(name: "fuzz-svg", dependencies: ["FuzzSupport", .product(name: "SitegenCore", package: "sitegen")], swiftSettings: inModule),
    ]
)
