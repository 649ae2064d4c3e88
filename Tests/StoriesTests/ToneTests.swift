import Corpus
import Foundation
@testable import Stories
import XCTest

final class ToneTests: XCTestCase {
    let scorer = ToneScorer.shared

    func compound(_ s: String) -> Double { scorer.score(s).compound }

    func testWordsCarryTheirLexiconValenceSquashedIntoMinusOneToOne() {
        XCTAssertGreaterThan(compound("The rescue was a great success."), 0.5)
        XCTAssertLessThan(compound("Three people were killed in the attack."), -0.5)
        XCTAssertEqual(compound("The committee met on Tuesday."), 0)
        // VADER's squashing: x / sqrt(x² + 15).
        XCTAssertEqual(ToneScorer.compound(3.1), 3.1 / (3.1 * 3.1 + 15).squareRoot(), accuracy: 1e-12)
    }

    func testNegationAdverbsAndButChangeAWordsWeight() {
        XCTAssertLessThan(compound("The plan is not good."), 0)
        XCTAssertLessThan(compound("The plan didn’t help."), 0, "a curly apostrophe reads as one")
        XCTAssertGreaterThan(compound("The plan is very good."), compound("The plan is good."))
        XCTAssertLessThan(compound("The plan is barely good."), compound("The plan is good."))
        // "but" weighs what follows over what comes before.
        XCTAssertLessThan(compound("The talks were good but the outcome was bad."), 0)
        XCTAssertGreaterThan(compound("The talks were bad but the outcome was good."), 0)
    }

    func testNamesOfInstitutionsCarryNoTone() {
        XCTAssertEqual(compound("The Supreme Court and the Justice Department of the United States."), 0)
        XCTAssertEqual(compound("The special counsel briefed the intelligence committee on Super Tuesday."), 0)
        XCTAssertEqual(compound("The Republican party talked about interest rates and health care."), 0)
    }

    /// The fast path (hashes of bytes) reads the same words as the plain one.
    func testTheHashedWordsAreTheWords() {
        let text = "Don’t SAY “Mr. O'Neill’s” well-known café—isn't it 3.5%? Students' rights… ‘quoted’"
        var tokens: [ToneScorer.Token] = []
        scorer.tokens(text, into: &tokens)
        let words = ToneScorer.words(text)
        XCTAssertEqual(tokens.count, words.count, "\(words)")
        for (t, w) in zip(tokens, words) {
            XCTAssertEqual(t.entry >= 0 ? scorer.entries[Int(t.entry)].word : nil, scorer.lexicon[w] != nil ? w : nil, w)
        }
        XCTAssertTrue(words.contains("don't") && words.contains("o'neill's") && words.contains("students"), "\(words)")
    }

    func testSentencesEndAtFullStopsButNotAtAbbreviationsOrInitials() {
        var scratch = ToneScorer.Scratch()
        var scores: [Double] = []
        let found = scorer.scoreSentences(of: "Mr. Smith of the U.S. Senate said it was good. Then the attack killed two! Why?", limit: 10, scratch: &scratch) { c, _ in scores.append(c) }
        XCTAssertEqual(found.sentences, 3)
        XCTAssertGreaterThan(scores[0], 0)
        XCTAssertLessThan(scores[1], 0)
        XCTAssertEqual(scores[2], 0)
        XCTAssertEqual(scorer.scoreSentences(of: "One. Two three four. Five six seven.", limit: 2, scratch: &scratch) { _, _ in }.sentences, 2)
    }

    func article(_ id: String, _ title: String, _ body: String, language: String? = nil) -> Article {
        Article(id: id, outlet: "O\(id)", title: title, body: body, language: language)
    }

    func testAStoryToneIsTheMeanOfItsArticlesWithItsWeightiestWords() throws {
        let bad = article("1", "Deadly attack kills dozens", "The attack killed 40 people and injured many more. Officials said the violence was horrific.")
        let good = article("2", "Rescue brings relief", "Rescuers saved the miners. Families celebrated the wonderful news with joy.")
        let one = try StoryTone.measure([bad]).get()
        XCTAssertEqual(one.band, .negative)
        XCTAssertEqual(Set(one.negativeWords.prefix(3)).isSubset(of: ["killed", "kills", "attack", "violence", "horrific", "injured", "deadly"]), true, "\(one.negativeWords)")
        let two = try StoryTone.measure([bad, good]).get()
        let other = try StoryTone.measure([good]).get()
        XCTAssertEqual(two.score, (one.score + other.score) / 2, accuracy: 1e-9)
        XCTAssertEqual(two.articlesRead, 2)
        XCTAssertTrue(two.positiveWords.contains("relief") || two.positiveWords.contains("saved"), "\(two.positiveWords)")
        // A negated negative word pulls toward positive but is not listed as a positive word.
        let negated = try StoryTone.measure([article("3", "No fear", "There is no fear here. There was no fear at all today.")]).get()
        XCTAssertFalse(negated.positiveWords.contains("fear"))
        // The default band: negative up to +0.02, positive from +0.15.
        XCTAssertEqual(ToneBand(score: 0.0), .negative)
        XCTAssertEqual(ToneBand(score: 0.02), .negative)
        XCTAssertEqual(ToneBand(score: 0.1), .neutral)
        XCTAssertEqual(ToneBand(score: 0.15), .positive)
        XCTAssertEqual(ToneBand(score: 0.2, thresholds: ToneThresholds(negative: -0.3, positive: 0.3)), .neutral)
    }

    func testTextNotInEnglishHasNoTone() {
        let spanish = article("1", "El gobierno anuncia nuevas medidas", "El gobierno de España anunció este martes un paquete de medidas económicas para hacer frente a la crisis, según fuentes del ministerio, que aseguran que la economía crecerá.")
        XCTAssertEqual(StoryTone.measure([spanish]), .failure(.notEnglish))
        XCTAssertEqual(StoryTone.measure([article("2", "Deadly attack", "It was terrible.", language: "fr")]), .failure(.notEnglish))
        XCTAssertEqual(StoryTone.measure([article("3", "", "")]), .failure(.noText))
        let mixed = StoryTone.measure([spanish, article("4", "Deadly attack kills dozens", "The attack was horrific and the violence terrible.")])
        XCTAssertEqual(try mixed.get().articlesNotEnglish, 1)
    }
}
