import FMLanguage
@testable import FMLessons
import XCTest

final class LessonParserTests: XCTestCase {
    func testAMinimalLessonParses() throws {
        let text = "lesson: T\nminutes: 5\npart: P\nstep: S\ntask: load fashion-mnist\ncheck: dataset train exists\n"
        let lesson = try LessonParser.parse(SourceFile(name: "t.lesson", text: text))
        XCTAssertEqual(lesson.stepCount, 1)
    }
}
