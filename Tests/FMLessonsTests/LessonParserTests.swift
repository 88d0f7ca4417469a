import FMLanguage
import Foundation
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

final class LessonDocumentationTests: XCTestCase {
    /// The complete example of docs/lessons.md is a lesson that reads without mistakes.
    func testTheDocumentedExampleParses() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/lessons.md").standardized
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: "```\n# A lesson on the dense network alone."))
        let end = try XCTUnwrap(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let example = String(text[text.index(start.lowerBound, offsetBy: 4)..<end.lowerBound])
        let lesson = try LessonParser.parse(SourceFile(name: "example.lesson", text: example))
        XCTAssertEqual(lesson.stepCount, 4)
        XCTAssertEqual(lesson.title, "Your first network")
    }
}
