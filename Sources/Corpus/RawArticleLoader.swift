import Cleaning
import Foundation
import Support

/// Loads one raw article from a `.txt` or `.md` file: optional YAML front matter with the record
/// fields, then the text. Without a title in the front matter, `ArticleCleaner` finds it in the text.
enum RawArticleLoader {
    static func load(path: String, relativePath: String, into log: inout RecordLog, folder: FolderDefaults, mapping: FieldMapping) {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            text = String(decoding: data, as: UTF8.self)
        } catch {
            log.fileError(CorpusError.unreadable(path: relativePath, reason: error.localizedDescription), path: relativePath)
            return
        }
        let front: FrontMatter
        do { front = try FrontMatter.parse(text, path: relativePath) } catch {
            log.fileError(error, path: relativePath)
            return
        }
        var raw = RawRecord(object: front.fields, mapping: mapping)
        folder.apply(to: &raw, fileName: (relativePath as NSString).lastPathComponent)
        if raw.id == nil {
            // A stable id from the path, so the article keeps its identity from build to build.
            raw.id = (relativePath as NSString).deletingPathExtension
        }
        // Without a title in the front matter, the cleaner finds it in the text.
        raw.body = Text.normalizedBody(front.body)
        log.add(raw, at: SourceLocation(path: relativePath, line: 1), defaultStory: folder.story, defaultTopics: folder.topics)
    }
}
