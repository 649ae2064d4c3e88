@testable import Build
import Foundation
import Support
@testable import Output
@testable import SiteModel
import TestSupport
import XCTest

/// `serve` keeps stage results between rebuilds: an edit reruns only the stages it reaches, and
/// the site comes out as a full build makes it.
final class BuildCacheTests: XCTestCase {
    /// A small real site (BASIL and the seed pages: `Fixtures.smallSite`) in a folder of the test's own.
    func defaultSiteCopy() throws -> URL {
        let root = try Fixtures.smallSite(self)
        return root
    }

    func testRebuildsRerunOnlyTheStagesAnEditReaches() throws {
        let root = try defaultSiteCopy()
        var options = BuildOptions(root: root.path)
        options.cache = BuildCache()
        var report = BuildReport()
        func build() throws -> [String] {
            report = try SiteBuilder(options: options).build()
            return report.stages.map(\.name)
        }

        XCTAssertEqual(try build(), ["load", "clean", "group", "measure+summarise", "markdown", "render", "write"])

        // A template edit: the corpus, the grouping and the measures come from memory.
        let template = root.appendingPathComponent("Templates/story.mustache")
        let text = try String(contentsOf: template, encoding: .utf8)
        try text.replacingOccurrences(of: "<h1", with: "<h1 data-edited").write(to: template, atomically: true, encoding: .utf8)
        XCTAssertEqual(try build(), ["load+clean (unchanged)", "group", "measure+summarise", "markdown", "render", "write"])
        let story = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Public/stories").path).sorted().first!
        let page = try String(contentsOfFile: root.appendingPathComponent("Public/stories/\(story)/index.html").path, encoding: .utf8)
        XCTAssertTrue(page.contains("<h1 data-edited"))

        // A corpus edit: everything runs again, and the page shows the new title.
        let corpus = root.appendingPathComponent("Content/corpus")
        let file = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted().first { $0.hasSuffix(".jsonl") }!
        let records = try String(contentsOf: corpus.appendingPathComponent(file), encoding: .utf8)
        try records.replacingOccurrences(of: "\"title\": \"", with: "\"title\": \"Edited ").write(to: corpus.appendingPathComponent(file), atomically: true, encoding: .utf8)
        XCTAssertEqual(try build(), ["load", "clean", "group", "measure+summarise", "markdown", "render", "write"])
        // Only the edited file is read again; the seed story's raw articles come from memory.
        let files = FileTree.files(below: corpus.path).filter { !($0 as NSString).lastPathComponent.hasPrefix("_") }.count // not _story.yml
        XCTAssertEqual(report.corpusReused?.filesRead, 1)
        XCTAssertEqual(report.corpusReused?.files, files - 1)
        XCTAssertGreaterThan(report.corpusReused?.articles ?? 0, 0)

        // The site equals a full build without the cache.
        try assertSiteEqualsAFullBuild(root)
    }

