/// The words of web-page furniture, kept as data: each entry says what it matches and why the match
/// is clutter. Entries are generic interface vocabulary (the words every CMS and ad network prints),
/// never one site's exact sentence; what one outlet repeats is found by `BoilerplateIndex` instead.
///
/// All matching is on the line's `LineShape.key` (lower-cased, digits as `0`, spaces collapsed,
/// trailing `:`/`.`/`…` dropped), and every rule other than `.whole` applies only to short lines
/// (see `ArticleCleaner.Limits`), so a sentence of the article that happens to contain a word like
/// "subscribe" is never touched.
public struct ClutterRule: Sendable {
    public enum Kind: Sendable {
        /// The whole line is this label ("advertisement").
        case whole
        /// The line starts with this phrase ("sign up for …", "click here …").
        case prefix
        /// The line contains this phrase ("… straight to your inbox").
        case contains
        /// The line opens a list of links or ads: it and the non-prose lines after it go.
        case opensBlock
        /// The line closes the article: related-article lists, comments, other articles follow.
        case endsArticle
    }

    public var kind: Kind
    public var phrase: String
    public var reason: String
    /// Applies only to lines that are not sentences: the phrase is too common in prose.
    public var onlyFragments: Bool
    /// The line sits in a box (newsletter, app, promotion) whose short heading line just above
    /// goes with it ("Stay Ahead with …" over "… straight to your inbox").
    public var withBoxHeading: Bool

    public init(_ kind: Kind, _ phrase: String, _ reason: String, onlyFragments: Bool = false, withBoxHeading: Bool = false) {
        self.kind = kind
        self.phrase = phrase
        self.reason = reason
        self.onlyFragments = onlyFragments
        self.withBoxHeading = withBoxHeading
    }
}

