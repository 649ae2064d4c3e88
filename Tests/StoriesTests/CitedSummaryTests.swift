import Cleaning
import Corpus
@testable import Stories
import Support
import TestSupport
import XCTest

final class CitedSummaryTests: XCTestCase {
    /// The 50 BASIL stories, grouped once for every test (a failure to load fails each test
    /// that asks, instead of trapping the test process).
    static let grouped: Result<[Story], any Error> = Result {
        let loaded = CorpusLoader().load(paths: [try Fixtures.vendored("basil-stories-dev.jsonl")])
        let registry = try OutletRegistry.load(path: Fixtures.outlets).registry
        return StoryGrouper(registry: registry).group(loaded.articles)
    }
    static func basil() throws -> [Story] { try grouped.get() }

    static func flat(_ article: Article) -> String {
        (article.body ?? "").replacingOccurrences(of: "\n", with: " ")
    }

    /// On the 50 BASIL stories: 3–5 sentences each, every one a whole sentence copied from its
    /// article, none repeating another, none page clutter.
    func testBASILSummariesAreExtractedWholeAndDistinct() throws {
        let stories = try Self.basil()
        XCTAssertEqual(stories.count, 50)
        let options = SummaryOptions()
        // The cleaner's lexicon: a summary sentence is never a clutter label, never opens like a
        // prompt, never carries a many-word clutter phrase.
        let whole = Set(ClutterLexicon.rules.filter { $0.kind == .whole }.map(\.phrase))
        let prefixes = ClutterLexicon.rules.filter { $0.kind == .prefix && !$0.onlyFragments }.map(\.phrase)
        let phrases = ClutterLexicon.rules.filter { $0.kind == .contains && !$0.onlyFragments && $0.phrase.contains(" ") }.map(\.phrase)
        var sentenceCount = 0
        for story in stories {
            let summary = CitedSummary().make(for: story)
            XCTAssertTrue((3...5).contains(summary.count), "\(story.slug): \(summary.count) sentences")
            sentenceCount += summary.count
            let space = SentenceSpace(articles: story.articles.map(\.article))
            for (i, sentence) in summary.enumerated() {
                let source = try XCTUnwrap(story.articles.first { $0.article.id == sentence.articleIDs[0] })
                XCTAssertTrue(Self.flat(source.article).contains(sentence.text), "not in its article: \(sentence.text)")
                XCTAssertTrue(SentenceQuality.isSummaryCandidate(sentence.text), sentence.text)
                let lower = sentence.text.lowercased()
                XCTAssertFalse(whole.contains(lower.trimmingCharacters(in: .punctuationCharacters)))
                for phrase in prefixes { XCTAssertFalse(lower.hasPrefix(phrase), "clutter \"\(phrase)\" in: \(sentence.text)") }
                for phrase in phrases { XCTAssertFalse(lower.contains(phrase), "clutter \"\(phrase)\" in: \(sentence.text)") }
                for other in summary[(i + 1)...] {
                    XCTAssertNotEqual(other.text, sentence.text)
                    XCTAssertLessThan(space.similarity(sentence.text, other.text), options.redundancy, "redundant pair in \(story.slug):\n\(sentence.text)\n\(other.text)")
                    XCTAssertLessThan(space.wordOverlap(sentence.text, other.text), options.wordOverlap, "repeated words in \(story.slug):\n\(sentence.text)\n\(other.text)")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(sentenceCount, 150)
    }

    /// Every citation points at an article that really holds a sentence stating the cited one's
    /// fact (at least `citeThreshold` similar, and `FactMatch` holds); every article holding such
    /// a sentence is cited.
    func testCitationsPointAtArticlesThatCarryTheSentence() throws {
        let threshold = SummaryOptions().citeThreshold
        var extraCitations = 0
        for story in try Self.basil() {
            let space = SentenceSpace(articles: story.articles.map(\.article))
            for sentence in CitedSummary().make(for: story) {
                XCTAssertEqual(sentence.citations.first?.similarity, 1)
                XCTAssertEqual(Set(sentence.articleIDs).count, sentence.articleIDs.count, "an article cited twice")
                for citation in sentence.citations {
                    let member = try XCTUnwrap(story.articles.first { $0.article.id == citation.articleID })
                    XCTAssertTrue(Self.flat(member.article).contains(citation.sentence),
                                  "cited sentence not in the article: \(citation.sentence)")
                    XCTAssertGreaterThanOrEqual(space.similarity(sentence.text, citation.sentence), threshold - 1e-6)
                    if citation.articleID != sentence.citations[0].articleID {
                        XCTAssertTrue(space.statesFact(of: sentence.text, citation.sentence, threshold: threshold - 1e-6), "\(citation.sentence) cited for \(sentence.text)")
                    }
                }
                extraCitations += sentence.citations.count - 1
                // No article left out that says the same.
                let cited = Set(sentence.articleIDs)
                for (a, member) in story.articles.enumerated() where !cited.contains(member.article.id) {
                    for other in space.sentences where other.article == a && other.text.split(separator: " ").count >= SummaryOptions().citeMinWords {
                        XCTAssertFalse(space.statesFact(of: sentence.text, other.text, threshold: threshold), "uncited match in \(member.article.id): \(other.text)")
                    }
                }
            }
        }
        // Measured: 28 citations of a second article under the fact test.
        XCTAssertGreaterThan(extraCitations, 20, "BASIL's three outlets report the same facts: many sentences are cited by more than one")
    }

    func testAFactReportedByTwoOutletsCitesBoth() {
        let day = Date(timeIntervalSince1970: 1_600_000_000)
        func article(_ id: String, _ outlet: String, _ body: String) -> SourcedArticle {
            SourcedArticle(article: Article(id: id, outlet: outlet, published: day, title: "t\(id)", body: body), outlet: nil)
        }
        let story = Story(key: "k", slug: "k", title: "Bridge", articles: [
            article("a", "One", "The city council voted on Tuesday to close the old harbour bridge for repairs next spring.\n\nThe mayor called the vote a necessary step for the safety of commuters."),
            article("b", "Two", "The old harbour bridge will close for repairs next spring after the city council voted on Tuesday.\n\nLocal shop owners fear the detour will keep customers away from the waterfront."),
            article("c", "Three", "Engineers found corrosion in the steel cables of the harbour bridge during an inspection last year.\n\nThe city council voted on Tuesday to close the harbour bridge for repairs next spring."),
        ], topics: [])
        let summary = CitedSummary().make(for: story)
        let vote = summary.first { $0.text.contains("voted") }
        XCTAssertNotNil(vote)
        XCTAssertEqual(Set(vote?.articleIDs ?? []), ["a", "b", "c"])
        let shops = summary.first { $0.text.contains("shop owners") }
        XCTAssertEqual(shops?.articleIDs, ["b"])
        XCTAssertEqual(summary.filter { $0.text.contains("voted") }.count, 1, "the same fact twice")
    }

    /// "Also reported by" only where the other outlet states the fact: not the same people doing
    /// something else, not another number, not the negation, not a heading or a link line.
    func testAnotherOutletIsCitedOnlyForTheSameFact() {
        let day = Date(timeIntervalSince1970: 1_600_000_000)
        func article(_ id: String, _ outlet: String, _ body: String) -> SourcedArticle {
            SourcedArticle(article: Article(id: id, outlet: outlet, published: day, title: "t\(id)", body: body), outlet: nil)
        }
        let lead = "Governor Maria Lopez signed the housing bill on Tuesday, capping rent increases at 5% a year for three million tenants."
        let story = Story(key: "k", slug: "k", title: "Rent", articles: [
            article("a", "One", lead + "\n\nLandlord groups said they would challenge the law in federal court before it takes effect."),
            // The same fact, in other words: cited.
            article("b", "Two", "On Tuesday Governor Maria Lopez signed a bill capping rent increases at 5% a year for three million tenants across the state."),
            // The same people and subject, another happening: not cited.
            article("c", "Three", "Governor Maria Lopez criticised the housing bill on Tuesday, saying rent increases for tenants were a matter for the cities."),
            // Another number: not cited.
            article("d", "Four", "Governor Maria Lopez signed the housing bill on Tuesday, capping rent increases at 7% a year for tenants."),
            // The negation: not cited.
            article("e", "Five", "Governor Maria Lopez did not sign the housing bill on Tuesday capping rent increases at 5% a year for tenants."),
            // A link line and a heading: not cited.
            article("f", "Six", "RELATED: Governor Maria Lopez signed the housing bill capping rent increases at 5% for tenants\n\nGovernor Maria Lopez signs housing bill capping rent increases at 5%"),
        ], topics: [])
        let summary = CitedSummary().make(for: story)
        let signed = summary.first { $0.text == lead }
        XCTAssertEqual(signed?.articleIDs, ["a", "b"], "\(summary.map { ($0.text, $0.articleIDs) })")
        for sentence in summary {
            for citation in sentence.citations.dropFirst() {
                XCTAssertFalse(["c", "d", "e", "f"].contains(citation.articleID), "\(citation.sentence) cited for \(sentence.text)")
            }
        }
    }

    func testNumbersAndNegationsAsTheFactTestReadsThem() {
        XCTAssertEqual(FactMatch.numbers(in: "Up 71% from 1,200 in 2008, at 3.5 points."), ["71", "1200", "2008", "3.5"])
        XCTAssertEqual(FactMatch.numbers(in: "No numbers here."), [])
        XCTAssertTrue(FactMatch.isNegated("He did not respond."))
        XCTAssertTrue(FactMatch.isNegated("She won’t run again."))
        XCTAssertTrue(FactMatch.isNegated("There were no exceptions."))
        XCTAssertFalse(FactMatch.isNegated("Notably, the senator announced a run."))
        XCTAssertTrue(FactMatch().isStatement("The council voted to close the bridge.", words: 7))
        XCTAssertFalse(FactMatch().isStatement("The council voted to close the bridge", words: 7), "a heading")
        XCTAssertFalse(FactMatch().isStatement("Will the council vote to close the bridge?", words: 8), "a question")
    }

    func testNoBodyNoSummary() {
        let story = Story(key: "k", slug: "k", title: "T", articles: [
            SourcedArticle(article: Article(id: "1", outlet: "X", title: "Only a headline"), outlet: nil),
        ], topics: [])
        XCTAssertEqual(CitedSummary().make(for: story), [])
    }

    func testSentenceQuality() {
        XCTAssertTrue(SentenceQuality.isSummaryCandidate("The Senate passed the spending bill on Friday by a vote of 68 to 31."))
        XCTAssertFalse(SentenceQuality.isSummaryCandidate("“We will not back down,” the senator said, adding that the fight"), "quote cut in half")
        XCTAssertFalse(SentenceQuality.isSummaryCandidate("He said the bill would pass the Senate by the end of the week."), "leans on the sentence before")
        XCTAssertFalse(SentenceQuality.isSummaryCandidate("Will the Senate pass the spending bill before the deadline on Friday?"), "a question")
        XCTAssertFalse(SentenceQuality.isSummaryCandidate("Sign up for our newsletter to get the top stories in your inbox every day."))
        XCTAssertFalse(SentenceQuality.isSummaryCandidate("Too short to say much."))
        XCTAssertFalse(SentenceQuality.isSummaryCandidate("the senate passed the spending bill on friday by a vote of 68 to 31."), "starts mid-sentence")
        XCTAssertEqual(SentenceQuality.removingDateline("WASHINGTON (AP) — The Senate passed the bill."), "The Senate passed the bill.")
        XCTAssertEqual(SentenceQuality.removingDateline("NEW YORK, March 3 - Stocks fell."), "Stocks fell.")
        XCTAssertEqual(SentenceQuality.removingDateline("The vote — a rare one — passed."), "The vote — a rare one — passed.")
        XCTAssertEqual(SentenceQuality.removingDateline("WASHINGTON –- The White House released the emails."), "The White House released the emails.")
        XCTAssertEqual(SentenceQuality.removingDateline("HARTFORD, Conn. — Blumenthal defended himself."), "Blumenthal defended himself.")
        XCTAssertEqual(SentenceQuality.removingDateline("ANTI-WAR groups marched."), "ANTI-WAR groups marched.")
    }

    /// The furniture check reads `lowercasedBytes`, which must be what `lowercased()` gives.
    func testLowercasedBytesAreLowercased() {
        let pieces = ["A", "z", " ", "É", "ẞ", "İ", "Σ", "ΑΣ", "K", "\u{212A}", "Ⅻ", "ǅ", "😀", "\u{301}", "CLICK HERE", "日本", "Ω"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(SentenceQuality.lowercasedBytes(text), Array(text.lowercased().utf8), "for \(text.debugDescription)")
        }
        // The one-pass furniture search finds what a search for each phrase finds.
        let words = ["click", "here", "sign", " ", "up", "news", "letter", "photo by", "@", "cookie", "s", "c", "this story", "x"]
        for _ in 0..<2000 {
            let text = Array((0..<Int.random(in: 0...10, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined().utf8)
            let naive = SentenceQuality.furnitureBytes.contains { phrase in
                text.count >= phrase.count && (0...(text.count - phrase.count)).contains { Array(text[$0..<($0 + phrase.count)]) == phrase }
            }
            XCTAssertEqual(SentenceQuality.containsFurniture(text), naive, String(decoding: text, as: UTF8.self))
        }
        XCTAssertEqual(SentenceQuality.wordCount("  Two  words "), 2)
        XCTAssertEqual(SentenceQuality.wordCount(""), 0)
    }
}

final class SentenceSplitTests: XCTestCase {
    func testSplittingKnowsAbbreviationsInitialsQuotesAndSpacing() {
        XCTAssertEqual(Sentences.split("Mr. Smith went to Washington, D.C. on Monday. He said “no.” Then he left."),
                       ["Mr. Smith went to Washington, D.C. on Monday.", "He said “no.”", "Then he left."])
        XCTAssertEqual(Sentences.split("The U.S. economy grew 3.5 percent. Analysts were surprised."),
                       ["The U.S. economy grew 3.5 percent.", "Analysts were surprised."])
        XCTAssertEqual(Sentences.split("John F. Kennedy spoke.  After a pause, he left!  \"Why?\" asked (Sen. Jones)."),
                       ["John F. Kennedy spoke.", "After a pause, he left!", "\"Why?\" asked (Sen. Jones)."])
        XCTAssertEqual(Sentences.split("Prices rose 2.5%. Émile Zola wrote it. Then? nothing"), ["Prices rose 2.5%.", "Émile Zola wrote it.", "Then? nothing"])
        XCTAssertEqual(Sentences.split("A sentence (with a bracket.) Next one."), ["A sentence (with a bracket.)", "Next one."])
        XCTAssertEqual(Sentences.split("   "), [])
        XCTAssertEqual(Sentences.split("No end"), ["No end"])
    }

    /// A columnist's own voice is one outlet's opinion, not what happened: such sentences rank
    /// below a statement (a quotation's "I" is the quoted person's, ranked as a quotation).
    func testSentencesInTheWritersOwnVoiceAreToldApart() {
        XCTAssertTrue(CitedSummary.speaksInPerson("Earlier this month, I wrote a column asking what Democrats should do."))
        XCTAssertTrue(CitedSummary.speaksInPerson("But you probably would have no idea if you relied on ABC for your news."))
        XCTAssertTrue(CitedSummary.speaksInPerson("It's time we admitted the plan failed."))
        XCTAssertFalse(CitedSummary.speaksInPerson("The senator said \"I will not resign\" on Tuesday."))
        XCTAssertFalse(CitedSummary.speaksInPerson("“We are ready,” the minister told reporters."))
        XCTAssertFalse(CitedSummary.speaksInPerson("The US and the U.S. Treasury imposed sanctions on Iran."))
        XCTAssertFalse(CitedSummary.speaksInPerson("Myanmar's military seized power in a coup."))
    }

    /// The byte scanner behind `speaksInPerson` reads every text it takes as the Character-level
    /// reading does, and hands back (nil) any text holding another character.
    func testTheByteReadingOfTheWritersVoiceIsTheCharacterReading() {
        let pieces = ["I", "i", "I'm", "I’m", "you", "You’re", "YOUR", "we", "We’re", "my", "myself", "me", "our", "us", "meet", "mine", "iPhone",
                      " ", "  ", ",", ".", "\"", "“", "”", "’", "'", "—", "–", "…", "\u{00A0}", "\n", "\r\n", "2", "-", "(", ")",
                      "‘", "‐", "„", "•", "‧", "\u{200F}", "\u{2028}", "\u{2030}", "\u{00A1}",
                      "é", "Émile", "e\u{301}", "İ", "\u{212A}", "\u{200D}", "日本", "Straße", "we\u{301}", "the", "said", "quote"]
        var random = SeededRandom(seed: 7)
        var handed = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 1...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let slow = CitedSummary.speaksInPersonCharacters(text)
            if let fast = CitedSummary.speaksInPersonBytes(text) {
                XCTAssertEqual(fast, slow, text.debugDescription)
            } else {
                handed += 1
            }
            XCTAssertEqual(CitedSummary.speaksInPerson(text), slow, text.debugDescription)
        }
        // A character outside what the byte reading knows, met before anything is decided,
        // hands the text back whole (a person word settled before it reads the same both ways).
        for text in ["I\u{200D} said", "we\u{2028}", "you\u{00A1}", "my\u{301}", "our\u{200F}"] {
            XCTAssertNil(CitedSummary.speaksInPersonBytes(text), text.debugDescription)
        }
        XCTAssertGreaterThan(handed, 1000)
        XCTAssertLessThan(handed, 19_000)
    }
}