    /// An edit to one story re-renders that story's page and the pages that show what changed
    /// (its title, on the pages listing it as related); every other story page stays as it is.
    func testAStoryEditRerendersOnlyThePagesShowingIt() throws {
        let root = try defaultSiteCopy()
        var options = BuildOptions(root: root.path)
        options.cache = BuildCache()
        let first = try SiteBuilder(options: options).build()
        XCTAssertEqual(first.storyPagesKept, 0)
        XCTAssertEqual(first.storyPagesRendered, first.stories, "every story page, timed apart from the rest of the render stage")
        let storyTime = try XCTUnwrap(first.storyPagesTime)
        let renderTime = try XCTUnwrap(first.stages.first { $0.name == "render" })
        XCTAssertGreaterThan(storyTime.wall, 0)
        XCTAssertLessThanOrEqual(storyTime.wall, renderTime.wall)
        XCTAssertTrue(first.stagesLine.contains("; of render, \(first.stories) story pages "), first.stagesLine)
        let model = try SiteBuilder(options: BuildOptions(root: root.path)).render().model
        guard let target = model.stories.first(where: { entry in model.stories.contains { $0.story.related.contains(entry.story.slug) } }) else {
            return XCTFail("the default site should have a story that another lists as related")
        }
        let slug = target.story.slug
        let listing = model.stories.filter { $0.story.related.contains(slug) }.map(\.story.slug)

        // Its summary only: one page.
        let stories = root.appendingPathComponent("Content/stories")
        try FileManager.default.createDirectory(at: stories, withIntermediateDirectories: true)
        try "---\npinned: false\n---\nAn editor's summary of this story.\n".write(to: stories.appendingPathComponent("\(slug).md"), atomically: true, encoding: .utf8)
        var report = try SiteBuilder(options: options).build()
        XCTAssertEqual(report.storyPagesKept, model.stories.count - 1)
        XCTAssertEqual(report.storyPagesRendered, 1)
        // Its entry in its data shard is made again.
        let object = try Self.dataEntry(of: slug, in: root)
        XCTAssertEqual(object["summary_by_editor"] as? Bool, true)
        let page = try String(contentsOfFile: root.appendingPathComponent("Public/stories/\(slug)/index.html").path, encoding: .utf8)
        XCTAssertTrue(page.contains("An editor&#39;s summary") || page.contains("An editor’s summary") || page.contains("An editor's summary"))

        // Its title: its page and every page listing it as related.
        try "---\ntitle: A title set by the editors\n---\n".write(to: stories.appendingPathComponent("\(slug).md"), atomically: true, encoding: .utf8)
        report = try SiteBuilder(options: options).build()
        XCTAssertEqual(report.storyPagesKept, model.stories.count - 1 - listing.count)
        for other in listing {
            let html = try String(contentsOfFile: root.appendingPathComponent("Public/stories/\(other)/index.html").path, encoding: .utf8)
            XCTAssertTrue(html.contains("A title set by the editors"), other)
        }

        // A content page: the other pages come from the last build (their contexts are equal).
        let pageCount = report.pages
        try "---\ntitle: About\n---\nAn about page edited while the server runs.\n".write(to: root.appendingPathComponent("Content/pages/about.md"), atomically: true, encoding: .utf8)
        report = try SiteBuilder(options: options).build()
        XCTAssertEqual(report.storyPagesKept, model.stories.count)
        XCTAssertEqual(report.pagesReused, pageCount - model.stories.count - 1, "every page but the stories' and the edited one")
        XCTAssertTrue(try String(contentsOfFile: root.appendingPathComponent("Public/about/index.html").path, encoding: .utf8).contains("edited while the server runs"))
        try assertSiteEqualsAFullBuild(root)

        // Nothing changed: every story page is kept, and the site equals a full build's.
        report = try SiteBuilder(options: options).build()
        XCTAssertEqual(report.storyPagesKept, model.stories.count)
        XCTAssertEqual(report.storyPagesRendered, 0)
        XCTAssertFalse(report.stagesLine.contains("; of render,"), report.stagesLine)
        try assertSiteEqualsAFullBuild(root)
    }

    /// A template edit re-renders the pages rendered with that template, directly or through a
    /// partial or parent; every other page stays, story pages included.
    func testATemplateEditRerendersOnlyThePagesUsingIt() throws {
        let root = try defaultSiteCopy()
        var options = BuildOptions(root: root.path)
        options.cache = BuildCache()
        let first = try SiteBuilder(options: options).build()
        let stories = first.stories, pages = first.pages
        XCTAssertGreaterThan(stories, 10)
        let templates = root.appendingPathComponent("Templates")
        var marker = 0
        /// Edits `name`, builds, and returns the report and how many pages show the edit.
        func edit(_ name: String, _ old: String) throws -> (report: BuildReport, showing: Int) {
            marker += 1
            let file = templates.appendingPathComponent(name)
            let text = try String(contentsOf: file, encoding: .utf8)
            XCTAssertTrue(text.contains(old), name)
            try text.replacingOccurrences(of: old, with: old + "<i hidden>edit \(marker)</i>").write(to: file, atomically: true, encoding: .utf8)
            let report = try SiteBuilder(options: options).build()
            let public_ = root.appendingPathComponent("Public").path
            let showing = FileTree.files(below: public_).filter { $0.hasSuffix(".html") }.filter { path in
                (try? String(contentsOfFile: public_ + "/" + path, encoding: .utf8))?.contains("<i hidden>edit \(marker)</i>") == true
            }.count
            return (report, showing)
        }

        // The home page template: only the home pages are rendered again.
        var (report, showing) = try edit("home.mustache", "</h1>")
        XCTAssertGreaterThan(showing, 0)
        XCTAssertEqual(report.storyPagesKept, stories)
        XCTAssertEqual(report.pagesReused, pages - stories - showing)
        try assertSiteEqualsAFullBuild(root)

        // A partial used by the lists of stories, not by story pages.
        (report, showing) = try edit("partials/story-card.mustache", "</h3>")
        XCTAssertGreaterThan(showing, 2, "home, topic and outlet pages")
        XCTAssertEqual(report.storyPagesKept, stories)
        // The blindspot page uses the partial too, and is rendered again even with no card on it.
        let blindspot = try String(contentsOfFile: root.appendingPathComponent("Public/blindspot/index.html").path, encoding: .utf8)
        XCTAssertEqual(report.pagesReused, pages - stories - showing - (blindspot.contains("class=\"card\"") ? 0 : 1))

        // The story template: every story page, no other page.
        (report, showing) = try edit("story.mustache", "</h1>")
        XCTAssertEqual(showing, stories)
        XCTAssertEqual(report.storyPagesKept, 0)
        XCTAssertEqual(report.pagesReused, pages - stories)

        // A partial of the story pages only.
        (report, showing) = try edit("partials/source-entry.mustache", "</time>")
        XCTAssertEqual(report.storyPagesKept, 0)
        XCTAssertEqual(report.pagesReused, pages - stories)

        // The layout every page extends: every page.
        (report, showing) = try edit("base.mustache", "<main id=\"main\" class=\"wrap\">")
        XCTAssertEqual(showing, pages)
        XCTAssertEqual(report.storyPagesKept, 0)
        XCTAssertEqual(report.pagesReused, 0)
        try assertSiteEqualsAFullBuild(root)

        // The stylesheet: every page links its new name.
        let css = templates.appendingPathComponent("assets/site.css")
        try (String(contentsOf: css, encoding: .utf8) + "\n/* edited */\n").write(to: css, atomically: true, encoding: .utf8)
        report = try SiteBuilder(options: options).build()
        XCTAssertEqual(report.storyPagesKept, 0)
        XCTAssertEqual(report.pagesReused, 0)
        try assertSiteEqualsAFullBuild(root)
    }

