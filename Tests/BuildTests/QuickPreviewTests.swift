@testable import Build
import Foundation
@testable import Output
@testable import SiteModel
import TestSupport
import XCTest

/// `serve`'s quick preview of a corpus edit: the pages showing the edited articles, made from
/// the last build's stories before the exact build, which then writes the site a full build
/// makes.
final class QuickPreviewTests: XCTestCase {
    final class Box: @unchecked Sendable { var calls: [[OutputFile]] = [] }

    struct Site {
        var root: URL
        var options: BuildOptions
        let previews = Box()

        var corpusFile: URL { root.appendingPathComponent("Content/corpus/basil-stories-dev.jsonl") }

        /// Builds; returns the preview's pages (nil: no preview) and the report.
        mutating func build(open: Set<String> = []) throws -> (preview: [String: String]?, report: BuildReport) {
            previews.calls = []
            options.firstPages = open
            let report = try SiteBuilder(options: options).build()
            XCTAssertLessThanOrEqual(previews.calls.count, 1)
            let files = previews.calls.first.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) }) }
            XCTAssertEqual(files != nil, report.stages.contains { $0.name == "quick preview" }, "the preview is a stage of its own")
            return (files, report)
        }

        func page(_ path: String) throws -> String {
            try String(contentsOfFile: root.appendingPathComponent("Public/" + path).path, encoding: .utf8)
        }

        /// Rewrites the corpus file's records: `change` gets each record by id (false drops it;
        /// a record without an id is dropped).
        func edit(_ change: (String, inout [String: Any]) -> Bool) throws {
            let lines = try String(contentsOf: corpusFile, encoding: .utf8).split(separator: "\n")
            var out: [String] = []
            for line in lines {
                var record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                guard let id = record["id"] as? String, change(id, &record) else { continue }
                out.append(String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self))
            }
            try (out.joined(separator: "\n") + "\n").write(to: corpusFile, atomically: true, encoding: .utf8)
        }
    }

    /// A small real site (`Fixtures.smallSite`), built once with a cache; `siteYAML` is added to its site.yml first.
    func makeSite(siteYAML: String = "") throws -> (Site, SiteModel) {
        let root = try Fixtures.smallSite(self)
        let yml = root.appendingPathComponent("Content/site.yml")
        try (try String(contentsOf: yml, encoding: .utf8) + siteYAML).write(to: yml, atomically: true, encoding: .utf8)
        var options = BuildOptions(root: root.path)
        options.cache = BuildCache()
        var site = Site(root: root, options: options)
        let box = site.previews
        site.options.onPreview = { box.calls.append($0) }
        XCTAssertNil(try site.build().preview, "the first build has no last build to preview from")
        let model = try SiteBuilder(options: BuildOptions(root: root.path)).render().model
        return (site, model)
    }

    /// A story of several articles from the corpus file, and one article of it.
    func target(in model: SiteModel) throws -> (entry: StoryEntry, article: String) {
        let entry = try XCTUnwrap(model.stories.first { $0.story.articles.count >= 3 && $0.story.articles.allSatisfy { $0.article.origin.path.hasSuffix(".jsonl") } })
        return (entry, entry.story.articles[1].article.id)
    }

    func testAnEditedArticleIsPreviewedOnItsStoryPageAndTheOpenPages() throws {
        var (site, model) = try makeSite()
        let (entry, id) = try target(in: model)
        let storyPage = SitePaths.file(for: entry.path)
        let untouched = try XCTUnwrap(model.stories.first { $0.story.slug != entry.story.slug })
        try site.edit { rid, record in
            if rid == id { record["title"] = "A headline rewritten while the server runs" }
            return true
        }
        let open: Set<String> = [storyPage, "index.html", SitePaths.file(for: untouched.path)]
        let (preview, report) = try site.build(open: open)
        let pages = try XCTUnwrap(preview, "one article edited: a preview")
        XCTAssertEqual(Set(pages.keys), [storyPage, "index.html"], "the edited story's page and the open lists; not an open page the edit is not on")
        XCTAssertTrue(pages[storyPage]!.contains("A headline rewritten while the server runs"))
        XCTAssertLessThan(report.stages.firstIndex { $0.name == "quick preview" }!, report.stages.firstIndex { $0.name == "clean" }!, "before the corpus is cleaned")
        // The exact build shows the edit too, and writes what a full build writes.
        XCTAssertTrue(try site.page(storyPage).contains("A headline rewritten while the server runs"))
        // A new headline moves no article here: the preview's pages are the build's, byte for byte.
        XCTAssertEqual(try site.page(storyPage), pages[storyPage])
        XCTAssertEqual(try site.page("index.html"), pages["index.html"])
        try assertSiteEqualsAFullBuild(site.root)

        // Saved again unchanged (read again from disk): nothing to preview.
        try site.edit { _, _ in true }
        XCTAssertNil(try site.build(open: open).preview)
    }

    func testARemovedArticleLeavesItsStoryAndAKeyedArticleJoinsItsStory() throws {
        var (site, model) = try makeSite()
        let (entry, id) = try target(in: model)
        let title = entry.story.articles.first { $0.article.id == id }!.article.title
        try site.edit { rid, _ in rid != id }
        let storyPage = SitePaths.file(for: entry.path)
        var pages = try XCTUnwrap(site.build(open: [storyPage]).preview)
        XCTAssertFalse(pages[storyPage]!.contains(title), "the removed article's headline is gone")
        XCTAssertTrue(pages[storyPage]!.contains(entry.story.articles[0].article.title))

        // An article saved into the seed story's folder (its _story.yml gives the key).
        let seed = try XCTUnwrap(model.stories.first { $0.story.articles.contains { $0.article.origin.path.contains("seed-story") } })
        try "---\ntitle: Russia widens its limits on WhatsApp calls\noutlet: Reuters\npublished: 2025-08-15\n---\nRussia widened its limits on voice calls over WhatsApp and Telegram on Friday, the regulator said.\n"
            .write(to: site.root.appendingPathComponent("Content/corpus/seed-story/900_added.txt"), atomically: true, encoding: .utf8)
        let seedPage = SitePaths.file(for: seed.path)
        pages = try XCTUnwrap(site.build(open: [seedPage]).preview)
        XCTAssertEqual(Set(pages.keys), [seedPage])
        XCTAssertTrue(pages[seedPage]!.contains("Russia widens its limits on WhatsApp calls"), "the keyed story shows the added article")
        try assertSiteEqualsAFullBuild(site.root)
    }

    /// An article whose id moves to another file (its second copy, rejected until the first is
    /// deleted) is neither removed nor added: it stays in its story.
    func testAnArticleMovedToAnotherFileStaysInItsStory() throws {
        var (site, model) = try makeSite()
        let (entry, id) = try target(in: model)
        let title = entry.story.articles.first { $0.article.id == id }!.article.title
        var line = ""
        for raw in try String(contentsOf: site.corpusFile, encoding: .utf8).split(separator: "\n") where raw.contains("\"\(id)\"") { line = String(raw) }
        let copy = site.root.appendingPathComponent("Content/corpus/zz-copy.jsonl")
        try (line + "\n").write(to: copy, atomically: true, encoding: .utf8)
        XCTAssertNil(try site.build().preview, "a second copy of an id is rejected: nothing changed")
        try site.edit { rid, _ in rid != id }
        let storyPage = SitePaths.file(for: entry.path)
        XCTAssertNil(try site.build(open: [storyPage]).preview, "the article now comes from the other file, unchanged")
        XCTAssertTrue(try site.page(storyPage).contains(title))
        // Edited there: an edit, not an addition (the story lists it once).
        try line.replacingOccurrences(of: "\"title\": \"", with: "\"title\": \"Moved and edited: ").appending("\n").write(to: copy, atomically: true, encoding: .utf8)
        let pages = try XCTUnwrap(site.build(open: [storyPage]).preview)
        XCTAssertEqual(pages[storyPage]!.components(separatedBy: "Moved and edited: ").count - 1, try site.page(storyPage).components(separatedBy: "Moved and edited: ").count - 1)
        try assertSiteEqualsAFullBuild(site.root)
    }

    /// An article added without a key joins, in the preview, the story the last grouping's
    /// measures put it in; one like no story's articles waits for the exact build.
    func testAnAddedArticleJoinsTheStoryItIsMostSimilarTo() throws {
        // The default corpus's stories have keys: grouped by similarity here.
        var (site, model) = try makeSite(siteYAML: "\ngrouping: { by: similarity }\n")
        let entry = try XCTUnwrap(model.stories.first { $0.story.key.hasPrefix("similar:") && $0.story.articles.count >= 3 })
        let first = entry.story.articles[0].article
        let outlets = Set(entry.story.articles.compactMap(\.article.outlet))
        let outlet = try XCTUnwrap(["Reuters", "Associated Press", "BBC News", "The Hill", "Axios"].first { !outlets.contains($0) })
        let published = try XCTUnwrap(first.published)
        let brief: [String: Any] = [
            "id": "added-brief", "outlet": outlet, "published": ISO8601DateFormatter().string(from: published),
            "title": entry.story.title + " (brief)", "body": entry.story.title + ". The report was filed as the story developed.",
        ]
        let added = site.root.appendingPathComponent("Content/corpus/zz-added.jsonl")
        try (String(decoding: try JSONSerialization.data(withJSONObject: brief), as: UTF8.self) + "\n").write(to: added, atomically: true, encoding: .utf8)
        let storyPage = SitePaths.file(for: entry.path)
        let pages = try XCTUnwrap(site.build(open: [storyPage]).preview)
        XCTAssertEqual(Set(pages.keys), [storyPage])
        XCTAssertTrue(pages[storyPage]!.contains("(brief)"), "the brief is among the story's sources")
        XCTAssertTrue(try site.page(storyPage).contains("(brief)"), "and the exact grouping agrees")

        // A report on nothing the corpus covers: a story of its own, made by the exact build.
        let other: [String: Any] = ["id": "added-other", "outlet": outlet, "published": ISO8601DateFormatter().string(from: published),
                                    "title": "Zebras return to the Okavango delta", "body": "Herds of zebra crossed the river at dawn, rangers in the delta said."]
        try (String(decoding: try JSONSerialization.data(withJSONObject: brief), as: UTF8.self) + "\n"
            + String(decoding: try JSONSerialization.data(withJSONObject: other), as: UTF8.self) + "\n").write(to: added, atomically: true, encoding: .utf8)
        XCTAssertNil(try site.build(open: [storyPage]).preview)
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Public/stories/zebras-return-to-the-okavango-delta/index.html").path))
        try assertSiteEqualsAFullBuild(site.root)
    }

    func testNoPreviewWhenMoreThanTheCorpusChangedOrTooManyArticles() throws {
        var (site, model) = try makeSite()
        let (_, id) = try target(in: model)
        // A template edit with the corpus edit: the preview's theme would be the old one.
        let template = site.root.appendingPathComponent("Templates/story.mustache")
        try (try String(contentsOf: template, encoding: .utf8)).replacingOccurrences(of: "<h1", with: "<h1 data-edited").write(to: template, atomically: true, encoding: .utf8)
        try site.edit { rid, record in
            if rid == id { record["title"] = "Edited with a template" }
            return true
        }
        XCTAssertNil(try site.build().preview)

        // More articles than a preview takes: the exact build only.
        var edited = 0
        try site.edit { _, record in
            if edited < QuickPreview.maxArticles + 1 { record["title"] = "Edited \(edited)"; edited += 1 }
            return true
        }
        XCTAssertNil(try site.build().preview)
        try assertSiteEqualsAFullBuild(site.root)

        // A build that fails after reading the corpus (--strict, a record without an id) leaves
        // no state to preview from: the next build's preview would miss that read's changes.
        site.options.strict = true
        try (try String(contentsOf: site.corpusFile, encoding: .utf8) + "{\"title\": \"No id\"}\n").write(to: site.corpusFile, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try site.build())
        site.options.strict = false
        // Nor does a build that read nothing (the corpus as the failed build left it).
        XCTAssertNil(try site.build().preview)
        let seed = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("Content/corpus/seed-story").path).sorted().first { $0.hasSuffix(".txt") })
        let seedFile = site.root.appendingPathComponent("Content/corpus/seed-story/" + seed)
        try (try String(contentsOf: seedFile, encoding: .utf8) + "\nOne more line.\n").write(to: seedFile, atomically: true, encoding: .utf8)
        XCTAssertNil(try site.build().preview, "no state to tell an edited article from an added one")
        try site.edit { rid, record in
            if rid == id { record["title"] = "Edited after a failed build" }
            return true
        }
        XCTAssertNotNil(try site.build().preview, "a build that read the corpus left a state again")
        try assertSiteEqualsAFullBuild(site.root)
    }
}
