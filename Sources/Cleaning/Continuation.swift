/// Does the text after an end marker read as the same article (a marker used mid-article)? The
/// cosine of the word counts of the kept sentences before the marker and of all the sentences
/// after it, at least `ArticleCleaner.Limits.continuesArticle`.
///
/// Both sides are kept up to date as the cleaner walks down the lines (markers come in order), so
/// each line is counted a few times at most: recounting both sides at every marker made an
/// article with many markers quadratic (found with the fuzz harness's big inputs, Fuzz/: in a
/// release build 2,000 "Related Articles" lines between sentences took 22 s, 8,000 five
/// minutes). The counts are whole numbers, so the cosine is the very number recounting gives.
struct Continuation {
    private let lines: [LineShape]
    private var before: [String: Double] = [:], after: [String: Double] = [:]
    private var dot = 0.0, beforeSquares = 0.0, afterSquares = 0.0
    private var sentencesBefore = 0, sentencesAfter = 0
    /// The marker of the last question; nil before the first.
    private var marker: Int?

    init(lines: [LineShape]) {
        self.lines = lines
    }

    /// - Parameter keep: the cleaner's verdicts so far (final for every sentence above `i`).
    mutating func continues(after i: Int, keep: [Bool], threshold: Double) -> Bool {
        if let previous = marker {
            for j in previous..<i where keep[j] && lines[j].isSentence { add(j, toBefore: true) }
            for j in (previous + 1)...i where lines[j].isSentence { remove(j) }
        } else {
            for j in 0..<i where keep[j] && lines[j].isSentence { add(j, toBefore: true) }
            for j in (i + 1)..<lines.count where lines[j].isSentence { add(j, toBefore: false) }
        }
        marker = i
        guard sentencesBefore > 0, sentencesAfter > 0 else { return false }
        let cosine = beforeSquares > 0 && afterSquares > 0 ? dot / (beforeSquares.squareRoot() * afterSquares.squareRoot()) : 0
        return cosine >= threshold
    }

    private mutating func add(_ j: Int, toBefore: Bool) {
        for (word, n) in TermVector(lines[j].text).counts {
            if toBefore {
                let old = before[word, default: 0]
                before[word] = old + n
                beforeSquares += (old + n) * (old + n) - old * old
                dot += n * after[word, default: 0]
            } else {
                let old = after[word, default: 0]
                after[word] = old + n
                afterSquares += (old + n) * (old + n) - old * old
                dot += n * before[word, default: 0]
            }
        }
        if toBefore { sentencesBefore += 1 } else { sentencesAfter += 1 }
    }

    /// Takes line `j` out of the text after the marker (the walk has passed it).
    private mutating func remove(_ j: Int) {
        for (word, n) in TermVector(lines[j].text).counts {
            let old = after[word, default: 0]
            after[word] = old - n == 0 ? nil : old - n
            afterSquares += (old - n) * (old - n) - old * old
            dot -= n * before[word, default: 0]
        }
        sentencesAfter -= 1
    }
}
