import Foundation

/// The name a scraped page gives itself in its own furniture, for an article whose record names
/// no outlet and has no URL: a site's newsletter box ("Stay Ahead with Azerbaijan.us"), a
/// subscription or donation prompt or its copyright line ("© 2025 The Example Times.
/// All rights reserved."). Only lines the cleaner removed as such furniture are read: a name in
/// the article's own text ("according to Reuters") is a source it cites, not its publisher, and a
/// photo credit names an agency.
public enum SiteNameInText {
    /// The furniture that names the site it sits on, by the cleaner's reasons.
    static func namesItsSite(_ reason: String) -> Bool {
        let reason = reason.hasPrefix("heading of a ") ? String(reason.dropFirst("heading of a ".count)) : reason
        return reason.hasPrefix("newsletter prompt") || reason.hasPrefix("subscription prompt")
            || reason.hasPrefix("donation prompt") || reason == "copyright line"
    }

    /// The first site name the removed lines give, or nil.
    public static func find(in removals: [Removal]) -> String? {
        for removal in removals where namesItsSite(removal.reason) {
            if removal.reason == "copyright line", let holder = copyrightHolder(removal.text) { return holder }
            if let domain = domainName(in: removal.text) { return domain }
        }
        return nil
    }

    /// A host name written in the line ("Azerbaijan.us", "www.example.org"), as written, without
    /// a leading "www.". Email addresses and file names ("photo.jpg") are not hosts.
    static func domainName(in line: String) -> String? {
        for raw in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            var token = Substring(raw)
            while let last = token.last, ".,;:!?)\"'’”".contains(last) { token = token.dropLast() }
            while let first = token.first, "(\"'‘“".contains(first) { token = token.dropFirst() }
            if token.contains("@") || token.contains("/") { continue }
            let labels = token.split(separator: ".", omittingEmptySubsequences: false)
            guard labels.count >= 2, let tld = labels.last,
                  (2...6).contains(tld.count), tld.allSatisfy({ $0.isASCII && $0.isLetter }),
                  !fileExtensions.contains(tld.lowercased()),
                  labels.dropLast().allSatisfy({ label in
                      !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                  }),
                  labels.dropLast().contains(where: { $0.contains(where: \.isLetter) })
            else { continue }
            let host = token.lowercased().hasPrefix("www.") ? token.dropFirst(4) : token
            return String(host)
        }
        return nil
    }

    static let fileExtensions: Set<String> = ["jpg", "jpeg", "png", "gif", "webp", "svg", "pdf", "html", "htm", "php", "mp4", "mp3"]

    /// The holder of a copyright line: "© 2025 The Example Times. All rights reserved." gives
    /// "The Example Times"; nil when nothing but years and boilerplate words is left.
    static func copyrightHolder(_ line: String) -> String? {
        var text = line
        for phrase in ["all rights reserved", "copyright", "©", "(c)"] {
            while let range = text.range(of: phrase, options: .caseInsensitive) { text.removeSubrange(range) }
        }
        // Years and year ranges ("2019-2025") go; so do the words around a holder's name.
        let words = text.split(whereSeparator: { $0.isWhitespace }).map { word -> Substring in
            var w = Substring(word)
            while let last = w.last, ".,;:|".contains(last) { w = w.dropLast() }
            return w
        }.filter { word in
            !word.isEmpty && !word.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "–" })
        }
        var name = words.joined(separator: " ")
        for suffix in [" Inc", " LLC", " Ltd", " Limited", " Corp", " Corporation", " Group"] where name.hasSuffix(suffix) && name.count > suffix.count + 3 {
            name.removeLast(suffix.count)
        }
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: " ,.-–|"))
        guard name.count >= 3, name.count <= 60, name.contains(where: \.isLetter),
              name.split(separator: " ").count <= 6 else { return nil }
        return domainName(in: name) ?? name
    }
}
