import Corpus
import Support

/// What DESIGN.md §5 and §8 ask of every slug: `[a-z0-9]` words joined by single hyphens, at most
/// 80 characters, never empty, `.` or `..`; and a slug is its own slug.
public enum SlugProperties {
    public static func problems(_ slug: String, of text: String, maxLength: Int = 80) -> [String] {
        let shown = String(reflecting: String(text.prefix(60)))
        var problems: [String] = []
        if slug.isEmpty || slug == "." || slug == ".." { problems.append("slug of \(shown) is \(String(reflecting: slug))") }
        if slug.utf8.count > maxLength { problems.append("slug of \(shown) has \(slug.utf8.count) > \(maxLength) characters") }
        if !slug.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }) {
            problems.append("slug of \(shown) has characters outside [a-z0-9-]: \(String(reflecting: slug))")
        }
        if slug.hasPrefix("-") || slug.hasSuffix("-") || slug.contains("--") {
            problems.append("slug of \(shown) has a stray hyphen: \(slug)")
        }
        if Slug.make(slug, maxLength: maxLength) != slug { problems.append("slug \(slug) is not its own slug") }
        return problems
    }
}
