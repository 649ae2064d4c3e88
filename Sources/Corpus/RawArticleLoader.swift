import Foundation

/// Loads one raw article from a `.txt` or `.md` file: optional YAML front matter with the record
/// fields, then the text. Without a title in the front matter, the title is found in the text
/// (see `TitleFinder`), and repeats of it are dropped from the body.
enum RawArticleLoader {
    static func load(path: String, relativePath: String, into factory: inout ArticleFactory, folder: FolderDefaults, mapping: FieldMapping) {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            text = String(decoding: data, as: UTF8.self)
        } catch {
            factory.fileError(CorpusError.unreadable(path: relativePath, reason: error.localizedDescription), path: relativePath)
            return
        }
        let front: FrontMatter
        do { front = try FrontMatter.parse(text, path: relativePath) } catch {
            factory.fileError(error, path: relativePath)
            return
        }
        var raw = RawRecord(object: front.fields, mapping: mapping)
        folder.apply(to: &raw, fileName: (relativePath as NSString).lastPathComponent)
        if raw.id == nil {
            // A stable id from the path, so the article keeps its identity from build to build.
            raw.id = (relativePath as NSString).deletingPathExtension
        }
        let body = Text.normalizedBody(front.body)
        if raw.title == nil, let found = TitleFinder.find(in: body) {
            raw.title = found.title
            raw.body = found.body
        } else {
            raw.body = body
        }
        factory.add(raw, at: SourceLocation(path: relativePath, line: 1), defaultStory: folder.story, defaultTopics: folder.topics)
    }
}

/// Finds the headline of a scraped page: the first line, near the top, that reads like a headline
/// (four to thirty words, not a sentence ending in a full stop, not a navigation label).
enum TitleFinder {
    static let searchLines = 25

    static func find(in body: String) -> (title: String, body: String)? {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var seen = 0
        for (index, line) in lines.enumerated() {
            let t = line.trimmed
            if t.isEmpty { continue }
            seen += 1
            if seen > searchLines { break }
            if looksLikeHeadline(t) {
                // What stands above the headline on a scraped page is navigation: drop it, the
                // title line, and the repeats of the title that pages print right under it.
                let key = t.lowercased()
                let rest = lines.enumerated().filter { i, l in
                    i > index && !(i < index + 12 && l.trimmed.lowercased() == key)
                }.map(\.element)
                return (t, Text.normalizedBody(rest.joined(separator: "\n")))
            }
        }
        return nil
    }

    static func looksLikeHeadline(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard (4...30).contains(words.count), line.count <= 220 else { return false }
        if line.hasSuffix(".") || line.hasSuffix(":") || line.hasSuffix(",") { return false }
        let letters = line.filter(\.isLetter)
        guard letters.count >= line.count / 2 else { return false }
        return true
    }
}
