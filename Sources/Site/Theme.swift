import Corpus
import Foundation
import Mustache

/// The templates and assets a site is rendered with: every `*.mustache` file below the theme
/// folder (named by its path without the extension: `story`, `partials/story-card`), and the
/// files of `assets/`. Later folders override earlier ones file by file.
public struct Theme: Sendable {
    public let library: MustacheLibrary
    public let templateNames: Set<String>
    /// Asset path (below `assets/`) → contents.
    public let assets: [String: Data]

    public static let requiredTemplates = ["base", "home", "story", "outlet", "outlets", "topic", "topics", "page", "404"]

    public init(directories: [String]) throws {
        var sources: [String: (text: String, path: String)] = [:]
        var assets: [String: Data] = [:]
        let fm = FileManager.default
        for directory in directories {
            guard let enumerator = fm.enumerator(atPath: directory) else { continue }
            for case let relative as String in enumerator {
                let full = (directory as NSString).appendingPathComponent(relative)
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
                if relative.hasPrefix("assets/") {
                    assets[String(relative.dropFirst("assets/".count))] = try Data(contentsOf: URL(fileURLWithPath: full))
                } else if relative.hasSuffix(".mustache") {
                    let text = try String(contentsOfFile: full, encoding: .utf8)
                    sources[String(relative.dropLast(".mustache".count))] = (text, full)
                }
            }
        }
        MustacheContentTypes.register(HTMLEscaping(), named: HTMLEscaping.name)
        var library = MustacheLibrary()
        for name in sources.keys.sorted() {
            let source = sources[name]!
            do {
                // A standalone first line that the parser drops: the line numbers stay the file's.
                try library.register("{{% CONTENT_TYPE: \(HTMLEscaping.name) }}\n" + source.text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw CorpusError.invalid(
                    location: SourceLocation(path: source.path, line: max(1, error.context.lineNumber - 1)),
                    reason: "template error: \(error.error) near “\(error.context.line.trimmed)”; fix the template (the last good site is kept)")
            }
        }
        let missing = Self.requiredTemplates.filter { sources[$0] == nil }
        if !missing.isEmpty {
            throw CorpusError.missing(path: directories.last ?? "Templates", what: "the theme lacks \(missing.map { "\($0).mustache" }.joined(separator: ", "))")
        }
        self.library = library
        self.templateNames = Set(sources.keys)
        self.assets = assets
    }

    /// Renders a named template; a missing one is a programming error caught by `init`.
    public func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}

/// HTML escaping of `{{variables}}` as swift-mustache's default does it (`<`, `>`, `&`, `"`, `'`),
/// over UTF-8 bytes rather than Characters with a dictionary lookup each: escaping was a tenth of
/// the render stage. Every template is read with it (a `CONTENT_TYPE` pragma put in front).
struct HTMLEscaping: MustacheContentType {
    static let name = "SITEGEN_HTML"

    func escapeText(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            // Most bytes are letters (above `>`, the highest byte that needs escaping).
            guard let first = bytes.firstIndex(where: { $0 <= 0x3E && Self.needsEscape($0) }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
            for byte in bytes[first...] {
                switch byte {
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                case 0x27: out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0x22 || byte == 0x27
    }
}

/// A short content hash for fingerprinted asset names (64-bit FNV-1a, hex).
enum Fingerprint {
    static func of(_ data: Data) -> String {
        let hex = String(FNV1a.hash(data), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
