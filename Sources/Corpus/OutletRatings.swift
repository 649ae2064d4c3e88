import Foundation
import Support

/// One list's rating of one outlet, as `outlet-ratings-all.csv` records it.
public struct ListRating: Sendable, Hashable {
    public var name: String
    public var domain: String?
    /// "AllSides", "MBFC", …
    public var system: String
    public var bias: Leaning?
    /// The list's own wording ("Center-Right").
    public var biasRaw: String?
    public var factuality: Factuality
    public var ratedAsOf: String?
    /// Where the row came from (repository and file).
    public var dataset: String
}

/// Every rating every list gives (`Content/outlet-ratings.csv`, optional): what an outlet page shows
/// to say who rates the outlet how, and where the lists disagree. Rows are matched to an outlet by
/// its name (case and punctuation ignored) or by one of its domains when the row rates the whole
/// domain (not a section of it, such as foxnews.com/opinion).
public struct OutletRatings: Sendable {
    private var byName: [String: [ListRating]] = [:]
    private var byDomain: [String: [ListRating]] = [:]
    public private(set) var count = 0

    public init() {}

    /// Loads the table; rows without a name or a rating system are reported and skipped.
    public static func load(path: String, display: String) throws -> (ratings: OutletRatings, diagnostics: [Diagnostic]) {
        let table = try CSVTable(path: path)
        func column(_ name: String) -> Int? { table.header.firstIndex { $0.trimmed.lowercased() == name } }
        guard let name = column("name"), let system = column("rating_system") else {
            throw CorpusError.invalid(location: SourceLocation(path: display, line: 1), reason: "outlet ratings need the columns name and rating_system (see ../shared/data/outlet-ratings-all.csv)")
        }
        let domain = column("domain"), hasPath = column("domain_has_path"), bias = column("bias"), biasRaw = column("bias_raw")
        let factuality = column("factuality"), asOf = column("rated_as_of"), dataset = column("source_dataset")
        var ratings = OutletRatings()
        var diagnostics: [Diagnostic] = []
        for record in table.records {
            func value(_ i: Int?) -> String? {
                guard let i, i < record.fields.count else { return nil }
                let v = record.fields[i].trimmed
                return v.isEmpty ? nil : v
            }
            // Some lists rate a domain without naming the outlet: the domain stands for the name.
            guard let n = value(name) ?? value(domain), let s = value(system) else {
                diagnostics.append(Diagnostic(.error, at: SourceLocation(path: display, line: record.line), "a rating needs a name or a domain, and a rating_system", "row skipped"))
                continue
            }
            let rating = ListRating(
                name: n, domain: value(domain), system: s, bias: value(bias).flatMap { Leaning(rating: $0) },
                biasRaw: value(biasRaw), factuality: Factuality(rating: value(factuality)),
                ratedAsOf: value(asOf), dataset: value(dataset) ?? "")
            ratings.byName[OutletRegistry.normalizedName(n), default: []].append(rating)
            if let d = rating.domain, value(hasPath) == nil {
                ratings.byDomain[OutletRegistry.normalizedHost(d), default: []].append(rating)
            }
            ratings.count += 1
        }
        return (ratings, diagnostics)
    }

    /// "fox" of "Fox News (Online)", "new" of "The New York Times".
    static func firstWord(_ name: String) -> String? {
        name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).first { $0 != "the" }.map(String.init)
    }

    /// The ratings of `outlet`: by its name and aliases, and by its domains; each row once, in a
    /// stable order (system, then date, then dataset).
    public func ratings(of outlet: Outlet) -> [ListRating] {
        var found: [ListRating] = []
        var seen: Set<ListRating> = []
        let names = [outlet.name] + outlet.aliases
        // A row found by domain alone must also be named like the outlet: article-label datasets
        // list their bylines ("Howard Kurtz", foxnews.com) as sources of their own.
        let firstWords = Set(names.compactMap(Self.firstWord))
        let byDomainNamed = outlet.domains.flatMap { byDomain[OutletRegistry.normalizedHost($0)] ?? [] }
            .filter { $0.name == $0.domain || (Self.firstWord($0.name).map(firstWords.contains) ?? false) }
        for rating in names.flatMap({ byName[OutletRegistry.normalizedName($0)] ?? [] }) + byDomainNamed
        where seen.insert(rating).inserted {
            found.append(rating)
        }
        return found.sorted {
            ($0.system, $0.ratedAsOf ?? "", $0.dataset, $0.name) < ($1.system, $1.ratedAsOf ?? "", $1.dataset, $1.name)
        }
    }
}
