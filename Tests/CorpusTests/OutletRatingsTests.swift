import Corpus
import TestSupport
import XCTest

final class OutletRatingsTests: XCTestCase {
    func testRatingsMatchByNameOrByDomainButNotBylines() throws {
        let dir = try Fixtures.tempDir(self)
        let csv = """
        name,domain,domain_has_path,bias,bias_raw,factuality,factuality_detail,credibility,rating_system,rating_page_url,outlet_type,country,homepage_or_domain,rated_as_of,source_dataset,source_license
        Fox News Digital,foxnews.com,,right,Right,,,,AllSides,,News Media,,foxnews.com,2024-08,github.com/a/b@1:allsides.csv,x
        Fox News (Opinion),foxnews.com,yes,right,Right,,,,AllSides,,News Media,,foxnews.com/opinion,2024-08,github.com/a/b@1:allsides.csv,x
        Howard Kurtz,foxnews.com,,center,center,,,,AllSides (3-point article labels),,14 articles,,foxnews.com,2012..2020,github.com/c/d@2:x.jsonl,x
        ,foxnews.com,,right,right,mixed,mixed,low,MBFC,,website,usa,foxnews.com,2024-11-13,github.com/e/f@3:mbfc.csv,x
        Fox News (Online News),,,lean-right,Lean Right,,,,AllSides,,News Media,,,2021-02-20,github.com/g/h@4:allsides.csv,x
        ,,,left,left,,,,MBFC,,,,,,github.com/e/f@3:mbfc.csv,x
        """
        try Fixtures.write(csv, to: dir.appendingPathComponent("r.csv"))
        let (ratings, diagnostics) = try OutletRatings.load(path: dir.appendingPathComponent("r.csv").path, display: "r.csv")
        XCTAssertEqual(diagnostics.map(\.description), ["r.csv:7: a rating needs a name or a domain, and a rating_system; row skipped"])
        let fox = Outlet(name: "Fox News (Online News)", domains: ["foxnews.com"], bias: .right, aliases: ["Fox News"])
        let found = ratings.ratings(of: fox)
        XCTAssertEqual(Set(found.map(\.name)), ["Fox News Digital", "foxnews.com", "Fox News (Online News)"],
                       "a section (opinion) and a byline (Howard Kurtz) are not the outlet")
        XCTAssertEqual(Set(found.compactMap(\.bias)), [.right, .leanRight], "where the lists disagree")
        XCTAssertEqual(found.first { $0.system == "MBFC" }?.factuality, .mixed)
    }
}
