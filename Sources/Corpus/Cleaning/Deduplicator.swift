import Foundation
import Support

/// An article dropped because the corpus already had it.
public struct DuplicateArticle: Sendable, Hashable {
    public var dropped: String
    public var droppedAt: SourceLocation
    public var kept: String
    public var keptAt: SourceLocation
    /// "same URL" or "near-identical text (96% of word sequences shared)".
    public var why: String
}

/// Finds articles loaded twice: the same URL (ignoring scheme, `www.`, trailing slash, fragment
/// and tracking parameters), or near-identical text from the same outlet. The first one loaded is
/// kept. Copies of one wire story at *different* outlets are not duplicates: each outlet chose to
/// run it, and coverage counts outlets.
///
/// Near-identical means a Jaccard similarity of word 4-grams of at least `threshold`, estimated
/// from bottom-k sketches; candidates are only articles that share one of their smallest
/// shingle hashes, so no pair of unrelated articles is ever compared.
struct Deduplicator: Sendable {
    var threshold = 0.9
    var sketchSize = 64
    var minimumWords = 30
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    /// The articles to drop, each with the one it copies and why. `known` gives sketches already
    /// made of some texts; `keep`, when given, receives the sketches made here (of the other texts).
    func duplicates(in articles: [Article], known: [ExactText: [UInt64]]? = nil, keep: (([ExactText: [UInt64]]) -> Void)? = nil) -> [(dropped: Int, kept: Int, why: String)] {
        var result: [(Int, Int, String)] = []
        var dropped = Set<Int>()

        var byURL: [String: Int] = [:]
        // URLComponents is slow: the keys side by side, then matched in order.
        let urlKeys = Parallel.map(articles, jobs: jobs) { $0.url.flatMap(Self.urlKey) }
        for (i, key) in urlKeys.enumerated() {
            guard let key else { continue }
            if let first = byURL[key] {
                result.append((i, first, "same URL"))
                dropped.insert(i)
            } else {
                byURL[key] = i
            }
        }

        // Sketches in parallel: the costly part.
        let bodies = articles.enumerated().map { dropped.contains($0.offset) ? nil : $0.element.body }
        let sketcher = self
        let made = Parallel.map(bodies, jobs: jobs) { body -> (sketch: [UInt64], new: Bool) in
            guard let body else { return ([], false) }
            if let sketch = known?[ExactText(body)] { return (sketch, false) }
            return (sketcher.sketch(body), true)
        }
        let sketches = made.map(\.sketch)
        if let keep {
            var new: [ExactText: [UInt64]] = [:]
            for (body, made) in zip(bodies, made) where made.new { new[ExactText(body!)] = made.sketch }
            keep(new)
        }
        // Each article's outlet key once, not once for every article it is compared with.
        let outlets = articles.indices.map { sketches[$0].isEmpty ? "" : CorpusCleaner.outletKey(articles[$0]) ?? "" }
        var buckets: [UInt64: [Int]] = [:]
        for i in articles.indices where !dropped.contains(i) {
            let s = sketches[i]
            guard !s.isEmpty else { continue }
            let outlet = outlets[i]
            var match: (Int, Double)?
            for h in s.prefix(4) {
                for j in buckets[h, default: []] where outlets[j] == outlet {
                    let similarity = Self.jaccard(s, sketches[j], k: sketchSize)
                    if similarity >= threshold, similarity > (match?.1 ?? 0) { match = (j, similarity) }
                }
            }
            if let (j, similarity) = match {
                result.append((i, j, "near-identical text (\(Int((similarity * 100).rounded()))% of word sequences shared)"))
                dropped.insert(i)
                continue
            }
            for h in s.prefix(4) { buckets[h, default: []].append(i) }
        }
        return result.sorted { $0.0 < $1.0 }
    }

    /// The `sketchSize` smallest hashes of the text's word 4-grams, sorted; empty for short texts.
    func sketch(_ body: String) -> [UInt64] {
        let words: [UInt64] = UTF8Scalars.withBytes(of: body) { bytes in
            var words: [UInt64] = []
            words.reserveCapacity(bytes.count / 5)
            var h = FNV1a()
            var inWord = false
            for b in bytes {
                let isWordByte = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
                if isWordByte {
                    let lower = (b >= 0x41 && b <= 0x5A) ? b + 32 : b
                    h.add(lower)
                    inWord = true
                } else if inWord {
                    words.append(h.value)
                    h = FNV1a()
                    inWord = false
                }
            }
            if inWord { words.append(h.value) }
            return words
        }
        guard words.count >= minimumWords else { return [] }
        // Keep the k smallest distinct shingle hashes, sorted: after the first k, few values
        // are small enough to enter, so this costs little more than hashing.
        var best: [UInt64] = []
        best.reserveCapacity(sketchSize + 1)
        for i in 0..<(words.count - 3) {
            var x = words[i] &* 31 &+ words[i + 1]
            x = x &* 31 &+ words[i + 2]
            x = x &* 31 &+ words[i + 3]
            // Finalise (splitmix64) so that the smallest values are well spread.
            x = (x ^ (x >> 30)) &* 0xbf58_476d_1ce4_e5b9
            x = (x ^ (x >> 27)) &* 0x94d0_49bb_1331_11eb
            x ^= x >> 31
            if best.count == sketchSize, x >= best[sketchSize - 1] { continue }
            var lo = 0, hi = best.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if best[mid] < x { lo = mid + 1 } else { hi = mid }
            }
            if lo < best.count, best[lo] == x { continue }
            best.insert(x, at: lo)
            if best.count > sketchSize { best.removeLast() }
        }
        return best
    }

    /// Bottom-k estimate of the Jaccard similarity of two sorted sketches.
    static func jaccard(_ a: [UInt64], _ b: [UInt64], k: Int) -> Double {
        var i = 0, j = 0, taken = 0, shared = 0
        while taken < k, i < a.count || j < b.count {
            if j >= b.count || (i < a.count && a[i] < b[j]) { i += 1 }
            else if i >= a.count || b[j] < a[i] { j += 1 }
            else { shared += 1; i += 1; j += 1 }
            taken += 1
        }
        return taken == 0 ? 0 : Double(shared) / Double(taken)
    }

    /// Query parameters that only track the click (dropped); every other parameter may name the
    /// article (`?id=…`, `?code=…`) and is kept.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "hp", "action", "pgtype", "clicksource",
        "module", "region", "wt.nav", "wt.mc_id", "smid", "smtyp", "cmpid", "cmp", "ref", "referrer", "ocid", "mod",
        "src", "source", "rss", "feedtype", "partner", "emc", "ncid", "soc_src", "soc_trk", "icid", "intcmp", "ito",
        "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "share", "sr_share", "utm",
    ]

    static func urlKey(_ url: String) -> String? {
        // Scraped URLs often keep the HTML escape of `&`.
        let unescaped = url.trimmed.replacingOccurrences(of: "&amp;", with: "&")
        guard var parts = URLComponents(string: unescaped), var host = parts.host?.lowercased(), !host.isEmpty else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        var path = parts.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        let query = (parts.queryItems ?? [])
            .filter { item in
                let name = item.name.lowercased()
                return !name.isEmpty && !name.hasPrefix("utm_") && !Self.trackingParameters.contains(name)
            }
            .map { "\($0.name.lowercased())=\($0.value ?? "")" }
            .sorted()
            .joined(separator: "&")
        parts.fragment = nil
        return host + path + (query.isEmpty ? "" : "?" + query)
    }
}
