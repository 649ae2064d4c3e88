import Foundation
import Support

/// The outlets of `outlets.csv`, and the matching of an article's outlet name or URL to one of them.
///
/// Matching, in order: the name or an alias (case- and punctuation-insensitive: "Fox Online News"
/// finds the outlet that lists it as an alias); then the URL's host or a parent domain of it
/// ("thecaucus.blogs.nytimes.com" finds nytimes.com). Rows that share a name are one outlet on
/// several hosts. What matches nothing is *unrated*: `resolve` then returns an unlisted outlet.
public struct OutletRegistry: Sendable {
    public private(set) var outlets: [Outlet] = []
    private var byName: [String: [Int]] = [:]
    private var byDomain: [String: Int] = [:]

    public init(outlets: [Outlet] = []) {
        for outlet in outlets { add(outlet) }
    }

    /// Reads `outlets.csv` (columns `name, domain, bias, bias_detail, factuality, owner, country,
    /// aliases`, most optional; `aliases` separated by `|`). Rows without a name or domain are
    /// reported and skipped.
    public static func load(path: String) throws -> (registry: OutletRegistry, diagnostics: [Diagnostic]) {
        let table = try CSVTable(path: path)
        guard let nameCol = table.column(["name", "outlet"]) else {
            throw CorpusError.invalid(location: SourceLocation(path: path, line: 1), reason: "no \"name\" column in the header")
        }
        let col = (
            domain: table.column(["domain", "host"]), bias: table.column(["bias", "rating"]),
            detail: table.column(["bias_detail"]), fact: table.column(["factuality"]),
            owner: table.column(["owner"]), country: table.column(["country"]),
            aliases: table.column(["aliases"]), source: table.column(["rating_source", "source"])
        )
        var diagnostics: [Diagnostic] = []
        var rows: [(line: Int, outlet: Outlet)] = []
        for record in table.records {
            let f = record.fields
            let here = SourceLocation(path: path, line: record.line)
            guard let name = f[safe: nameCol] ?? f[safe: col.domain] else {
                diagnostics.append(Diagnostic(.error, at: here, "outlet row has neither name nor domain", "row skipped"))
                continue
            }
            var bias: Leaning?
            if let raw = f[safe: col.bias] {
                bias = Leaning(rating: raw)
                if bias == nil {
                    diagnostics.append(Diagnostic(.warning, at: here, "unknown bias \"\(raw)\" for \(name) (expected left, lean-left, center, lean-right or right)", "outlet kept as unrated"))
                }
            }
            let domain = f[safe: col.domain].map(Self.normalizedHost)
            rows.append((record.line, Outlet(
                name: name, domains: domain.map { [$0] } ?? [], bias: bias, biasDetail: f[safe: col.detail],
                factuality: Factuality(rating: f[safe: col.fact]), owner: f[safe: col.owner],
                country: f[safe: col.country],
                aliases: (f[safe: col.aliases] ?? "").split(separator: "|").compactMap { String($0).nonEmpty },
                ratingSource: f[safe: col.source]
            )))
        }
        // Rows that share a name describe one outlet on several hosts: merge them, keeping the
        // ratings of the most authoritative row and the others as `otherRatings`.
        var groups: [String: [Outlet]] = [:]
        var order: [String] = []
        for (_, outlet) in rows {
            let key = normalizedName(outlet.name)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(outlet)
        }
        var registry = OutletRegistry()
        var usedSlugs: Set<String> = []
        for key in order {
            let group = groups[key]!.sorted(by: primaryFirst)
            var merged = group[0]
            for other in group.dropFirst() {
                merged.domains += other.domains.filter { !merged.domains.contains($0) }
                merged.aliases += other.aliases.filter { !merged.aliases.contains($0) }
                if let d = other.domains.first {
                    merged.otherRatings.append(HostRating(domain: d, bias: other.bias, factuality: other.factuality, ratingSource: other.ratingSource))
                }
            }
            merged.slug = uniqueSlug(merged.slug, domain: merged.domains.first, used: &usedSlugs)
            registry.add(merged)
        }
        return (registry, diagnostics)
    }

