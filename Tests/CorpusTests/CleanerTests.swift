@testable import Cleaning
import Corpus
import Foundation
import TestSupport
import XCTest

/// The cleaner on the five raw seed pages (every paragraph kept, no clutter, no glued articles),
/// on pages from outlets it has never seen, and on what a corpus repeats.
final class CleanerTests: XCTestCase {
    func seed() throws -> [Article] {
        let loaded = CorpusLoader().load(paths: [try Fixtures.vendored("seed-story")])
        XCTAssertEqual(loaded.diagnostics, [])
        XCTAssertEqual(loaded.articles.count, 5)
        return loaded.articles
    }

    /// The text of every paragraph of each seed article, as the page has it (lines joined where the
    /// scraper broke a sentence at its links), in order and nothing else.
    func testEverySeedArticleKeepsEachParagraphAndNothingElse() throws {
        let articles = try seed()
        let raw = try (0..<5).map { i -> [String] in
            let name = try FileManager.default.contentsOfDirectory(atPath: try Fixtures.vendored("seed-story")).sorted()[i]
            let text = try String(contentsOfFile: try Fixtures.vendored("seed-story/\(name)"), encoding: .utf8)
            return text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        func lines(_ file: Int, _ range: ClosedRange<Int>) -> [String] {
            range.map { raw[file][$0 - 1] }.filter { !$0.isEmpty }
        }
        // 000: an aggregator's page: its summary paragraph is the article; the rest is its widget.
        XCTAssertEqual(articles[0].paragraphs, lines(0, 8...8))
        // 001: nine paragraphs, the last its own list of sources; "Read also" links cut, and the
        // reference marks ("terrorism [1][2][3].") with them.
        XCTAssertEqual(articles[1].paragraphs, lines(1, 2...10).map(CitationMarks.removed))
        XCTAssertNotEqual(lines(1, 2...10).map(CitationMarks.removed), lines(1, 2...10))
        XCTAssertFalse(articles[1].paragraphs.joined().contains("[1]"))
        // 002: the photo caption, "3 Min Read", "See also", the sign-off and share buttons cut.
        XCTAssertEqual(articles[2].paragraphs, lines(2, 8...22) + lines(2, 26...32))
        // 003: every sub-heading kept; the newsletter box cut.
        XCTAssertEqual(articles[3].paragraphs, lines(3, 11...13) + lines(3, 18...36))
        // 004: the first paragraph rejoined from five link-broken lines; the Taboola block, the
        // promotions and everything from "Comments" on (three other sites' articles) cut.
        XCTAssertEqual(articles[4].paragraphs, [
            "Telegram and, citing alleged failures to comply with Russian law, particularly regarding information sharing with law enforcement in fraud and terrorism cases. According to Reuters, the restrictions affect only call functionality, while messaging features remain intact. The move comes amid Russia's push for 'digital sovereignty,' including the development of a state-backed messaging app integrated with government services. Officials say compliance with Russian regulations, including opening local legal entities and cooperating with authorities, could lead to the lifting of the call restrictions.",
        ] + lines(4, 8...10) + lines(4, 22...24))
    }

    func testNoSeedClutterAndNothingOfTheGluedArticlesIsLeft() throws {
        let text = try seed().map { $0.title + "\n" + ($0.body ?? "") }.joined(separator: "\n")
        let clutter = [
            "News summary", "Story Coverage", "Bias Distribution", "Coverage Details", "Total News Sources", "8 days ago",
            "Related News", "Daily Index", "Ask VT AI", "Subscribe", "Stay in the know", "inbox", "Gift Subscriptions",
            "Recommended News", "Read also", "KYC/AML", "Chicago Sports Network", "3 Min Read", "Credit:", "shutterstock",
            "See also", "Stockholm Summit", "Stay tuned", "Share This Article", "Leave a comment", "back to top", "LATEST",
            "spot_img", "Related Posts", "Stay Ahead", "Popular Articles", "Taboola", "Sponsored Links", "Promoted Links",
            "You May Like", "Weston-super-mare", "Reassured", "Get Quote", "Undo", "Masterclass", "Join Now", "Hashtags",
            "Try Our AI", "Daily8", "Comments", "No comments yet", "Related Articles",
            // The three articles glued to the end of 004.
            "Indian Express", "Time of India", "India Today", "minutes ago", "Next time in Moscow", "Zelenskyy", "Lavrov", "Alaska summit",
        ]
        for phrase in clutter {
            XCTAssertFalse(text.contains(phrase), "left in: \(phrase)")
        }
        // Every title appears once, as the title: never again in a body.
        for article in try seed() {
            XCTAssertFalse(article.body!.contains(article.title), article.title)
        }
    }

    /// Pages shaped like those of outlets not in our data: the rules read shape, not site strings.
    func testPagesFromUnseenOutletsLoseTheirFurnitureAndKeepTheirText() {
        let page = """
        Menu
        Search
        Mayor Signs Transit Budget After Marathon Session
        Mayor Signs Transit Budget After Marathon Session
        By Ana Ruiz and Tom Becker
        5 min read
        Photo: City council chamber on Tuesday. (Getty Images)
        The mayor signed the city's transit budget on Tuesday after a fourteen-hour council session that ended shortly before dawn.
        ADVERTISEMENT
        The budget adds 40 bus routes and freezes fares for two years, officials said.
        Read more:
        Council rejects fare hike
        Bus drivers vote on new contract
        What Comes Next
        Opponents said they would challenge the fare freeze in court, arguing the city cannot afford it.
        “We will see them in court,” said council member Lee Park, who voted against the plan.
        Share on Facebook
        Twitter
        Email
        Sign up for our morning newsletter
        Most Read
        Storm closes schools across the county
        Three arrested after downtown robbery
        """
        let result = ArticleCleaner().clean(title: nil, body: page)
        XCTAssertEqual(result.title, "Mayor Signs Transit Budget After Marathon Session")
        XCTAssertEqual(result.paragraphs, [
            "The mayor signed the city's transit budget on Tuesday after a fourteen-hour council session that ended shortly before dawn.",
            "The budget adds 40 bus routes and freezes fares for two years, officials said.",
            "What Comes Next",
            "Opponents said they would challenge the fare freeze in court, arguing the city cannot afford it.",
            "“We will see them in court,” said council member Lee Park, who voted against the plan.",
        ])
        let reasons = Dictionary(result.removals.map { ($0.text, $0.reason) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(reasons["By Ana Ruiz and Tom Becker"], "byline")
        XCTAssertEqual(reasons["5 min read"], "reading time label")
        XCTAssertEqual(reasons["ADVERTISEMENT"], "ad slot label")
        XCTAssertEqual(reasons["Bus drivers vote on new contract"], "link list (listed item)")
        XCTAssertEqual(reasons["Storm closes schools across the county"], "after \"Most Read\" (popular-article list), not the article")
    }

    /// "Related" used mid-article as a section label, with the same story going on under it, is
    /// not the end of the article: the text after it shares the article's vocabulary.
    func testAnEndMarkerFollowedByTheSameStoryDoesNotCutIt() {
        let body = """
        The senate passed the farm bill on Thursday, sending the crop insurance changes to the president.
        Farmers in Iowa said the crop insurance changes would help them after two years of drought.
        Related
        The farm bill also renews crop insurance subsidies that Iowa farmers have relied on since the drought, senators said.
        """
        let result = ArticleCleaner().clean(title: "Senate passes farm bill", body: body)
        XCTAssertEqual(result.paragraphs.count, 3, "\(result.removals)")
        XCTAssertTrue(result.paragraphs[2].hasPrefix("The farm bill also renews"))
    }

    /// Transcripts: speaker labels repeat inside one article, and stay.
    func testTranscriptSpeakerLabelsStay() {
        let body = """
        michael barbaro
        So what happened on Tuesday in the hearing room?
        julia smith
        The committee voted, and it was not close at all.
        michael barbaro
        And what did the chairman say after the vote?
        julia smith
        He said the matter was closed, and walked out of the room.
        """
        let result = ArticleCleaner().clean(title: "The Daily: A vote", body: body)
        XCTAssertEqual(result.paragraphs.count, 8, "\(result.removals)")
    }

    func article(_ id: String, outlet: String, day: Int, body: String, url: String? = nil) -> Article {
        Article(id: id, outlet: outlet, url: url, published: Date(timeIntervalSince1970: Double(day) * 86_400 + 1_500_000_000), title: "Title \(id)", body: body)
    }

    /// What one outlet prints under its articles on many days is boilerplate; a wire paragraph
    /// that several articles of one day share is not; neither is a line seen twice.
    func testBoilerplateIsLearnedFromRepetitionAcrossDays() {
        let footer = "Gazette Desk Notes"
        let wire = "The storm made landfall near the coast early on Monday, the weather service said."
        var articles: [Article] = []
        for i in 0..<4 {
            articles.append(article("g\(i)", outlet: "The Gazette", day: i * 3, body: "Paragraph \(i) of a story about topic number \(i) that the Gazette ran this week.\n\n\(footer)\n\nThe second paragraph of story \(i) goes on about the same topic."))
        }
        for i in 0..<4 {
            articles.append(article("w\(i)", outlet: "Wire Daily", day: 100, body: "Local lead number \(i) for the storm story in a different town today.\n\n\(wire)"))
        }
        articles.append(article("h1", outlet: "Herald", day: 1, body: "The Herald's first story ran on a Monday and said plenty.\n\nHerald Section Label\n\nAnd then the Herald's first story went on for a while longer."))
        articles.append(article("h2", outlet: "Herald", day: 2, body: "The Herald's second story ran on a Tuesday and said less.\n\nHerald Section Label\n\nAnd then the Herald's second story went on for a while longer."))
        var options = CleaningOptions()
        options.keepRemovals = true
        let (cleaned, report) = CorpusCleaner.clean(articles, options: options)
        for a in cleaned where a.id.hasPrefix("g") {
            XCTAssertFalse(a.body!.contains(footer), a.id)
            XCTAssertEqual(report.traces[a.id]?.first { $0.text == footer }?.removed, "repeated in 4 articles of this outlet")
        }
        for a in cleaned where a.id.hasPrefix("w") { XCTAssertTrue(a.body!.contains(wire), a.id) }
        for a in cleaned where a.id.hasPrefix("h") { XCTAssertTrue(a.body!.contains("Herald Section Label"), a.id) }
    }

    /// Cleaning a batch at a time (to let raw texts go) gives what one batch of everything
    /// gives: each article cleaned with the boilerplate the whole corpus shows, in order, with
    /// the same report.
    func testCleaningInBatchesIsCleaningAllAtOnce() throws {
        let loaded = CorpusLoader().load(paths: [try Fixtures.vendored("basil-stories-dev.jsonl")])
        var options = CleaningOptions()
        options.skip = true
        let raw = CorpusLoader(cleaning: options).load(paths: [try Fixtures.vendored("basil-stories-dev.jsonl")]).articles
        XCTAssertGreaterThan(raw.count, 50)
        let whole = CorpusCleaner.clean(raw, batchSize: raw.count)
        XCTAssertEqual(whole.articles.map(\.id), loaded.articles.map(\.id))
        for size in [1, 7, 64] {
            let batched = CorpusCleaner.clean(raw, batchSize: size)
            XCTAssertEqual(batched.articles.map(\.id), whole.articles.map(\.id), "batch \(size)")
            XCTAssertEqual(batched.articles.map(\.title), whole.articles.map(\.title), "batch \(size)")
            XCTAssertEqual(batched.articles.map(\.body), whole.articles.map(\.body), "batch \(size)")
            XCTAssertEqual(batched.report.linesRemoved, whole.report.linesRemoved, "batch \(size)")
            XCTAssertEqual(batched.report.titlesFound, whole.report.titlesFound, "batch \(size)")
            XCTAssertEqual(batched.report.articlesChanged, whole.report.articlesChanged, "batch \(size)")
            XCTAssertEqual(batched.report.outletsFound, whole.report.outletsFound, "batch \(size)")
            XCTAssertEqual(batched.report.duplicates.map(\.dropped), whole.report.duplicates.map(\.dropped), "batch \(size)")
        }
        XCTAssertGreaterThan(whole.report.linesRemoved, 0)
        // With `serve`'s cache, a second cleaning in batches reuses every article's first one:
        // each article was judged by its own line keys.
        let cache = CorpusCache()
        let first = CorpusCleaner.clean(raw, cache: cache, batchSize: 7)
        let second = CorpusCleaner.clean(raw, cache: cache, batchSize: 64)
        XCTAssertEqual(first.articles.map(\.body), whole.articles.map(\.body))
        XCTAssertEqual(second.articles.map(\.body), whole.articles.map(\.body))
        XCTAssertEqual(cache.articlesReused, raw.filter { $0.body != nil }.count)
    }

    /// The same article loaded twice counts once, and the report says which copy went and why;
    /// one wire story run by two outlets is two outlets' coverage.
    func testDuplicatesByURLAndByNearIdenticalText() {
        let text = """
        Engineers closed the Harbor Street bridge on Monday after an inspection found cracks in two of its steel \
        girders, and the city said it would stay shut for at least three weeks while crews assess the damage. \
        Commuters were told to use the ferry or the northern crossing, where traffic backed up for miles during \
        the morning rush. The transportation department said the cracks were found during a routine check that \
        takes place every two years, and that no one had been hurt. Repairs could cost as much as four million \
        dollars, according to an early estimate shared with the council on Tuesday evening.
        """
        let articles = [
            article("a", outlet: "Courier", day: 1, body: text, url: "https://www.courier.example/news/bridge/?utm_source=x#top"),
            article("b", outlet: "Courier", day: 1, body: "Different text entirely, about something else.", url: "http://courier.example/news/bridge"),
            article("c", outlet: "Courier", day: 2, body: text + " Updated with one more line."),
            article("d", outlet: "Post", day: 1, body: text),
            article("e", outlet: "Courier", day: 3, body: "A page about a story.", url: "https://courier.example/item?id=1"),
            article("f", outlet: "Courier", day: 3, body: "A page about another story.", url: "https://courier.example/item?id=2"),
        ]
        let (cleaned, report) = CorpusCleaner.clean(articles)
        XCTAssertEqual(cleaned.map(\.id), ["a", "d", "e", "f"])
        XCTAssertEqual(report.duplicates.map(\.dropped), ["b", "c"])
        guard report.duplicates.count == 2 else { return }
        XCTAssertEqual(report.duplicates[0].why, "same URL")
        XCTAssertEqual(report.duplicates[0].kept, "a")
        XCTAssertTrue(report.duplicates[1].why.hasPrefix("near-identical text"), report.duplicates[1].why)
    }

    /// Duplicates reach the load report as warnings naming both records.
    func testLoaderReportsDroppedDuplicates() throws {
        let dir = try Fixtures.tempDir(self)
        let line = #"{"id":"%@","outlet":"Courier","url":"https://courier.example/a","title":"A","body":"Text."}"#
        try Fixtures.write([String(format: line, "one"), String(format: line, "two")].joined(separator: "\n"), to: dir.appendingPathComponent("c.jsonl"))
        let loaded = CorpusLoader().load(paths: [dir.appendingPathComponent("c.jsonl").path])
        XCTAssertEqual(loaded.articles.map(\.id), ["one"])
        XCTAssertEqual(loaded.diagnostics.map(\.description), ["\(dir.path)/c.jsonl:2: \"two\" is the same article as \"one\" (\(dir.path)/c.jsonl:1): same URL; counted once, this copy dropped"])
    }

    /// A record without a title gets the headline found in its text.
    func testTitleFoundForARecordWithoutOne() {
        let (cleaned, report) = CorpusCleaner.clean([Article(id: "x", title: "", body: "Home\n\nCity Hall Approves New Park Plan\n\nThe council approved the park plan on Monday after a long debate.")])
        XCTAssertEqual(cleaned[0].title, "City Hall Approves New Park Plan")
        XCTAssertEqual(cleaned[0].paragraphs, ["The council approved the park plan on Monday after a long debate."])
        XCTAssertEqual(report.titlesFound, 1)
    }
}
