import Foundation
import XCTest
import FMGraphics
@testable import FMReport

final class KeptResultTests: XCTestCase {
    func testSampleHoldsEveryKind() {
        XCTAssertEqual(Set(ReportSample.results.map(\.kind)), Set(KeptResult.Kind.allCases))
    }

    func testEveryKindRoundTripsThroughJSON() throws {
        for result in ReportSample.results {
            let bytes = try result.json()
            XCTAssertEqual(try KeptResult(json: bytes), result, "\(result.kind)")
            XCTAssertEqual(try result.json(), bytes, "encoding \(result.kind) twice gives the same bytes")
            let object = try JSONSerialization.jsonObject(with: bytes) as? [String: Any]
            XCTAssertEqual(object?["kind"] as? String, result.kind.rawValue)
        }
    }

    func testStoredForm() throws {
        XCTAssertEqual(String(decoding: try KeptResult.note("a & b").json(), as: UTF8.self), #"{"kind":"note","value":"a & b"}"#)
        let plot = KeptResult.plot(Plot(metric: "loss", series: [.init(name: "nn", values: [1.5, .nan, .infinity])]))
        XCTAssertEqual(String(decoding: try plot.json(), as: UTF8.self),
                       #"{"kind":"plot","value":{"metric":"loss","series":[{"dashed":false,"name":"nn","values":[1.5,"nan","inf"]}]}}"#)
        guard case let .plot(back) = try KeptResult(json: plot.json()) else { return XCTFail("not a plot") }
        XCTAssertEqual(back.series[0].values[0], 1.5)
        XCTAssertTrue(back.series[0].values[1].isNaN)
        XCTAssertEqual(back.series[0].values[2], .infinity)
    }

    func testImagesKeepOneBytePerPixel() throws {
        let image = GrayImage(width: 3, height: 2, pixels: [0, 0.5, 1, -1, 2, .nan])
        let kept = KeptImage(image)
        XCTAssertEqual(Array(kept.grey), [0, 128, 255, 0, 255, 0])
        XCTAssertEqual(kept.grayImage.pixels, [0, 128.0 / 255, 1, 0, 1, 0])
        XCTAssertEqual(kept.grayImage.width, 3)
    }

    func testUnreadablePayloadsAreErrorsNotCrashes() {
        let cases: [(String, String)] = [
            (#"{"kind":"hologram","value":1}"#, "kind: Cannot initialize Kind from invalid String value hologram"),
            (#"{"kind":"note"}"#, "No value associated with key"),
            (#"{"kind":"images","value":{"dataset":"t","indices":[],"captions":[],"images":[{"width":99999999999,"height":99999999999,"grey":""}]}}"#,
             "each side must be 0 to 4096"),
            ("not json", "not valid JSON"),
        ]
        for (json, reason) in cases {
            XCTAssertThrowsError(try KeptResult(json: Data(json.utf8))) { error in
                guard case let ReportError.unreadable(text) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(text.contains(reason), "\(json): \(text)")
                XCTAssertTrue("\(error)".hasPrefix("a kept result cannot be read ("), "\(error)")
            }
        }
    }

    func testEntryFromStoredFields() throws {
        let date = Date(timeIntervalSinceReferenceDate: 5)
        let entry = try KeptEntry(sequence: 3, statement: "note \"hi\"", createdAt: date, payload: KeptResult.note("hi").json())
        XCTAssertEqual(entry, KeptEntry(sequence: 3, statement: "note \"hi\"", createdAt: date, result: .note("hi")))
    }

    func testPerClassFiguresComeFromTheConfusionMatrix() {
        let c = Evaluation.ByClass(classNames: ["a", "b"], confusion: [[3, 1], [0, 0]])
        XCTAssertEqual(c.counts, [4, 0])
        XCTAssertEqual(c.accuracy, [0.75, 0])
    }
}
