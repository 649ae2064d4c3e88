import TemplateEngine
import XCTest

/// The names a template looks up, for `sitegen check`'s list of names no page provides.
final class TemplateNamesTests: XCTestCase {
    func testNamesComeFromTheTemplateItsPartialsAndItsParentsBlocks() throws {
        let library = try TemplateLibrary(templates: [
            "page": "{{<layout}}{{$main}}<h1>{{title}}</h1>{{#cards}}{{>card}}{{/cards}}{{^empty}}{{/empty}}{{/main}}{{/layout}}",
            "layout": "<title>{{site.title}}</title>{{$main}}{{fallback}}{{/main}}{{>*footer}}",
            "card": "{{& card_svg}} {{.}} {{>card}}",
        ])
        let names = library.names(usedBy: "page").map { "\($0.in):\($0.name)" }
        XCTAssertEqual(Set(names), ["page:title", "page:cards", "page:empty", "layout:site", "layout:title", "layout:fallback", "layout:footer", "card:card_svg"])
        XCTAssertEqual(names.count, 8, "each name once per template; a partial that includes itself is read once")
        XCTAssertEqual(library.names(usedBy: "no-such-template").count, 0)
    }
}