public enum ClutterLexicon {
    public static let rules: [ClutterRule] = [
        // Advertising slots and their labels.
        .init(.whole, "advertisement", "ad slot label"),
        .init(.whole, "advertisement advertisement", "ad slot label, printed twice"),
        .init(.whole, "ad", "ad slot label"),
        .init(.whole, "ads", "ad slot label"),
        .init(.whole, "sponsored", "ad slot label"),
        .init(.whole, "sponsored content", "ad slot label"),
        .init(.whole, "story continued below", "label under a mid-article ad"),
        .init(.whole, "continue reading below", "label under a mid-article ad"),
        .init(.whole, "continue reading the main story", "label under a mid-article ad"),
        .init(.whole, "advertisement continue reading the main story", "label under a mid-article ad"),
        .init(.whole, "article continues below advertisement", "label under a mid-article ad"),
        .init(.whole, "skip advertisement", "ad skip link"),
        .init(.opensBlock, "sponsored links", "ad network widget (Taboola, Outbrain)"),
        .init(.opensBlock, "promoted links", "ad network widget (Taboola, Outbrain)"),
        .init(.opensBlock, "by taboola", "ad network widget (Taboola)"),
        .init(.opensBlock, "recommended by outbrain", "ad network widget (Outbrain)"),
        .init(.opensBlock, "you may like", "ad network widget heading"),
        .init(.opensBlock, "around the web", "ad network widget heading"),
        .init(.opensBlock, "sponsored stories", "ad network widget heading"),
        .init(.contains, "by taboola", "ad network credit"),
        .init(.contains, "paid content", "ad label", onlyFragments: true),

        // Page chrome: navigation, reading time, media players, placeholders.
        .init(.whole, "back to top", "navigation link"),
        .init(.whole, "skip to content", "navigation link"),
        .init(.whole, "skip to main content", "navigation link"),
        .init(.whole, "latest", "navigation label"),
        .init(.whole, "latest news", "navigation label"),
        .init(.whole, "breaking news", "navigation label"),
        .init(.whole, "menu", "navigation label"),
        .init(.whole, "search", "navigation label"),
        .init(.whole, "home", "navigation label"),
        .init(.whole, "loading", "script placeholder"),
        .init(.whole, "close", "dialog button"),
        .init(.whole, "undo", "ad widget button"),
        .init(.whole, "get quote", "ad widget button"),
        .init(.whole, "learn more", "call-to-action button"),
        .init(.whole, "continue reading", "link to the rest of a teaser"),
        .init(.whole, "photo", "media label"),
        .init(.whole, "photos", "media label"),
        .init(.whole, "video", "media label"),
        .init(.whole, "audio", "media label"),
        .init(.whole, "listen", "media label"),
        .init(.whole, "play", "media player button"),
        .init(.whole, "image", "media label"),
        .init(.whole, "enlarge this image", "media player button"),
        .init(.whole, "hashtags", "tag list heading"),
        .init(.whole, "tags", "tag list heading"),
        .init(.whole, "topics", "tag list heading"),
        .init(.whole, "related topics", "tag list heading"),
        .init(.whole, "print", "page tool button"),
        .init(.whole, "email", "share button"),
        .init(.whole, "facebook", "share button"),
        .init(.whole, "twitter", "share button"),
        .init(.whole, "youtube", "share button"),
        .init(.whole, "linkedin", "share button"),
        .init(.whole, "whatsapp", "share button"),
        .init(.whole, "reddit", "share button"),
        .init(.whole, "copy link", "share button"),
        .init(.whole, "share", "share button"),
        .init(.prefix, "share this", "share buttons", onlyFragments: true),
        .init(.prefix, "share on ", "share buttons", onlyFragments: true),
        .init(.prefix, "share tweet", "share buttons"),
        .init(.prefix, "play facebook", "social video embed", onlyFragments: true),
        .init(.prefix, "slideshow (", "media player label"),
        .init(.prefix, "next image ", "media player label"),
        .init(.prefix, "prev image ", "media player label"),
        .init(.prefix, "enlarge this image", "media player caption button"),
        .init(.prefix, "don't see the graphic", "embed fallback link"),
        .init(.prefix, "this article is more than ", "archive notice"),
        .init(.prefix, "this story has been updated", "update notice"),
        .init(.prefix, "try our ai", "site feature promotion", withBoxHeading: true),
        .init(.prefix, "ask ", "site assistant prompt", onlyFragments: true, withBoxHeading: true),

        // Newsletters, subscriptions, apps: calls to action.
        .init(.prefix, "sign up", "newsletter prompt", withBoxHeading: true),
        .init(.prefix, "subscribe", "subscription prompt", withBoxHeading: true),
        .init(.prefix, "newsletter", "newsletter prompt", onlyFragments: true, withBoxHeading: true),
        .init(.prefix, "get our ", "newsletter prompt", onlyFragments: true, withBoxHeading: true),
        .init(.prefix, "get the latest", "newsletter prompt", withBoxHeading: true),
        .init(.prefix, "get exclusive", "newsletter prompt", withBoxHeading: true),
        .init(.prefix, "stay in the know", "newsletter prompt", withBoxHeading: true),
        .init(.prefix, "stay tuned", "sign-off asking readers to come back"),
        .init(.prefix, "stay ahead", "newsletter prompt", withBoxHeading: true),
        .init(.prefix, "want ", "newsletter prompt (\"Want … in your inbox?\")", onlyFragments: true, withBoxHeading: true),
        .init(.prefix, "click here", "link prompt", withBoxHeading: true),
        .init(.prefix, "tap here", "link prompt", onlyFragments: true, withBoxHeading: true),
        .init(.prefix, "download the ", "app promotion", withBoxHeading: true),
        .init(.prefix, "follow us", "social media prompt", withBoxHeading: true),
        .init(.prefix, "follow @", "social media prompt", onlyFragments: true, withBoxHeading: true),
        .init(.prefix, "- follow ", "social media prompt", onlyFragments: true, withBoxHeading: true),
        .init(.prefix, "join us on", "social media prompt", withBoxHeading: true),
        .init(.prefix, "like us on", "social media prompt", onlyFragments: true, withBoxHeading: true),
        .init(.prefix, "contact us at", "contact prompt", withBoxHeading: true),
        .init(.prefix, "got a tip", "tip line prompt", withBoxHeading: true),
        .init(.prefix, "thank you for signing up", "newsletter confirmation"),
        .init(.prefix, "gift subscription", "subscription promotion", withBoxHeading: true),
        .init(.prefix, "support ", "donation prompt (\"Support our journalism\")", onlyFragments: true, withBoxHeading: true),
        .init(.contains, "your inbox", "newsletter prompt", withBoxHeading: true),
        .init(.contains, "newsletter", "newsletter prompt", onlyFragments: true, withBoxHeading: true),
        .init(.contains, "sign up", "newsletter prompt", onlyFragments: true, withBoxHeading: true),
        .init(.contains, "subscribe", "subscription prompt", onlyFragments: true, withBoxHeading: true),
        .init(.contains, "join now", "call-to-action"),
        .init(.contains, "click here", "link prompt", withBoxHeading: true),
        .init(.contains, "fox news app", "app promotion", withBoxHeading: true),
        .init(.contains, "get the app", "app promotion", onlyFragments: true, withBoxHeading: true),
        .init(.contains, "download our app", "app promotion", onlyFragments: true, withBoxHeading: true),

        // Credits, copyright, bylines, contributor lines: metadata, not article text.
        .init(.prefix, "copyright", "copyright line"),
        .init(.prefix, "©", "copyright line"),
        .init(.contains, "all rights reserved", "copyright line"),
        .init(.contains, "reprint permission", "copyright line"),
        .init(.contains, "may not be published, broadcast, rewritten", "wire copyright line"),
        .init(.prefix, "image copyright", "photo credit"),
        .init(.prefix, "image caption", "photo caption label", onlyFragments: true),
        .init(.prefix, "image source", "photo credit", onlyFragments: true),
        .init(.prefix, "photo:", "photo credit"),
        .init(.prefix, "photo by", "photo credit"),
        .init(.prefix, "photograph:", "photo credit"),
        .init(.prefix, "file photo", "photo credit"),
        .init(.contains, "credit:", "photo credit"),
        .init(.contains, "toggle caption", "photo caption button"),
        .init(.contains, "getty images", "photo credit"),
        .init(.contains, "shutterstock", "photo credit"),
        .init(.contains, "(ap photo", "photo credit"),
        .init(.contains, "/ap photo", "photo credit"),
        .init(.contains, "contributed to this report", "contributor credit"),
        .init(.prefix, "contributing:", "contributor credit"),
        .init(.prefix, "opinion contributor", "byline label", onlyFragments: true),
        .init(.prefix, "this is a rush transcript", "transcript notice"),

        // Comment sections and related-article lists: the article is over.
        .init(.endsArticle, "comments", "comment section"),
        .init(.endsArticle, "no comments yet", "comment section"),
        .init(.endsArticle, "leave a comment", "comment section"),
        .init(.endsArticle, "leave a reply", "comment section"),
        .init(.endsArticle, "join the conversation", "comment section"),
        .init(.endsArticle, "show comments", "comment section"),
        .init(.endsArticle, "related articles", "related-article list"),
        .init(.endsArticle, "related posts", "related-article list"),
        .init(.endsArticle, "related stories", "related-article list"),
        .init(.endsArticle, "related news", "related-article list"),
        .init(.endsArticle, "related coverage", "related-article list"),
        .init(.endsArticle, "related content", "related-article list"),
        .init(.endsArticle, "related links", "related-article list"),
        .init(.endsArticle, "related", "related-article list"),
        .init(.endsArticle, "popular articles", "popular-article list"),
        .init(.endsArticle, "most popular", "popular-article list"),
        .init(.endsArticle, "most read", "popular-article list"),
        .init(.endsArticle, "trending now", "popular-article list"),
        .init(.endsArticle, "recommended", "recommendation widget"),
        .init(.endsArticle, "recommended news", "recommendation widget"),
        .init(.endsArticle, "recommended for you", "recommendation widget"),
        .init(.endsArticle, "you may also like", "recommendation widget"),
        .init(.endsArticle, "you might also like", "recommendation widget"),
        .init(.endsArticle, "more stories", "recommendation widget"),
        .init(.endsArticle, "more from this author", "recommendation widget"),
        .init(.endsArticle, "share this article", "share buttons at the article's end"),
        .init(.endsArticle, "story coverage", "aggregator's coverage widget"),

        // Link lists inside the article: the label and the headlines under it.
        .init(.opensBlock, "read more", "link list"),
        .init(.opensBlock, "read also", "link list"),
        .init(.opensBlock, "also read", "link list"),
        .init(.opensBlock, "see also", "link list"),
        .init(.opensBlock, "more", "link list"),
        .init(.opensBlock, "more on this", "link list"),
        .init(.opensBlock, "watch", "video link"),
        .init(.prefix, "see also ", "link to another article"),
        .init(.prefix, "read also ", "link to another article"),
        .init(.prefix, "also read ", "link to another article"),
        .init(.prefix, "read more ", "link to another article"),
        .init(.prefix, "related: ", "link to another article", onlyFragments: true),
        .init(.prefix, "recommended: ", "link to another article", onlyFragments: true),
        .init(.prefix, "more: ", "link to another article", onlyFragments: true),
        .init(.prefix, "read: ", "link to another article", onlyFragments: true),
        .init(.prefix, "watch: ", "link to a video", onlyFragments: true),
    ]
}
