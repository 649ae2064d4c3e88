import Corpus
import Foundation
import Output
import Render
import SiteModel
import Stories
import Support

/// `serve`'s quick preview of a corpus edit, shown while the exact rebuild runs.
///
/// One edited article changes every article's term weights a little (each term's weight counts
/// the articles that hold it), so grouping is redone whole: seconds on a large corpus. Before it
/// starts, the preview patches the last build's stories with the edited articles, cleaned with
/// the boilerplate the last clean learned, and renders the pages that show them (and the open
/// home, outlet and topic pages) from that. `serve` shows these at once; the exact build follows
/// and reloads an open page again only where its page differs.
///
/// What the preview takes as it was: which story an article is in (an edited article stays in
/// its story, a removed one leaves it, an added one joins the story of its `story` key, or
/// without one the story the last grouping's measures put it in: `GroupingCache.place`; one
/// that would start a story of its own waits for the exact build), related stories, the lists'
/// order, and duplicates. It is made only when the corpus alone changed, by at most
/// `maxArticles` articles.
enum QuickPreview {
    static let maxArticles = 32

    /// What the next preview starts from, kept by each build of `serve`.
    struct State: Sendable {
        /// Every input but the corpus (made by `SiteBuilder`): a preview needs them unchanged.
        var inputs: String
        /// The last build's model, theme and settings.
        var renderer: PageRenderer
        var registry: OutletRegistry
        var mode: GroupingOptions.Mode
        /// Each article as read (by id) → `fingerprint`.
        var prints: [String: Int]
        /// The ids each corpus file held, by the path its diagnostics name.
        var idsByFile: [String: [String]]
        /// Article id → index of its story in `renderer.model.stories`; story key → index.
        var storyOf: [String: Int]
        var storyByKey: [String: Int]
    }

    /// The articles of the corpus as read, for the next preview: fingerprints of the files read
    /// from disk now, and the previous ones of the files read from the cache.
    struct Reading: Sendable {
        var prints: [String: Int] = [:]
        var idsByFile: [String: [String]] = [:]
        /// The articles of the files read from disk (all of them without `previous`), and those
        /// that now come from another file than before.
        var fresh: [Article] = []
        /// The files of `previous` read again from disk, or gone: the ids they held are read anew.
        var touchedFiles: Set<String> = []

        init() {}

        init(of state: State) {
            prints = state.prints
            idsByFile = state.idsByFile
        }

        /// `previous` with the files read from disk (`fromDisk`) and the files gone (not in
        /// `files`) taken again from `articles`.
        init(_ articles: [Article], files: Set<String>, fromDisk: Set<String>, previous: State?, jobs: Int) {
            fresh = previous == nil ? articles : articles.filter { fromDisk.contains($0.origin.path) }
            var others: [Article] = []
            if let previous {
                prints = previous.prints
                idsByFile = previous.idsByFile
                var dropped: Set<String> = []
                touchedFiles = Set(previous.idsByFile.keys.filter { fromDisk.contains($0) || !files.contains($0) })
                for file in touchedFiles {
                    for id in idsByFile.removeValue(forKey: file) ?? [] {
                        prints[id] = nil
                        dropped.insert(id)
                    }
                }
                // An id that left a file and is not in a file read again may now come from a
                // file the loader rejected it in before (the first copy of an id wins).
                dropped.subtract(fresh.map(\.id))
                if !dropped.isEmpty {
                    others = articles.filter { dropped.contains($0.id) && !fromDisk.contains($0.origin.path) }
                    for article in others {
                        idsByFile[article.origin.path] = (idsByFile[article.origin.path] ?? []).filter { $0 != article.id }
                    }
                }
            }
            fresh += others
            let made = Parallel.map(fresh, jobs: jobs) { fingerprint($0) }
            for (article, print) in zip(fresh, made) {
                prints[article.id] = print
                idsByFile[article.origin.path, default: []].append(article.id)
            }
        }
    }

