import Foundation
import Support

/// A line the cleaner took out of an article, and why.
public struct Removal: Sendable, Hashable, Codable {
    /// 1-based position of the line in the article's text as loaded (after joining broken lines).
    public var line: Int
    public var text: String
    public var reason: String
}

/// One line of an article as the cleaner saw it: kept, or removed with the reason.
public struct TracedLine: Sendable, Hashable {
    public var line: Int
    public var text: String
    /// Why it was removed; nil when kept.
    public var removed: String?
}

/// What cleaning one article gave.
public struct CleanedText: Sendable {
    public var title: String
    /// True when the title came from the text rather than the record.
    public var titleFound: Bool
    public var paragraphs: [String]
    /// 1-based line numbers of `paragraphs`, in the numbering of `Removal.line`.
    public var keptLines: [Int]
    public var removals: [Removal]
    public var linesIn: Int

    /// Every line in order, kept or removed: what `sitegen extract --diff` shows.
    public var trace: [TracedLine] {
        let kept = zip(keptLines, paragraphs).map { TracedLine(line: $0, text: $1, removed: nil) }
        let gone = removals.map { TracedLine(line: $0.line, text: $0.text, removed: $0.reason) }
        return (kept + gone).sorted { $0.line < $1.line }
    }
}

/// Cleans the text of one scraped article: finds the title when the record has none, takes out
/// page furniture line by line and block by block, cuts what follows the article's end, and keeps
/// every paragraph of the article itself, sub-headings and quotes included.
///
/// The rules read the shape of lines (`LineShape`), their position, the generic vocabulary of web
/// pages (`ClutterLexicon`), what the outlet repeats across its articles (`BoilerplateIndex`) and
/// how close text after an "end" marker stays to the article before it.
public struct ArticleCleaner: Sendable {
    /// Limits the rules work within.
    public struct Limits: Sendable {
        /// Lexicon prefix/contains rules apply to lines of at most this many words.
        public var shortLine = 30
        /// The title is looked for among this many first lines.
        public var titleSearchLines = 25
        /// Text after an end marker that shares at least this much vocabulary with the article
        /// (cosine of word counts) is taken as the article going on, not as another article.
        public var continuesArticle = 0.35
        public init() {}
    }

    public var limits = Limits()
    public var index: BoilerplateIndex?

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    public init(limits: Limits = Limits(), index: BoilerplateIndex?) {
        self.limits = limits
        self.index = index
    }

    // Lexicon lookups, built once.
    private static let whole: [String: ClutterRule] = Dictionary(ClutterLexicon.rules.filter { $0.kind == .whole }.map { ($0.phrase, $0) }, uniquingKeysWith: { a, _ in a })
    private static let opens: [String: ClutterRule] = Dictionary(ClutterLexicon.rules.filter { $0.kind == .opensBlock }.map { ($0.phrase, $0) }, uniquingKeysWith: { a, _ in a })
    private static let ends: [String: ClutterRule] = Dictionary(ClutterLexicon.rules.filter { $0.kind == .endsArticle }.map { ($0.phrase, $0) }, uniquingKeysWith: { a, _ in a })
    private static let prefixes = PhraseTable(ClutterLexicon.rules.filter { $0.kind == .prefix })
    private static let contains = PhraseTable(ClutterLexicon.rules.filter { $0.kind == .contains })

    /// Cleans `body`; `title` is the record's title, or nil when it has none; `outlet` the key the
    /// boilerplate index knows the outlet by.
    public func clean(title: String?, body: String, outlet: String = "") -> CleanedText {
        clean(title: title, lines: Self.joinBrokenLines(Self.lines(of: body)), outlet: outlet)
    }

    /// Cleans lines already measured (`joinBrokenLines(lines(of:))`).
    public func clean(title: String?, lines: [LineShape], outlet: String) -> CleanedText {
        var pass = Pass(lines: lines)
        let found = findTitle(title, in: &pass)
        var finalTitle = found.title
        removeLineByLine(&pass, outlet: outlet)
        pass.removeWidgetBlocks()
        pass.removeAroundParagraphs()
        if finalTitle.isEmpty {
            finalTitle = Text.headline(fromBody: pass.kept.first.map { lines[$0].text } ?? "")
        }
        pass.removals.sort { $0.line < $1.line }
        let keptLines = pass.kept
        return CleanedText(title: finalTitle, titleFound: found.found, paragraphs: keptLines.map { CitationMarks.removed(from: lines[$0].text) },
                           keptLines: keptLines.map { $0 + 1 }, removals: pass.removals, linesIn: lines.count)
    }

