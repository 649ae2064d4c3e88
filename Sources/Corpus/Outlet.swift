import Support

/// A news outlet as the ratings table describes it. One outlet may sit on several hosts
/// (the table has one row per host); ratings that differ between those rows are kept in
/// `otherRatings` so pages can show where the lists disagree.
public struct Outlet: Sendable, Hashable {
    public var name: String
    public var slug: String
    public var domains: [String]
    public var bias: Leaning?
    public var biasDetail: String?
    public var factuality: Factuality
    public var owner: String?
    public var country: String?
    public var aliases: [String]
    public var ratingSource: String?
    /// False for outlets met in the corpus that no row of the table describes.
    public var isListed: Bool
    public var otherRatings: [HostRating]

    public init(
        name: String, slug: String? = nil, domains: [String] = [], bias: Leaning? = nil, biasDetail: String? = nil,
        factuality: Factuality = .unknown, owner: String? = nil, country: String? = nil, aliases: [String] = [],
        ratingSource: String? = nil, isListed: Bool = true, otherRatings: [HostRating] = []
    ) {
        self.name = name
        self.slug = slug ?? Slug.make(name, fallback: "outlet")
        self.domains = domains
        self.bias = bias
        self.biasDetail = biasDetail
        self.factuality = factuality
        self.owner = owner
        self.country = country
        self.aliases = aliases
        self.ratingSource = ratingSource
        self.isListed = isListed
        self.otherRatings = otherRatings
    }

    /// Left, Center, Right, or Unrated.
    public var side: Side { bias?.side ?? .unrated }
}

/// The rating one row of the table gives one host of an outlet.
public struct HostRating: Sendable, Hashable {
    public var domain: String
    public var bias: Leaning?
    public var factuality: Factuality
    public var ratingSource: String?
}