    /// A fingerprint of what an article says, not of where it stands in its file: its fields'
    /// bytes (hashing Strings as Strings would normalise every curly quote of the body first).
    static func fingerprint(_ article: Article) -> Int {
        var hasher = Hasher()
        func add(_ text: String?) {
            guard let text else { hasher.combine(0 as UInt8); return }
            hasher.combine(1 as UInt8)
            hasher.combine(text.utf8.count)
            UTF8Scalars.withBytes(of: text) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
        add(article.id)
        add(article.outlet)
        add(article.url)
        hasher.combine(article.published?.timeIntervalSinceReferenceDate.bitPattern)
        hasher.combine(article.publishedHasTime)
        add(article.title)
        add(article.body)
        add(article.storyKey)
        hasher.combine(article.topics.count)
        article.topics.forEach(add)
        hasher.combine(article.authors.count)
        article.authors.forEach(add)
        add(article.language)
        return hasher.finalize()
    }

    /// The state for the next preview, from this build's model.
    static func state(inputs: String, renderer: PageRenderer, registry: OutletRegistry, mode: GroupingOptions.Mode, reading: Reading) -> State {
        var storyOf: [String: Int] = [:], storyByKey: [String: Int] = [:]
        for (i, entry) in renderer.model.stories.enumerated() {
            storyByKey[entry.story.key] = i
            for member in entry.story.articles { storyOf[member.article.id] = i }
        }
        return State(inputs: inputs, renderer: renderer, registry: registry, mode: mode, prints: reading.prints, idsByFile: reading.idsByFile,
                     storyOf: storyOf, storyByKey: storyByKey)
    }

    /// What changed in the corpus since `state`: nil when nothing did, or more than `maxArticles`.
    struct Changes {
        var edited: [Article] = []
        var added: [Article] = []
        var removed: [String] = []
        var count: Int { edited.count + added.count + removed.count }
    }

    /// `now` against `state`: nil when nothing changed, or more than `maxArticles` articles.
    static func changes(_ now: Reading, since state: State) -> Changes? {
        var changes = Changes()
        for article in now.fresh {
            switch state.prints[article.id] {
            case nil: changes.added.append(article)
            case let print? where print != now.prints[article.id]: changes.edited.append(article)
            default: continue
            }
            if changes.count > maxArticles { return nil }
        }
        for file in now.touchedFiles {
            changes.removed += (state.idsByFile[file] ?? []).filter { now.prints[$0] == nil }
        }
        return (1...maxArticles).contains(changes.count) ? changes : nil
    }

    /// The preview's pages: those of the stories the changes touch, and of `open` (output paths)
    /// that the model can make. Nil when no story shows a change.
    /// `grouping`: what places an added article without a key (nil: it waits for the exact build).
    static func pages(for changes: Changes, state: State, clean: (Article) -> Article?, grouping: GroupingCache?, open: Set<String>) -> [OutputFile]? {
        var model = state.renderer.model
        var touched: Set<Int> = []
        func place(of id: String) -> (story: Int, member: Int)? {
            guard let s = state.storyOf[id], let m = model.stories[s].story.articles.firstIndex(where: { $0.article.id == id }) else { return nil }
            return (s, m)
        }
        func sourced(_ article: Article) -> SourcedArticle {
            SourcedArticle(article: article, outlet: state.registry.resolve(name: article.outlet, url: article.url))
        }
        for raw in changes.edited {
            guard let (s, m) = place(of: raw.id), let article = clean(raw) else { continue }
            let membership = model.stories[s].story.articles[m].membership
            model.stories[s].story.articles[m] = sourced(article)
            model.stories[s].story.articles[m].membership = membership
            touched.insert(s)
        }
        for id in changes.removed {
            guard let (s, m) = place(of: id) else { continue }
            model.stories[s].story.articles.remove(at: m)
            touched.insert(s)
        }
        for raw in changes.added {
            if state.mode != .similarity, let key = raw.storyKey {
                // Keyed: the story of its key (a new key is a new story, made by the exact build).
                guard let s = state.storyByKey[key], let article = clean(raw) else { continue }
                model.stories[s].story.articles.append(sourced(article))
                touched.insert(s)
            } else if state.mode != .key, let grouping, let article = clean(raw) {
                // By similarity: the story the last grouping's measures put it in, if any.
                var member = sourced(article)
                guard let (s, membership) = grouping.place(member, storyOf: state.storyOf, members: { model.stories[$0].story.articles }) else { continue }
                member.membership = membership
                model.stories[s].story.articles.append(member)
                touched.insert(s)
            }
        }
        // A story left without articles is not shown; the exact build drops it.
        let shown = touched.filter { !model.stories[$0].story.articles.isEmpty }.sorted()
        guard !shown.isEmpty else { return nil }
        let rules = state.renderer.config.rules
        for s in shown { model.refresh(s, rules: rules) }

        let last = state.renderer
        var theme = last.theme
        theme.memo = nil // the exact build's memo is not the preview's business
        var renderer = PageRenderer(theme: theme, config: last.config, paths: last.paths, model: model, stylesheet: last.stylesheet, ratings: last.ratings)
        // The last build's shards (a story's month, hence its shard, rarely moves in a preview;
        // the full rebuild after it places every story again).
        renderer.dataShards = last.dataShards
        // (A story left with one article loses its page in the exact build, which follows.)
        var files = shown.filter { model.stories[$0].hasPage }.map { renderer.storyPage(model.stories[$0], document: renderer.storyDocument(model.stories[$0])) }
        files += renderer.homePages(only: open) + renderer.outletPages(only: open) + renderer.topicPages(only: open) + renderer.archivePages(only: open)
        if open.contains(SitePaths.file(for: SitePaths.blindspot)) { files.append(renderer.blindspotPage()) }
        return files.isEmpty ? nil : files
    }
}