    /// 1. The title: from the record, or the first headline-like line near the top; the lines
    ///    repeating it, and the navigation above it, go.
    private func findTitle(_ title: String?, in pass: inout Pass) -> (title: String, found: Bool) {
        let lines = pass.lines
        var finalTitle = title?.trimmed ?? ""
        var titleFound = false
        var titleIndex: Int?
        var titleKey = LineShape(finalTitle).key
        if finalTitle.isEmpty {
            titleIndex = lines.prefix(limits.titleSearchLines).firstIndex { $0.isHeadingLike && $0.words >= 4 && Self.rule(for: $0) == nil && $0.interfaceReason == nil }
            if let t = titleIndex {
                finalTitle = lines[t].text
                titleKey = lines[t].key
                titleFound = true
                pass.remove(t, "the title")
            }
        } else {
            titleIndex = lines.prefix(limits.titleSearchLines).firstIndex { $0.key == titleKey }
            if let t = titleIndex { pass.remove(t, "repeats the title") }
        }
        if let t = titleIndex {
            // What stands above the headline of a scraped page is navigation, unless it is prose.
            if lines[..<t].allSatisfy(\.isFragment) {
                for i in 0..<t { pass.remove(i, lines[i].key == titleKey ? "repeats the title" : "above the title (page navigation)") }
            }
            for i in (t + 1)..<min(lines.count, t + 12) where lines[i].key == titleKey { pass.remove(i, "repeats the title") }
        }
        return (finalTitle, titleFound)
    }

    /// 2. Line by line: markers, lexicon, interface debris, bylines, boilerplate, repeats.
    private func removeLineByLine(_ pass: inout Pass, outlet: String) {
        let lines = pass.lines
        var sentencesKept = 0
        var continuation = Continuation(lines: lines)
        var seenKeys = Set<UInt64>()
        var i = 0
        while i < lines.count {
            defer { i += 1 }
            guard pass.keep[i] else { continue }
            let line = lines[i]
            if line.words <= Self.longestLabel, let end = Self.ends[line.key] {
                // "Related Articles" standing alone ends the page's article; "Related:" with a
                // colon introduces links inside it, and the article goes on after them.
                let introducesList = line.text.hasSuffix(":")
                if sentencesKept > 0, !introducesList, !continuation.continues(after: i, keep: pass.keep, threshold: limits.continuesArticle) {
                    pass.remove(i, "\(end.reason): the article ends here")
                    for j in (i + 1)..<lines.count { pass.remove(j, "after \"\(line.text)\" (\(end.reason)), not the article") }
                    break
                }
                if line.isFragment {
                    pass.remove(i, end.reason)
                    pass.removeLinkList(after: i, reason: end.reason)
                    continue
                }
            }
            if line.words <= Self.longestLabel, let block = Self.opens[line.key], line.isFragment {
                pass.remove(i, block.reason)
                pass.removeLinkList(after: i, reason: block.reason)
                continue
            }
            if let reason = removalReason(line, at: i, pass: &pass, outlet: outlet, seenKeys: &seenKeys) {
                pass.remove(i, reason)
                continue
            }
            if line.isSentence { sentencesKept += 1 }
        }
    }

