import Foundation
import SiteModel
import Stories

/// The story pages of `serve`'s last build, each with what it was made from. A story page reads
/// its own story (articles, coverage, summary, tone, override), the titles, sizes and dates of its
/// related stories, the slugs of its topics and its day's tone index; beyond those only what every page reads
/// (`Content/site.yml`, the templates, the base URL), which `site` fingerprints. A page whose
/// inputs are equal to last time's is the file already in the output folder: it is kept there
/// without being rendered, compared or written again.
final class StoryPageCache: @unchecked Sendable {
    /// Everything a story page shows, beyond what every page shows.
    struct Inputs: Equatable, Sendable {
        struct Related: Equatable, Sendable {
            var title: String
            var path: String
            var sources: Int
            var firstPublished: Date?
        }

        var entry: StoryEntry
        var related: [Related]
        var topicSlugs: [String?]
        /// The tone index of the story's first day, which its gauge marks: any story of that day
        /// changes it.
        var dayTone: DayTone?
        /// The shard of `data/` the page links to: a month splitting into parts moves stories.
        var dataShard: String?

        init(_ entry: StoryEntry, in model: SiteModel, dataShard: String?) {
            self.entry = entry
            self.dataShard = dataShard
            related = entry.story.related.compactMap { slug in
                model.storyBySlug[slug].map { i in
                    let other = model.stories[i]
                    return Related(title: other.story.title, path: other.articleLink ?? other.path, sources: other.coverage.total,
                                   firstPublished: other.story.firstPublished)
                }
            }
            topicSlugs = entry.story.topics.map { model.topicByName[$0.lowercased()].map { model.topics[$0].slug } }
            dayTone = model.dayIndex(of: entry)
        }
    }

    let site: String
    private let lock = NSLock()
    private var pages: [String: (inputs: Inputs, size: Int)] = [:]
    private var next: [String: (inputs: Inputs, size: Int)] = [:]
    /// Each story's JSON (`StoriesJSON.story`), which reads only its entry (and the base URL).
    private var json: [String: (entry: StoryEntry, text: String)] = [:]
    private var nextJSON: [String: (entry: StoryEntry, text: String)] = [:]

    init(site: String) {
        self.site = site
    }

    /// The size of the page at `path` if it was made from equal inputs, else nil.
    func size(of path: String, inputs: Inputs) -> Int? {
        lock.lock()
        let old = pages[path]
        lock.unlock()
        guard let old, old.inputs == inputs else { return nil }
        return old.size
    }

    /// Records the page at `path` of this build.
    func record(_ path: String, inputs: Inputs, size: Int) {
        lock.lock()
        next[path] = (inputs, size)
        lock.unlock()
    }

    /// The story's JSON of the last build, if made from an equal entry.
    func json(for entry: StoryEntry) -> String? {
        lock.lock()
        let old = json[entry.path]
        lock.unlock()
        guard let old, old.entry == entry else { return nil }
        return old.text
    }

    /// Records the story's JSON of this build.
    func recordJSON(_ text: String, for entry: StoryEntry) {
        lock.lock()
        nextJSON[entry.path] = (entry, text)
        lock.unlock()
    }

    /// After a build that failed: no page is known to be in the output folder any more.
    func discard() {
        lock.lock()
        pages = [:]
        next = [:]
        json = [:]
        nextJSON = [:]
        lock.unlock()
    }

    /// Once the build's site is in place: its pages become the ones the next build compares
    /// with (stories gone are dropped).
    func finish() {
        lock.lock()
        pages = next
        next = [:]
        json = nextJSON
        nextJSON = [:]
        lock.unlock()
    }
}
