@testable import Stories
import XCTest

/// The term-hash table gives ids in first-seen order and finds every key after it grows.
final class TermIDsTests: XCTestCase {
    func testIdsInFirstSeenOrderThroughGrowth() {
        var table = TermIDs(capacity: 2)
        var reference: [UInt64: Int32] = [:]
        var generator = SystemRandomNumberGenerator()
        // Small keys collide in the low bits; random ones do not: both kinds.
        let keys = (0..<5000).map { $0 % 3 == 0 ? UInt64($0 % 700) : UInt64.random(in: 0...UInt64.max, using: &generator) }
        for key in keys {
            let expected = reference[key] ?? Int32(reference.count)
            let (id, inserted) = table.insert(key)
            XCTAssertEqual(id, expected)
            XCTAssertEqual(inserted, reference[key] == nil)
            reference[key] = expected
        }
        XCTAssertEqual(table.count, reference.count)
        for (key, id) in reference {
            XCTAssertEqual(table.id(of: key), id)
            XCTAssertEqual(table.keys[Int(id)], key)
        }
        XCTAssertNil(table.id(of: 1_000_000))
        XCTAssertFalse(TermIDs().contains(0))
    }
}