    /// Why line `i` goes, by the rules that read it alone (interface debris, the lexicon, a
    /// byline, the outlet's boilerplate, a repeat); nil when it stays.
    private func removalReason(_ line: LineShape, at i: Int, pass: inout Pass, outlet: String, seenKeys: inout Set<UInt64>) -> String? {
        if let reason = line.interfaceReason { return reason }
        if let rule = Self.rule(for: line, shortLine: limits.shortLine) {
            // The heading of a newsletter or promotion box goes with it.
            if rule.withBoxHeading, i > 0, pass.keep[i - 1] {
                let previous = pass.lines[i - 1]
                if previous.isFragment && previous.words <= 8 && !previous.text.hasSuffix(":") {
                    pass.remove(i - 1, "heading of a \(rule.reason) box")
                }
            }
            return rule.reason
        }
        if Self.isByline(line) { return "byline" }
        let timesInArticle = pass.keyCounts[line.keyHash, default: 1]
        // Speaker labels of a transcript repeat inside the article: those are text, not furniture.
        if timesInArticle < 3, let index, let reason = index.reason(for: line, outlet: outlet) { return reason }
        if !seenKeys.insert(line.keyHash).inserted, timesInArticle < 3, (line.isSentence && line.words >= 6) || (!line.endsLikeProse && line.words >= 4) {
            return "repeated line"
        }
        return nil
    }

    // MARK: Rules

    /// No `.whole`, `.opensBlock` or `.endsArticle` phrase is longer than this many words.
    static let longestLabel = ClutterLexicon.rules.filter { $0.kind != .prefix && $0.kind != .contains }
        .map { $0.phrase.split(separator: " ").count }.max() ?? 0

    private static func rule(for line: LineShape, shortLine: Int = 30) -> ClutterRule? {
        if line.words <= longestLabel, let rule = whole[line.key] { return rule }
        guard line.words <= shortLine else { return nil }
        let sentence = line.isSentence
        return UTF8Scalars.withBytes(of: line.key) { key in
            prefixes.firstPrefix(of: key) { !($0.onlyFragments && sentence) }
                ?? contains.firstContained(in: key) { !($0.onlyFragments && sentence) }
        }
    }

    /// "By Jane Doe", "By Jane Doe and John Roe, Reuters": a short fragment naming authors.
    static func isByline(_ line: LineShape) -> Bool {
        guard line.isFragment, line.words <= 10, line.key.hasPrefix("by ") else { return false }
        let words = line.text.split(separator: " ").dropFirst()
        guard let first = words.first?.first, first.isUppercase else { return false }
        let capitalised = words.filter { $0.first?.isUppercase == true }.count
        return capitalised * 2 >= words.count
    }

    // MARK: Lines

    /// The non-empty lines of a body as the loaders normalise it (`\n` line ends, lines trimmed).
    public static func lines(of body: String) -> [String] {
        UTF8Scalars.withBytes(of: body) { bytes in
            var out: [String] = []
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if slice.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                    let line = String(decoding: slice, as: UTF8.self)
                    // Already trimmed when it starts and ends with visible ASCII (most lines).
                    if let first = slice.first, let last = slice.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
                        out.append(line)
                    } else {
                        out.append(line.trimmed)
                    }
                }
                start = end + 1
            }
            return out
        }
    }

    /// Rejoins a sentence that the scraper broke at its links: a line that starts in lower case
    /// (or with `,` `;` `.` `)`) continues the line before it, when that line did not end a sentence.
    public static func joinBrokenLines(_ raw: [String]) -> [LineShape] {
        var shapes: [LineShape] = []
        shapes.reserveCapacity(raw.count)
        for line in raw {
            let shape = LineShape(line)
            if shapes.last.map({ continues(shape, after: $0) }) == true {
                let glue = line.unicodeScalars.first.map { ",;.)".unicodeScalars.contains($0) } == true ? "" : " "
                shapes[shapes.count - 1].append(glue, shape) // in place: no copy of the text so far
            } else {
                shapes.append(shape)
            }
        }
        return shapes
    }

    private static func isLabel(_ line: LineShape) -> Bool {
        line.words <= longestLabel && (opens[line.key] != nil || ends[line.key] != nil)
    }

    private static func continues(_ line: LineShape, after previous: LineShape) -> Bool {
        guard !previous.endsLikeProse, let first = line.text.unicodeScalars.first, !previous.text.hasSuffix(":") else { return false }
        // Over 2,000 bytes in 30 words or fewer is a run of tokens, not a sentence broken at its
        // links; the rules below would read all of it again for every line glued on.
        guard previous.words > 30 || previous.text.utf8.count <= 2_000 else { return false }
        let isLower = first.properties.isLowercase
        guard isLower || ",;.)".unicodeScalars.contains(first) else { return false }
        if isLower {
            let firstWord = line.text.unicodeScalars.prefix { $0 != " " }
            guard firstWord.allSatisfy({ $0.properties.isLowercase || $0 == "-" || $0 == "'" || $0 == "," }) else { return false }
        }
        // Never glue page furniture to text ("… respond" + "by Taboola").
        return line.interfaceReason == nil && previous.interfaceReason == nil && rule(for: line) == nil
            && rule(for: previous) == nil && !isLabel(line) && !isLabel(previous)
    }
}

