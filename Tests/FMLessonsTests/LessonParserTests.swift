import FMLanguage
@testable import FMLessons
import XCTest

final class LessonParserTests: XCTestCase {
    func testTheBuiltInLessonsParse() throws {
        for entry in LessonLibrary.builtIn {
            do {
                let lesson = try XCTUnwrap(LessonLibrary.lesson(named: entry.name))
                XCTAssertGreaterThan(lesson.stepCount, 5, entry.name)
            } catch let errors as LessonFileErrors {
                XCTFail(errors.description)
            }
        }
    }

    func testListing() {
        XCTAssertEqual(LessonLibrary.listing(), """
        lesson       title                                                          parts  minutes
        first-steps  First steps at the fm prompt                                   2      10
        nn-vs-cnn    A dense network against a convolutional one, on Fashion-MNIST  8      75

        `lesson NAME` starts one; `lesson "FILE.lesson"` runs a teacher's file.
        """)
    }
}
