import Corpus
import Foundation

/// What kind of piece an article is, as far as joining a story goes. A report of a happening says
/// when it happened near its start ("said on Tuesday", "WASHINGTON (Reuters) -"); opinion, analysis,
/// explainers and features mostly do not, and are about a subject more than a happening.
enum PieceKind: Sendable, Equatable {
    /// Its headline, outlet or address marks it as opinion, analysis or editorial.
    case commentary
    /// A news report: its lead places it in time.
    case report
    /// Neither: a feature, an explainer, or a report whose lead names no time.
    case unpegged

    /// Headline labels outlets put before a piece of commentary ("OPINION: …").
    static let labels = ["opinion", "analysis", "editorial", "commentary", "column", "op-ed", "perspective"]
    /// Outlet names and address folders that hold commentary.
    static let outletWords = ["opinion", "editorial", "guest writer", "blog", "column", "op-ed"]
    static let folders = ["/opinion", "/opinions/", "/commentary/", "/op-ed", "/oped/", "/editorial", "/columns/", "/columnists/", "/blogs/", "/perspectives/"]
    /// Words that place a report in time, lower-case ASCII.
    static let timeWords: [[UInt8]] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tonight", "yesterday", "overnight"].map { Array($0.utf8) }
    /// Wire datelines near the start of a body.
    static let datelineNeedles: [[UInt8]] = ["(reuters)", "(ap)", "(cnn)", "(afp)"].map { Array($0.utf8) }
    /// How many words of the body count as its lead here.
    static let leadWords = 80

    init(_ article: Article) {
        self = Self.isCommentary(article) ? .commentary : Self.placesInTime(article) ? .report : .unpegged
    }

    static let outletNeedles = outletWords.map { Array($0.utf8) }
    static let folderNeedles = folders.map { Array($0.utf8) }

    static func isCommentary(_ article: Article) -> Bool {
        let head = article.title.prefix(16).lowercased()
        for label in labels where head.hasPrefix(label) {
            let rest = head.dropFirst(label.count).first
            if rest == ":" || rest == " " || rest == "|" { return true }
        }
        if let outlet = article.outlet, contains(lowercased: outlet, any: outletNeedles) { return true }
        if let url = article.url, contains(lowercased: url, any: folderNeedles) { return true }
        return false
    }

    /// Whether `text`, lower-cased (ASCII), holds one of `needles`.
    static func contains(lowercased text: String, any needles: [[UInt8]]) -> Bool {
        let bytes = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
        return bytes.withUnsafeBufferPointer { hay in
            needles.contains { needle in
                guard let first = needle.first, hay.count >= needle.count else { return false }
                var i = 0
                while i <= hay.count - needle.count {
                    if hay[i] == first {
                        var k = 1
                        while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                        if k == needle.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Whether the headline or the lead names a day ("on Tuesday", "yesterday") or opens with a
    /// wire dateline ("WASHINGTON (Reuters) -", "LONDON (AP) —"). Read over bytes: it runs for
    /// every article of the corpus.
    static func placesInTime(_ article: Article) -> Bool {
        if namesTime(article.title.utf8, words: .max) { return true }
        guard let body = article.body else { return false }
        if contains(lowercased: String(body.utf8.prefix(120)) ?? "", any: datelineNeedles) { return true }
        return namesTime(body.utf8, words: leadWords)
    }

    /// Whether one of the first `words` words of `text` is a time word (any case).
    static func namesTime(_ text: String.UTF8View, words limit: Int) -> Bool {
        var word: [UInt8] = []
        word.reserveCapacity(12)
        var words = 0
        func check() -> Bool {
            defer { word.removeAll(keepingCapacity: true) }
            return word.count >= 5 && word.count <= 9 && timeWords.contains(word)
        }
        for byte in text {
            switch byte {
            case 0x41...0x5A: word.append(byte + 32)
            case 0x61...0x7A: word.append(byte)
            default:
                if !word.isEmpty {
                    if check() { return true }
                    words += 1
                    if words >= limit { return false }
                } else if byte == 0x20 || byte == 0x0A {
                    continue
                }
            }
        }
        return check()
    }
}
