import XCTest
import FMStore

final class NameRulesTests: XCTestCase {
    func testNames() {
        XCTAssertNil(NameRules.check("cnn_2-b"))
        XCTAssertNil(NameRules.check(String(repeating: "a", count: 64)))
        XCTAssertEqual(NameRules.check("")?.description, "a name needs at least 1 character")
        XCTAssertEqual(NameRules.check(String(repeating: "x", count: 10_000_000))?.description,
                       "a name of 10000000 characters is too long: at most 64")
        XCTAssertEqual(NameRules.check("a b")?.description, "a name may hold letters, digits, _ and -, not U+20")
        XCTAssertEqual(NameRules.check("é")?.description, "a name may hold letters, digits, _ and -, not 'é'")
    }
}