/// Word counts of a text (words of four letters or more, lower-cased), for a cosine similarity.
struct TermVector {
    var counts: [String: Double] = [:]

    init(_ text: String) {
        var word = ""
        func flush() {
            if word.count >= 4 { counts[word, default: 0] += 1 }
            word = ""
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic { word += scalar.properties.lowercaseMapping } else { flush() }
        }
        flush()
    }

    func cosine(_ other: TermVector) -> Double {
        var dot = 0.0
        for (w, c) in counts { if let d = other.counts[w] { dot += c * d } }
        let a = counts.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let b = other.counts.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return a > 0 && b > 0 ? dot / (a * b) : 0
    }
}

/// One article's lines as the rules go over them: which are kept, and why each other one went.
private struct Pass {
    let lines: [LineShape]
    var keep: [Bool]
    var removals: [Removal] = []
    /// How often each line key occurs in the article.
    let keyCounts: [UInt64: Int]

    init(lines: [LineShape]) {
        self.lines = lines
        keep = [Bool](repeating: true, count: lines.count)
        var counts: [UInt64: Int] = [:]
        for line in lines { counts[line.keyHash, default: 0] += 1 }
        keyCounts = counts
    }

    var kept: [Int] { lines.indices.filter { keep[$0] } }

    mutating func remove(_ i: Int, _ reason: String) {
        guard keep[i] else { return }
        keep[i] = false
        removals.append(Removal(line: i + 1, text: lines[i].text, reason: reason))
    }

    /// Removes the link titles under a list label: fragments, up to the next sentence.
    mutating func removeLinkList(after i: Int, reason: String) {
        var j = i + 1
        while j < lines.count, lines[j].isFragment {
            // Stop at a sub-heading that the article goes on under.
            if lines[j].isHeadingLike, j + 1 < lines.count, lines[j + 1].isSentence, j > i + 1 { break }
            remove(j, "\(reason) (listed item)")
            j += 1
        }
    }

    /// 3. Widget blocks: three or more consecutive fragments, most of them one or two words
    ///    (coverage boxes, share bars, tag clouds). Lists of items in an article are longer.
    mutating func removeWidgetBlocks() {
        let kept = self.kept
        var start = 0
        while start < kept.count {
            var end = start
            while end < kept.count, lines[kept[end]].isFragment { end += 1 }
            if end - start >= 3 {
                let run = kept[start..<end]
                // Tiny: one or two words; not a line the article repeats (speaker
                // labels of a transcript) and not a short reply ("Yeah.").
                let tiny = run.filter {
                    lines[$0].words <= 2 && !lines[$0].endsLikeProse && keyCounts[lines[$0].keyHash, default: 0] < 2
                }.count
                if tiny * 2 >= run.count {
                    for j in run {
                        // A heading right before the article goes on is a sub-heading, not widget.
                        if j == run.last, end < kept.count, lines[j].isHeadingLike, lines[j].words >= 3 { continue }
                        remove(j, "widget block (\(run.count) short lines)")
                    }
                }
            }
            start = end + 1
        }
    }

    /// 4. Nothing after the last paragraph but fragments (teasers, tags, buttons), and nothing
    ///    before the first but labels of one to three words ("News summary", "EXCLUSIVE").
    mutating func removeAroundParagraphs() {
        let kept = self.kept
        if let lastSentence = kept.last(where: { lines[$0].isSentence }) {
            for j in kept where j > lastSentence { remove(j, "after the article's last paragraph") }
        }
        if let firstSentence = kept.first(where: { lines[$0].isSentence }) {
            for j in kept where j < firstSentence && lines[j].words <= 3 && keyCounts[lines[j].keyHash, default: 0] < 2 {
                remove(j, "label above the article's first paragraph")
            }
        }
    }
}
