import Foundation
import XCTest

/// The stories of a built site as a reader of its data finds them: `stories.json` is an index of
/// shards in `data/` (README, "Data files"), read here the way a script would.
public enum StoriesData {
    /// Every story object of the site, shard by shard as the index lists them; `file` gives a
    /// built file's bytes by its path in the site (nil when it was not built).
    public static func stories(file: (String) throws -> Data?) throws -> [[String: Any]] {
        let index = try XCTUnwrap(try JSONSerialization.jsonObject(with: XCTUnwrap(try file("stories.json"), "stories.json")) as? [String: Any])
        let shards = try XCTUnwrap(index["shards"] as? [[String: Any]], "stories.json lists its shards")
        var stories: [[String: Any]] = []
        for shard in shards {
            let path = try XCTUnwrap(shard["path"] as? String)
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: XCTUnwrap(try file(path), path)) as? [String: Any])
            let list = try XCTUnwrap(object["stories"] as? [[String: Any]])
            XCTAssertEqual(list.count, shard["stories"] as? Int, path)
            stories += list
        }
        XCTAssertEqual(stories.count, index["stories"] as? Int, "the index counts every story once")
        return stories
    }

    /// The same from a site folder.
    public static func stories(in folder: URL) throws -> [[String: Any]] {
        try stories { path in FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) }
    }

    /// The slugs of the home page's first stories, in order (the index's `ranked`).
    public static func ranked(in folder: URL) throws -> [String] {
        let index = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("stories.json"))) as? [String: Any])
        return try XCTUnwrap(index["ranked"] as? [String])
    }
}
