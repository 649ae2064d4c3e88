import CMarkGFM
import Foundation

/// Renders GitHub-flavoured Markdown to HTML with Debian's libcmark-gfm.
///
/// Safe by default: raw HTML becomes `<!-- raw HTML omitted -->` and `javascript:`/`data:` link
/// targets are dropped (cmark's safe mode), and the tagfilter extension is on. `.unsafe` exists
/// only for running the GFM spec, which expects raw HTML; never use it on corpus text.
public struct MarkdownRenderer: Sendable {
    public struct Options: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let sourcePosition = Options(rawValue: CMARK_OPT_SOURCEPOS)
        public static let hardBreaks = Options(rawValue: CMARK_OPT_HARDBREAKS)
        public static let unsafe = Options(rawValue: CMARK_OPT_UNSAFE)
        public static let noBreaks = Options(rawValue: CMARK_OPT_NOBREAKS)
        public static let validateUTF8 = Options(rawValue: CMARK_OPT_VALIDATE_UTF8)
        public static let smart = Options(rawValue: CMARK_OPT_SMART)
        public static let githubPreLang = Options(rawValue: CMARK_OPT_GITHUB_PRE_LANG)
        public static let footnotes = Options(rawValue: CMARK_OPT_FOOTNOTES)
        public static let strikethroughDoubleTilde = Options(rawValue: CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE)
        public static let tablePreferStyleAttributes = Options(rawValue: CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)
        public static let fullInfoString = Options(rawValue: CMARK_OPT_FULL_INFO_STRING)

        /// What sitegen renders pages with.
        public static let site: Options = [.footnotes, .validateUTF8, .githubPreLang]
    }

    /// The GFM extensions libcmark-gfm-extensions provides.
    public enum Extension: String, Sendable, CaseIterable {
        case table, strikethrough, autolink, tagfilter, tasklist
    }

    /// Documents longer than this are cut before parsing (this cmark-gfm predates the fixes for
    /// quadratic-time inputs), and the cut is reported by `render`.
    public static let defaultMaxBytes = 2_000_000

    /// For Markdown built from corpus text: no autolink extension, so a URL inside an article's
    /// text stays text (links to articles are made only from their checked `url` field).
    public static let corpusText = MarkdownRenderer(extensions: [.table, .strikethrough, .tagfilter])

    public var options: Options
    public var extensions: [Extension]
    public var maxBytes: Int

    public init(options: Options = .site, extensions: [Extension] = [.table, .strikethrough, .autolink, .tagfilter], maxBytes: Int = MarkdownRenderer.defaultMaxBytes) {
        self.options = options
        self.extensions = extensions
        self.maxBytes = maxBytes
    }

    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// The HTML for `markdown`.
    public func html(_ markdown: String) -> String {
        render(markdown).html
    }

    /// Deepest nesting passed to cmark: block quotes and list indentation per line, and runs of
    /// brackets, emphasis or backticks (the inputs this cmark-gfm parses in quadratic time).
    public static let maxNesting = 32

    /// `markdown` with every line's nesting cut to `maxNesting` (block-quote markers, leading
    /// indentation) and every run of one bracket, emphasis, code or link character cut to
    /// `4 × maxNesting`; and how many characters were cut.
    public static func limitingNesting(_ markdown: String) -> (text: String, cut: Int) {
        let nesting: Set<UInt8> = [0x5B, 0x5D, 0x28, 0x29, 0x2A, 0x5F, 0x60, 0x7E, 0x3C, 0x3E, 0x21] // [ ] ( ) * _ ` ~ < > !
        let bytes = Array(markdown.utf8)
        // Fast path: no long run of one nesting character, no deep prefix.
        var quick = true
        var run = 0, last: UInt8 = 0, depth = 0
        for b in bytes {
            if b == last && nesting.contains(b) || (b == 0x20 && last == 0x20) { run += 1 } else { run = 0 }
            if b == 0x5B { depth += 1 } else if b == 0x5D { depth = max(0, depth - 1) }
            last = b
            if run >= maxNesting || depth >= maxNesting { quick = false; break }
        }
        if quick { return (markdown, 0) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var cut = 0
        var lineStart = true, prefixMarkers = 0, prefixSpaces = 0
        run = 0; last = 0; depth = 0
        for b in bytes {
            if b == 0x0A { lineStart = true; prefixMarkers = 0; prefixSpaces = 0; run = 0; last = b; out.append(b); continue }
            if lineStart {
                if b == 0x3E { prefixMarkers += 1; if prefixMarkers > maxNesting { cut += 1; continue } }
                else if b == 0x20 || b == 0x09 { prefixSpaces += 1; if prefixSpaces > maxNesting * 4 { cut += 1; continue } }
                else { lineStart = false }
            }
            if b == last && nesting.contains(b) { run += 1 } else { run = 0 }
            last = b
            if run >= maxNesting * 4 { cut += 1; continue }
            // Open brackets nested past the limit ("![![![…"): dropped; their closers stay as text.
            if b == 0x5B {
                depth += 1
                if depth > maxNesting * 4 { cut += 1; continue }
            } else if b == 0x5D {
                depth = max(0, depth - 1)
            }
            out.append(b)
        }
        return (String(decoding: out, as: UTF8.self), cut)
    }

    /// The HTML, and whether the input had to be cut to `maxBytes` or in its nesting.
    public func render(_ markdown: String) -> (html: String, truncated: Bool) {
        _ = Self.registered
        let limited = Self.limitingNesting(markdown)
        var bytes = Array(limited.text.utf8)
        let truncated = bytes.count > maxBytes || limited.cut > 0
        if bytes.count > maxBytes {
            bytes.removeSubrange(maxBytes...)
            // Do not leave half a UTF-8 sequence at the end.
            while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
            if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
        }
        guard let parser = cmark_parser_new(options.rawValue) else { return ("", truncated) }
        defer { cmark_parser_free(parser) }
        for ext in extensions {
            if let syntax = cmark_find_syntax_extension(ext.rawValue) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return ("", truncated) }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, options.rawValue, cmark_parser_get_syntax_extensions(parser)) else {
            return ("", truncated)
        }
        defer { free(rendered) }
        return (String(cString: rendered), truncated)
    }
}
