import Foundation
import XCTest
@testable import FMStore

final class StoreTransactionTests: StoreTestCase {
    struct Boom: Error, Equatable {}

    func testTransactionCommitsEverythingTogether() throws {
        let s = try Store.open(directory: folder).openSession("s")
        try s.transaction { t in
            try t.saveModel(Sample.model("cnn"))
            try t.saveDataset(Sample.dataset())
            // Reads inside the transaction see its writes.
            XCTAssertEqual(try t.models().map(\.name), ["cnn"])
            try t.transaction { inner in try inner.setValue("cnn", forKey: "current") }
            try t.appendTranscript("model cnn = …")
        }
        XCTAssertEqual(try s.models().map(\.name), ["cnn"])
        XCTAssertEqual(try s.datasets().map(\.name), ["train"])
        XCTAssertEqual(try s.value(forKey: "current"), "cnn")
        XCTAssertEqual(try s.transcript(), ["model cnn = …"])
    }

    func testFailedTransactionLeavesNothing() throws {
        let store = try Store.open(directory: folder)
        let s = try store.openSession("s")
        try s.saveModel(Sample.model("keep"))
        try s.appendTranscript("first")
        XCTAssertThrowsError(try s.transaction { t in
            try t.saveModel(Sample.model("cnn"))
            try t.deleteModel(named: "keep")
            try t.saveDataset(Sample.dataset())
            try t.setValue("x", forKey: "k")
            try t.appendTranscript("second")
            throw Boom()
        }) { error in XCTAssertEqual(error as? Boom, Boom()) }   // the caller's error, unchanged

        // A store error inside (unknown model) also rolls everything back.
        XCTAssertThrowsError(try s.transaction { t in
            try t.saveDataset(Sample.dataset())
            try t.recordEvaluation(EvaluationRecord(model: "ghost", dataset: "d", count: 1, loss: 1, accuracy: 1))
        }) { error in XCTAssertEqual(error as? StoreError, .notFound(kind: "model", name: "ghost")) }

        for view in [s, try Store.open(directory: folder).openSession("s")] {
            XCTAssertEqual(try view.models().map(\.name), ["keep"])
            XCTAssertEqual(try view.datasets(), [])
            XCTAssertNil(try view.value(forKey: "k"))
            XCTAssertEqual(try view.transcript(), ["first"])
        }
    }

    func testSingleWriteFailureLeavesNothing() throws {
        let s = try Store.open(directory: folder).openSession("s")
        try s.saveModel(Sample.model("cnn"))
        let before = try s.model(named: "cnn")
        // recordEpoch for an unknown model changes nothing (and the known model is untouched).
        XCTAssertThrowsError(try s.recordEpoch(
            EpochRecord(model: "other", epoch: 1, seconds: 1, loss: 1, accuracy: 1),
            weights: Data([9]), optimizerState: Data([9]), trainingSeconds: 1))
        XCTAssertEqual(try s.model(named: "cnn"), before)
    }

    func testNestedFailureCaughtByTheCallerLeavesNothingOfItself() throws {
        let s = try Store.open(directory: folder).openSession("s")
        try s.transaction { t in
            try t.saveModel(Sample.model("outer"))
            do {
                try t.transaction { inner in
                    try inner.saveModel(Sample.model("inner"))
                    try inner.appendTranscript("inner")
                    throw Boom()
                }
            } catch is Boom {}
            try t.appendTranscript("outer")
        }
        XCTAssertEqual(try s.models().map(\.name), ["outer"])
        XCTAssertEqual(try s.transcript(), ["outer"])
    }

    func testOneSessionStoreSharedByTwoThreads() throws {
        let s = try Store.open(directory: folder).openSession("s")
        try s.setValue("0", forKey: "n")
        let group = DispatchGroup()
        let errors = ErrorBox()
        for _ in 0..<2 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    for _ in 0..<100 {
                        try s.transaction { t in
                            let n = Int(try t.value(forKey: "n") ?? "") ?? -1_000
                            try t.setValue(String(n + 1), forKey: "n")
                        }
                    }
                } catch { errors.append(error) }
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(errors.all.map { "\($0)" }, [])
        XCTAssertEqual(try s.value(forKey: "n"), "200")
    }
}
