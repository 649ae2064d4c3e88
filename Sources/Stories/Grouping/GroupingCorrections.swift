import Corpus
import Foundation

/// An editor's fixes to the grouping (`Content/corrections.yml`, DESIGN.md §3), applied after it:
/// merge stories that report one event, split articles off a story, move an article to another.
/// A correction that no longer applies (its story or article is gone) is reported, not fatal.
public struct GroupingCorrections: Sendable, Equatable {
    /// Each list names stories (by slug) that are one event; all join the first.
    public var merge: [[String]] = []
    /// Articles (by id) that leave the story (by slug) and form a story of their own.
    public var split: [String: [String]] = [:]
    /// Article id → slug of the story it belongs in.
    public var move: [String: String] = [:]

    public init(merge: [[String]] = [], split: [String: [String]] = [:], move: [String: String] = [:]) {
        self.merge = merge
        self.split = split
        self.move = move
    }

    public var isEmpty: Bool { merge.isEmpty && split.isEmpty && move.isEmpty }

    /// Applies the corrections in a fixed order (merge, split, move); returns the stories and a
    /// message for each correction that did not apply.
    func apply(to stories: [Story]) -> (stories: [Story], problems: [String]) {
        var problems: [String] = []
        var stories = stories
        func index(_ slug: String) -> Int? { stories.firstIndex { $0.slug == slug } }

        for group in merge {
            guard let first = group.first else { continue }
            guard let target = index(first) else {
                problems.append("merge: no story \"\(first)\" (any more); this merge no longer applies")
                continue
            }
            for slug in group.dropFirst() {
                guard let other = index(slug), other != target else {
                    problems.append("merge: no story \"\(slug)\" (any more) to merge into \"\(first)\"")
                    continue
                }
                stories[target].articles += stories[other].articles.map { var a = $0; a.membership = nil; return a }
                stories[other].articles = []
            }
            stories[target].articles.sort(by: Story.readingOrder)
            stories.removeAll { $0.articles.isEmpty }
        }

        for slug in split.keys.sorted() {
            guard let source = index(slug) else {
                problems.append("split: no story \"\(slug)\" (any more); this split no longer applies")
                continue
            }
            let ids = Set(split[slug]!)
            let leaving = stories[source].articles.filter { ids.contains($0.article.id) }
            for id in ids.subtracting(leaving.map(\.article.id)).sorted() {
                problems.append("split: article \"\(id)\" is not in story \"\(slug)\"")
            }
            guard !leaving.isEmpty, leaving.count < stories[source].articles.count else {
                if !leaving.isEmpty { problems.append("split: all of \"\(slug)\" would leave it; nothing split") }
                continue
            }
            stories[source].articles.removeAll { ids.contains($0.article.id) }
            let members = leaving.map { var a = $0; a.membership = nil; return a }
            let anchor = members.min(by: StoryGrouper.anchorOrder)!
            stories.append(Story(key: "split:\(anchor.article.id)", slug: "", title: StoryGrouper.title(for: members), articles: members, topics: StoryGrouper.topics(of: members)))
        }

        for id in move.keys.sorted() {
            let slug = move[id]!
            guard let from = stories.firstIndex(where: { $0.articles.contains { $0.article.id == id } }) else {
                problems.append("move: no article \"\(id)\" (any more)")
                continue
            }
            guard let to = index(slug) else {
                problems.append("move: no story \"\(slug)\" (any more) for article \"\(id)\"")
                continue
            }
            guard from != to else { continue }
            var article = stories[from].articles.first { $0.article.id == id }!
            article.membership = nil
            stories[from].articles.removeAll { $0.article.id == id }
            stories[to].articles.append(article)
            stories[to].articles.sort(by: Story.readingOrder)
        }
        stories.removeAll { $0.articles.isEmpty }
        for i in stories.indices {
            stories[i].title = StoryGrouper.title(for: stories[i].articles)
            stories[i].topics = StoryGrouper.topics(of: stories[i].articles)
        }
        return (stories, problems)
    }
}
