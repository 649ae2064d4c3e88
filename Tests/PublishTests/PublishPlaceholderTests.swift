import XCTest

final class PublishPlaceholderTests: XCTestCase {
    func testPlaceholder() {}
}