    /// Which of several rows sharing a name speaks for the outlet: a rated row, AllSides before
    /// MBFC-only, a row with aliases, then the shortest (apex) domain.
    private static func primaryFirst(_ a: Outlet, _ b: Outlet) -> Bool {
        func rank(_ o: Outlet) -> (Int, Int, Int, Int, String) {
            (o.bias == nil ? 1 : 0,
             (o.ratingSource ?? "").localizedCaseInsensitiveContains("allsides") ? 0 : 1,
             o.aliases.isEmpty ? 1 : 0,
             o.domains.first?.count ?? Int.max,
             o.domains.first ?? "")
        }
        return rank(a) < rank(b)
    }

    private static func uniqueSlug(_ base: String, domain: String?, used: inout Set<String>) -> String {
        var slug = base
        if used.contains(slug), let domain { slug = Slug.make(base + " " + domain) }
        var n = 2
        while used.contains(slug) { slug = Slug.numbered(base, n); n += 1 }
        used.insert(slug)
        return slug
    }

    private mutating func add(_ outlet: Outlet) {
        let index = outlets.count
        outlets.append(outlet)
        for name in [outlet.name] + outlet.aliases {
            let key = Self.normalizedName(name)
            guard !key.isEmpty else { continue }
            if !(byName[key]?.contains(index) ?? false) { byName[key, default: []].append(index) }
        }
        for domain in outlet.domains where byDomain[domain] == nil {
            byDomain[domain] = index
        }
    }

    /// The listed outlet for this name and/or URL, or nil when none matches.
    public func match(name: String?, url: String?) -> Outlet? {
        // The URL is parsed only when the name does not settle it.
        var hostCandidates: [String] { url.flatMap { Self.host(of: $0) }.map(Self.domainCandidates) ?? [] }
        if let name, case let key = Self.normalizedName(name), !key.isEmpty, let hits = byName[key] {
            if hits.count == 1 { return outlets[hits[0]] }
            // Several outlets answer to this name: the one on the article's host wins.
            for candidate in hostCandidates {
                if let i = byDomain[candidate], hits.contains(i) { return outlets[i] }
            }
            return outlets[hits[0]]
        }
        for candidate in hostCandidates {
            if let i = byDomain[candidate] { return outlets[i] }
        }
        return nil
    }

    /// The outlet an article counts as: the listed one, or an unlisted (unrated) outlet named as
    /// the corpus names it (or by its URL's host). Nil when the article names no outlet at all.
    public func resolve(name: String?, url: String?) -> Outlet? {
        if let listed = match(name: name, url: url) { return listed }
        if let name = name?.nonEmpty {
            return Outlet(name: name, slug: Slug.make(name, fallback: "outlet"), isListed: false)
        }
        if let host = url.flatMap({ Self.host(of: $0) }) {
            return Outlet(name: host, slug: Slug.make(host, fallback: "outlet"), domains: [host], isListed: false)
        }
        return nil
    }

    // MARK: Normalisation

    /// "The New York Times – News" → "newyorktimesnews".
    public static func normalizedName(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var key = String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
        if key.hasPrefix("the"), key.count > 6, folded.lowercased().hasPrefix("the ") { key.removeFirst(3) }
        return key
    }

    /// "https://WWW.Example.com:443/x" → "example.com".
    public static func host(of url: String) -> String? {
        guard let components = URLComponents(string: url.trimmed),
              let host = components.host, !host.isEmpty else { return nil }
        return normalizedHost(host)
    }

    static func normalizedHost(_ host: String) -> String {
        var h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " ./"))
        if let schemeEnd = h.range(of: "://") { h = String(h[schemeEnd.upperBound...]) }
        if let slash = h.firstIndex(of: "/") { h = String(h[..<slash]) }
        if let colon = h.firstIndex(of: ":") { h = String(h[..<colon]) }
        if h.hasPrefix("www.") { h.removeFirst(4) }
        return h
    }

    /// The host, then each parent domain down to two labels.
    static func domainCandidates(_ host: String) -> [String] {
        var labels = host.split(separator: ".")
        var out: [String] = []
        while labels.count >= 2 {
            out.append(labels.joined(separator: "."))
            labels.removeFirst()
        }
        return out
    }
}
