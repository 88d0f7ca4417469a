import Foundation
import XCTest
@testable import FMStore

// Temporary: writes the v1 fixture with the release's own code, before v2 exists.
final class MakeV1Fixture: XCTestCase {
    func testMakeV1Fixture() throws {
        guard let out = ProcessInfo.processInfo.environment["FM_MAKE_V1_FIXTURE"] else {
            throw XCTSkip("set FM_MAKE_V1_FIXTURE to a folder")
        }
        let date = Date(timeIntervalSinceReferenceDate: 818_000_000)
        let store = try Store.open(directory: out)
        let s = try store.openSession("workshop")
        try s.saveDataset(DatasetRecord(name: "train", recipe: #"{"file":"train-images-idx3-ubyte.gz"}"#,
                                        source: "fashion-mnist train", count: 60000, shape: [1, 28, 28],
                                        createdAt: date))
        try s.saveDataset(DatasetRecord(name: "moved", recipe: #"{"translate":"test","by":4,"seed":7}"#,
                                        source: "translate test", count: 10000, shape: [1, 28, 28],
                                        createdAt: date))
        try s.saveModel(ModelRecord(name: "nn", architecture: #"{"layers":["flatten","dense 128","relu","dense 10"]}"#,
                                    compileSettings: #"{"optimizer":"adam","lr":0.001}"#,
                                    updatedAt: date))
        try s.saveModel(ModelRecord(name: "cnn", architecture: #"{"layers":["conv 32 3","relu","maxpool 2","flatten","dense 10"]}"#,
                                    compileSettings: #"{"optimizer":"sgd","lr":0.01}"#, updatedAt: date))
        for epoch in 1...3 {
            let e = EpochRecord(model: "nn", epoch: epoch, seconds: 10 + Double(epoch), loss: 0.6 / Double(epoch),
                                accuracy: 0.8 + 0.02 * Double(epoch), valLoss: 0.5 / Double(epoch),
                                valAccuracy: 0.79 + 0.02 * Double(epoch))
            try s.recordEpoch(e, weights: Data((0..<256).map { UInt8($0) }), optimizerState: Data([1, 2, 3, UInt8(epoch)]),
                              trainingSeconds: Double(epoch) * 11)
        }
        try s.recordEpoch(EpochRecord(model: "cnn", epoch: 1, seconds: 40, loss: 0.45, accuracy: 0.84),
                          weights: Data(repeating: 9, count: 64), optimizerState: Data([4, 5]), trainingSeconds: 40)
        try s.recordEvaluation(EvaluationRecord(model: "nn", dataset: "test", count: 10000, loss: 0.35,
                                                accuracy: 0.8851, createdAt: date))
        try s.recordEvaluation(EvaluationRecord(model: "cnn", dataset: "moved", count: 10000, loss: 1.2,
                                                accuracy: 0.61, createdAt: date))
        for line in ["load train", "model nn = flatten | dense 128 | relu | dense 10", "train nn epochs=3",
                     "evaluate nn on test"] {
            try s.appendTranscript(line)
        }
        try s.setValue("nn", forKey: "current")
        try s.setValue("42", forKey: "seed")
        let other = try store.openSession("empty")
        try other.appendTranscript("help")
        try store.close()
    }
}
