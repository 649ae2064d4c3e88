import Corpus
import Foundation
import Support

/// An article's link as a story page shows it, worked out once per page: the headline list, the
/// source entry and the JSON-LD each need it, and checking and parsing the URL again for each
/// was a twentieth of the page's CPU.
struct ArticleLink {
    /// The article's URL when it is safe to link to (`SafeURL.web`).
    let url: String?
    /// `url`, parsed: the source entry shows its host, the JSON-LD keeps http(s) only.
    let components: URLComponents?

    init(_ raw: String?) {
        url = SafeURL.web(raw)
        components = url.flatMap { URLComponents(string: $0) }
    }

    /// The host a link names beside a headline: "reuters.com" for www.reuters.com.
    static func shownHost(_ components: URLComponents?) -> String? {
        guard let host = components?.host else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }
}