    /// The pages open in a browser are made first and handed over with the theme's assets, byte
    /// for byte what the build then writes.
    func testFirstPagesAreTheFilesTheBuildWrites() throws {
        let root = try defaultSiteCopy()
        let siteFile = root.appendingPathComponent("Content/site.yml")
        let site = try String(contentsOf: siteFile, encoding: .utf8)
        try (site.components(separatedBy: "\n").filter { !$0.hasPrefix("stories_per_page:") } + ["stories_per_page: 10"]).joined(separator: "\n")
            .write(to: siteFile, atomically: true, encoding: .utf8)
        let model = try SiteBuilder(options: BuildOptions(root: root.path)).render().model
        XCTAssertGreaterThan(model.stories.count, 20, "three home pages at least")
        let outlet = try XCTUnwrap(model.outlets.first { $0.stories.count > 10 }, "an outlet with two pages"), topic = try XCTUnwrap(model.topics.first)
        let open = ["stories/\(model.stories[3].story.slug)/index.html", "stories/\(model.stories[0].story.slug)/index.html", "index.html", "page/3/index.html",
                    "outlets/index.html", SitePaths.file(for: outlet.path), SitePaths.file(for: SitePaths.paged(outlet.path, 2)), "topics/index.html", SitePaths.file(for: topic.path),
                    "blindspot/index.html", "about/index.html"]
        final class Box: @unchecked Sendable { var calls: [[OutputFile]] = [] }
        let box = Box()
        var options = BuildOptions(root: root.path)
        options.firstPages = Set(open + ["search/index.html", "404.html", "feed.xml", "stories/no-such-story/index.html", "page/999/index.html"])
        options.onFirstPages = { box.calls.append($0) }
        _ = try SiteBuilder(options: options).build()
        XCTAssertEqual(box.calls.count, 1)
        let files = box.calls.first ?? []
        XCTAssertEqual(Set(files.map(\.path).filter { $0.hasSuffix(".html") }), Set(open), "not the search page, the 404 page or a feed")
        XCTAssertTrue(files.contains { $0.path.hasPrefix("site.") && $0.path.hasSuffix(".css") }, "the stylesheet they link to")
        for file in files {
            XCTAssertEqual(FileManager.default.contents(atPath: root.appendingPathComponent("Public/" + file.path).path), file.data, file.path)
        }

        // None of those open: not called.
        box.calls = []
        options.firstPages = ["search/index.html", "stories.json"]
        options.force = true
        _ = try SiteBuilder(options: options).build()
        XCTAssertTrue(box.calls.isEmpty)
    }

    /// A story's object in the shard of data/ its page links to.
    static func dataEntry(of slug: String, in root: URL) throws -> [String: Any] {
        let public_ = root.appendingPathComponent("Public")
        let page = try String(contentsOfFile: public_.appendingPathComponent("stories/\(slug)/index.html").path, encoding: .utf8)
        let href = try XCTUnwrap(page.range(of: #"(?<=<a href="\.\./\.\./)data/[^"]+(?=" type="application/json")"#, options: .regularExpression).map { String(page[$0]) }, slug)
        let shard = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: public_.appendingPathComponent(href))) as? [String: Any])
        let stories = try XCTUnwrap(shard["stories"] as? [[String: Any]])
        return try XCTUnwrap(stories.first { $0["slug"] as? String == slug }, "\(slug) in \(href)")
    }
}
