@testable import Build
import Charts
import Corpus
import Foundation
@testable import Output
@testable import Render
import TestSupport
import XCTest

/// The story page's parts: sources, headlines, charts, coverage details, overrides, and the
/// awkward cases (one source, only unrated sources, hundreds of headline-only sources).
final class StoryPageTests: XCTestCase {
    func makeSite(corpus: String, outlets: String = "name,domain,bias,factuality,owner\n", extra: [String: String] = [:]) throws -> URL {
        let root = try Fixtures.tempDir(self)
        try FileManager.default.copyItem(at: Fixtures.repoRoot.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        try Fixtures.write(corpus, to: root.appendingPathComponent("Content/corpus/c.jsonl"))
        try Fixtures.write(outlets, to: root.appendingPathComponent("Content/outlets.csv"))
        for (path, text) in extra { try Fixtures.write(text, to: root.appendingPathComponent(path)) }
        return root
    }

    func record(_ fields: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
    }

    func page(_ files: [OutputFile], _ path: String) throws -> String {
        String(decoding: try XCTUnwrap(files.first { $0.path == path }, "no \(path) among \(files.map(\.path).prefix(20))").data, as: UTF8.self)
    }

    let outlets = "name,domain,bias,factuality,owner\nLeft Daily,left.example,left,high,Left Co\nCenter Wire,center.example,center,high,\nRight Post,right.example,right,mixed,Right Co\n"

    func threeSided() throws -> String {
        let vote = "The city council voted on Tuesday to close the old harbour bridge for repairs next spring."
        return try [
            record(["id": "l", "outlet": "Left Daily", "url": "https://left.example/l", "published": "2020-03-03T08:00:00Z", "title": "Council shuts bridge", "story": "bridge",
                    "body": "\(vote)\n\nThe mayor called the vote a necessary step for the safety of thousands of commuters."]),
            record(["id": "c", "outlet": "Center Wire", "url": "https://center.example/c", "published": "2020-03-03T11:00:00Z", "title": "Harbour bridge to close", "story": "bridge",
                    "body": "The old harbour bridge will close for repairs next spring after the city council voted on Tuesday.\n\nLocal shop owners fear the long detour will keep their customers away from the waterfront."]),
            record(["id": "r", "outlet": "Right Post", "url": "javascript:alert(1)", "published": "2020-03-04T09:30:00Z", "title": "Bridge closure angers shop owners", "story": "bridge",
                    "body": "Shop owners on the waterfront say the closure of the harbour bridge will ruin their spring season.\n\n\(vote)"]),
        ].joined(separator: "\n")
    }

    func testStoryPageShowsSummarySidesChartsAndSources() throws {
        let root = try makeSite(corpus: try threeSided(), outlets: outlets)
        let (files, _, model, _) = try SiteBuilder(options: BuildOptions(root: root.path)).render()
        let html = try page(files, "stories/harbour-bridge-to-close/index.html")
        // Cited summary: footnotes rendered by cmark-gfm, leading to the source entries.
        XCTAssertTrue(html.contains("class=\"footnotes\""), html)
        XCTAssertTrue(html.contains("href=\"#source-1\""), "a footnote links to the first source entry")
        XCTAssertTrue(html.contains("id=\"source-1\"") && html.contains("id=\"source-3\""))
        // The vote is carried by all three sides.
        let entry = try XCTUnwrap(model.stories.first)
        let vote = try XCTUnwrap(entry.summary.first { $0.text.contains("voted") })
        XCTAssertEqual(Set(vote.articleIDs), ["l", "c", "r"])
        XCTAssertTrue(html.contains("<span class=\"visually-hidden\">Reported by </span><span class=\"who-left\">Left</span> <span class=\"who-center\">Center</span> <span class=\"who-right\">Right</span>"), "who reports what, in words")
        // A theme without the partial shows no marks.
        try FileManager.default.removeItem(at: root.appendingPathComponent("Templates/partials/who-reports.mustache"))
        let plain = try page(try SiteBuilder(options: BuildOptions(root: root.path)).render().files, "stories/harbour-bridge-to-close/index.html")
        XCTAssertFalse(plain.contains("class=\"who\""))
        // Headlines by side, the original link only for http(s), with rel.
        XCTAssertTrue(html.contains("<a href=\"https://left.example/l\" rel=\"noopener nofollow\">Council shuts bridge</a>"))
        XCTAssertFalse(html.contains("javascript:"))
        // Charts: bias bar, factuality, timeline by hour (spans under two days).
        XCTAssertTrue(html.contains("class=\"chart bias-bar bias-bar-full\""))
        XCTAssertTrue(html.contains("Factuality of the 3 sources"), "factuality chart desc")
        XCTAssertTrue(html.contains(", by hour:"), "timeline in hours for a story shorter than two days")
        // Coverage details: pick-up times and counts with percentages.
        XCTAssertTrue(html.contains("Left picked it up</dt><dd>first to report"))
        XCTAssertTrue(html.contains("Center picked it up</dt><dd>3 hours after the first report"))
        XCTAssertTrue(html.contains("Right picked it up</dt><dd>25 hours after the first report"))
        // Each side's share and count, said once: in the bias chart's legend.
        XCTAssertTrue(html.contains("<li class=\"key-center\">Center 33% (1)</li>"))
        XCTAssertFalse(html.contains("% of 3 rated"))
        XCTAssertTrue(html.contains("Fewer than 3 rated sources") == false)
        // Excerpts of the cleaned text.
        XCTAssertTrue(html.contains("class=\"excerpt\">Local shop owners") || html.contains("class=\"excerpt\">The old harbour bridge"))
    }

    /// Who carries each sentence, as the theme's `partials/who-reports` writes it.
    func testWhoReportsMarksFollowEachSentence() throws {
        let theme = try Theme(directories: [Fixtures.repoRoot.appendingPathComponent("Templates").path])
        let html = "<p>One.<sup>1</sup></p>\n<p>Two.</p>\n<section class=\"footnotes\"><p>note</p></section>"
        let marked = PageRenderer.addingWhoReports(html, sides: [[.left, .unrated], []]) { carried in
            String(theme.render(PageRenderer.whoReportsTemplate, PageRenderer.whoReportsValue(carried)).dropLast())
        }
        XCTAssertEqual(marked, "<p>One.<sup>1</sup> <span class=\"who\"><span class=\"visually-hidden\">Reported by </span><span class=\"who-left\">Left</span><span class=\"visually-hidden\">; not by Center and Right</span></span></p>\n<p>Two. <span class=\"who\"><span class=\"who-none\">no rated outlet</span></span></p>\n<section class=\"footnotes\"><p>note</p></section>")
    }

    func testOneSourceAndOnlyUnratedSources() throws {
        let corpus = try [
            record(["id": "solo", "outlet": "Left Daily", "published": "2020-03-03", "title": "A story only one outlet told", "body": "Nobody else reported that the old mill on the river was sold to a developer for two million dollars."]),
            record(["id": "u1", "outlet": "Blog One", "published": "2020-04-01", "title": "Unrated only", "story": "u", "body": "Two blogs reported that the annual fair would move to the northern field because of flooding this year."]),
            record(["id": "u2", "outlet": "Blog Two", "published": "2020-04-02", "title": "Unrated only again", "story": "u"]),
        ].joined(separator: "\n")
        let root = try makeSite(corpus: corpus, outlets: outlets, extra: ["Content/site.yml": "grouping: { by: key }\n"])
        let (files, _, _, _) = try SiteBuilder(options: BuildOptions(root: root.path)).render()
        let solo = try page(files, "stories/a-story-only-one-outlet-told/index.html")
        XCTAssertTrue(solo.contains("Fewer than 3 rated sources"))
        XCTAssertTrue(solo.contains("<dt>Center picked it up</dt><dd>not covered</dd>"))
        XCTAssertFalse(solo.contains("How each side headlined it"), "one headline compares with nothing: it is in the sources")
        XCTAssertTrue(solo.contains("Nobody else reported"), "the one article is the summary")
        let unrated = try page(files, "stories/unrated-only/index.html")
        XCTAssertTrue(unrated.contains("None of these outlets has a bias rating"))
        XCTAssertTrue(unrated.contains("No rated sources"))
        XCTAssertTrue(unrated.contains("Unrated sources</dt><dd>2"))
    }

    /// The Google News clusters: up to 322 headline-only sources per story. The page groups them
    /// by side with counts, folds long lists, and the timeline shows hours.
    func testManySourceHeadlineOnlyStoriesStayReadable() throws {
        let root = try Fixtures.tempDir(self)
        try FileManager.default.copyItem(at: Fixtures.repoRoot.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/corpus"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try Fixtures.vendored("google-news-clusters-2014.jsonl.gz"), toPath: root.appendingPathComponent("Content/corpus/g.jsonl.gz").path)
        try FileManager.default.copyItem(atPath: Fixtures.outlets, toPath: root.appendingPathComponent("Content/outlets.csv").path)
        let (files, report, model, _) = try SiteBuilder(options: BuildOptions(root: root.path)).render()
        XCTAssertEqual(report.stories, 87)
        let biggest = try XCTUnwrap(model.stories.max { $0.story.articles.count < $1.story.articles.count })
        XCTAssertEqual(biggest.story.articles.count, 322)
        XCTAssertTrue(biggest.summary.isEmpty, "headline-only: no summary is made up")
        let html = try page(files, "stories/\(biggest.story.slug)/index.html")
        XCTAssertTrue(html.contains("No article of this story has body text to summarise"))
        XCTAssertTrue(html.contains("<details><summary>"), "long lists fold")
        XCTAssertEqual(html.components(separatedBy: "class=\"source\" id=\"source-").count - 1, 322, "every article listed")
        XCTAssertTrue(html.contains("\(biggest.coverage.total) sources"))
        // Hours when the story spans under two days, days otherwise.
        for entry in model.stories {
            guard let first = entry.story.firstPublished, let last = entry.story.lastUpdated else { continue }
            let story = try page(files, "stories/\(entry.story.slug)/index.html")
            let hourly = last.timeIntervalSince(first) < 2 * 86_400
            // One bar is said in a sentence instead.
            let chart = story.range(of: "class=\"chart timeline-chart\"")?.upperBound
            let heading = try XCTUnwrap(story.range(of: "<h2 id=\"timeline-h\">Timeline</h2>")).upperBound
            let desc = chart.map { story[$0...].components(separatedBy: "</desc>")[0] } ?? story[heading...].components(separatedBy: "</p>")[0]
            XCTAssertEqual(desc.contains("by hour") || desc.contains(":00:"), hourly, "\(entry.story.slug): \(desc)")
        }
        XCTAssertLessThan(html.utf8.count, 600_000, "a 322-source page stays light")
        // On every page, the charts state the story's own coverage numbers.
        for entry in model.stories {
            let story = try page(files, "stories/\(entry.story.slug)/index.html")
            let c = entry.coverage
            if c.rated > 0 {
                XCTAssertTrue(story.contains("Left \(c.share(.left))% (\(c.count(.left)) source"), entry.story.slug)
                XCTAssertTrue(story.contains("Right \(c.share(.right))% (\(c.count(.right))"), entry.story.slug)
            } else {
                XCTAssertTrue(story.contains("No rated sources; \(c.count(.unrated)) unrated"), entry.story.slug)
            }
            let mix = FactualityMix(high: c.factuality[.high] ?? 0, mixed: c.factuality[.mixed] ?? 0, low: c.factuality[.low] ?? 0, unknown: c.factuality[.unknown] ?? 0)
            XCTAssertEqual(mix.total, c.total)
            XCTAssertTrue(story.contains(mix.sentence.replacingOccurrences(of: "&", with: "&amp;")), "\(entry.story.slug): \(mix.sentence)")
            XCTAssertTrue(story.contains("\(c.articleCount - c.undatedArticles) article"), "timeline counts the dated articles")
        }
    }

    func testStoryOverridesReplaceTitleTopicsSummaryAndHideOrPin() throws {
        let corpus = try threeSided() + "\n" + [
            record(["id": "x", "outlet": "Center Wire", "published": "2020-01-01", "title": "An older story", "story": "older", "body": "Something else entirely happened in January when the school board met to discuss the budget."]),
            record(["id": "y", "outlet": "Center Wire", "published": "2020-01-02", "title": "A story to hide", "story": "hide", "body": "This story is hidden by the editors because it was reported in error by the wire service."]),
        ].joined(separator: "\n")
        let root = try makeSite(corpus: corpus, outlets: outlets, extra: [
            "Content/stories/harbour-bridge-to-close.md": "---\ntitle: Harbour bridge closes for repairs\ntopics: [Transport, City]\n---\nThe council voted to close the bridge; *editors* wrote this.\n",
            "Content/stories/an-older-story.md": "---\npinned: true\n---\n",
            "Content/stories/a-story-to-hide.md": "---\nhidden: true\n---\n",
            "Content/stories/no-such-story.md": "---\ntitle: Gone\n---\n",
        ])
        let (files, report, model, _) = try SiteBuilder(options: BuildOptions(root: root.path)).render()
        XCTAssertEqual(model.stories.map(\.story.slug), ["an-older-story", "harbour-bridge-to-close"], "pinned first, hidden gone, slug kept")
        let html = try page(files, "stories/harbour-bridge-to-close/index.html")
        XCTAssertTrue(html.contains("<h1>Harbour bridge closes for repairs</h1>"))
        XCTAssertTrue(html.contains("<em>editors</em> wrote this"))
        XCTAssertTrue(html.contains("Summary written by the site"))
        XCTAssertTrue(html.contains(">Transport</a>"))
        XCTAssertFalse(files.contains { $0.path.hasPrefix("stories/a-story-to-hide/") })
        XCTAssertTrue(report.diagnostics.contains { $0.location.path == "Content/stories/no-such-story.md" && $0.message.contains("no story has the slug") }, "\(report.diagnostics)")
        XCTAssertThrowsError(try { var o = BuildOptions(root: root.path); o.strict = true; return try SiteBuilder(options: o).render() }())

        try Fixtures.write("---\npinned: maybe\n---\n", to: root.appendingPathComponent("Content/stories/an-older-story.md"))
        XCTAssertThrowsError(try SiteBuilder(options: BuildOptions(root: root.path)).render()) { error in
            XCTAssertTrue("\(error)".contains("Content/stories/an-older-story.md:2: pinned must be true or false"), "\(error)")
        }
    }
}
