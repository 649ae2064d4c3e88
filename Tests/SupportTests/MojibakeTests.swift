import Support
import XCTest

/// UTF-8 read as Windows-1252 before it reached the corpus is decoded back; real accented text
/// is left alone.
final class MojibakeTests: XCTestCase {
    func testOnceMangledTextIsDecoded() {
        XCTAssertEqual(Mojibake.repaired("Obamaâ€™s plan"), "Obama’s plan")
        XCTAssertEqual(Mojibake.repaired("â€œQuotedâ€\u{9D} text"), "“Quoted” text", "the byte Windows-1252 leaves undefined comes as its C1 control")
        XCTAssertEqual(Mojibake.repaired("CafÃ© in MÃ¼nchen"), "Café in München")
    }

    func testTwiceMangledTextIsDecodedTwice() {
        XCTAssertEqual(Mojibake.repaired("ObamaÃ¢â‚¬â„¢s four years"), "Obama’s four years")
        XCTAssertEqual(Mojibake.repaired("Ã¢â‚¬ËœhiÃ¢â‚¬â„¢"), "‘hi’")
    }

    func testRealTextStaysAsItIs() {
        for text in ["Café Ünter naïve — “quoted” ’", "São Paulo", "Ã on its own", "façade’s", "price: 5 €", "plain ASCII", ""] {
            XCTAssertEqual(Mojibake.repaired(text), text)
        }
    }

    func testAMangledRunBesideARealCharacterIsStillDecoded() {
        XCTAssertEqual(Mojibake.repaired("é€â€™s"), "é€’s", "the real é and € stay; the mangled apostrophe is decoded")
    }
}
