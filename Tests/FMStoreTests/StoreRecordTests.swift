import Foundation
import XCTest
@testable import FMStore

final class StoreRecordTests: StoreTestCase {
    func testEveryRecordKindSurvivesReopening() throws {
        let d = Sample.dataset()
        var m = Sample.model()
        let bare = ModelRecord(name: "mlp", architecture: "{}", updatedAt: Sample.date)
        let e1 = EpochRecord(model: "cnn", epoch: 1, seconds: 12.5, loss: 0.61, accuracy: 0.78,
                             valLoss: 0.55, valAccuracy: 0.8)
        let e2 = EpochRecord(model: "cnn", epoch: 2, seconds: 11.25, loss: 0.41, accuracy: 0.85)
        let ev = EvaluationRecord(model: "cnn", dataset: "test", count: 10000, loss: 0.39,
                                  accuracy: 0.861, createdAt: Sample.date)
        do {
            let store = try Store.open(directory: folder)
            let s = try store.openSession("workshop")
            try s.saveDataset(d)
            try s.saveModel(m)
            try s.saveModel(bare)
            try s.recordEpoch(e1, weights: Sample.bytes(500, seed: 7), optimizerState: Sample.bytes(9, seed: 8),
                              trainingSeconds: 12.5)
            try s.recordEpoch(e2, weights: Sample.bytes(500, seed: 9), optimizerState: Sample.bytes(9, seed: 10),
                              trainingSeconds: 23.75)
            try s.recordEvaluation(ev)
            try s.setValue("cnn", forKey: "current")
            try s.setValue("42", forKey: "seed")
            try store.close()
        }
        let store = try Store.open(directory: folder)
        let s = try store.openSession("workshop")
        XCTAssertEqual(try s.datasets(), [d])
        let models = try s.models()
        XCTAssertEqual(models.map(\.name), ["cnn", "mlp"])
        m.weights = Sample.bytes(500, seed: 9)
        m.optimizerState = Sample.bytes(9, seed: 10)
        m.epochs = 2
        m.trainingSeconds = 23.75
        m.updatedAt = models[0].updatedAt          // set by recordEpoch
        XCTAssertEqual(models[0], m)
        XCTAssertGreaterThan(models[0].updatedAt, Sample.date)
        XCTAssertEqual(models[1], bare)
        XCTAssertNil(models[1].weights)
        XCTAssertNil(models[1].compileSettings)
        XCTAssertEqual(try s.model(named: "mlp"), bare)
        XCTAssertNil(try s.model(named: "nope"))
        XCTAssertEqual(try s.dataset(named: "train"), d)
        XCTAssertEqual(try s.epochs(model: "cnn"), [e1, e2])
        XCTAssertEqual(try s.epochs(model: "mlp"), [])
        XCTAssertEqual(try s.evaluations(model: "cnn"), [ev])
        XCTAssertEqual(try s.evaluations(model: nil), [ev])
        XCTAssertEqual(try s.evaluations(model: "mlp"), [])
        XCTAssertEqual(try s.value(forKey: "current"), "cnn")
        XCTAssertEqual(try s.values(), ["current": "cnn", "seed": "42"])
        XCTAssertNil(try s.value(forKey: "missing"))
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testSaveReplacesByNameAndKeepsEpochsAndOrder() throws {
        let s = try Store.open(directory: folder).openSession("s")
        try s.saveModel(Sample.model("a"))
        try s.saveModel(Sample.model("b"))
        try s.recordEpoch(EpochRecord(model: "a", epoch: 1, seconds: 1, loss: 1, accuracy: 0.5),
                          weights: Data([1]), optimizerState: Data([2]), trainingSeconds: 1)
        var a = Sample.model("a")
        a.compileSettings = nil
        a.architecture = "{\"changed\":true}"
        try s.saveModel(a)
        XCTAssertEqual(try s.models().map(\.name), ["a", "b"])
        XCTAssertEqual(try s.model(named: "a"), a)
        XCTAssertEqual(try s.epochs(model: "a").map(\.epoch), [1])

        var d = Sample.dataset("x")
        try s.saveDataset(d)
        try s.saveDataset(Sample.dataset("y"))
        d.count = 5
        d.shape = [5, 5]
        try s.saveDataset(d)
        XCTAssertEqual(try s.datasets(), [d, Sample.dataset("y")])

        // An epoch recorded twice (a retrained epoch number) replaces the row.
        let again = EpochRecord(model: "a", epoch: 1, seconds: 2, loss: 0.5, accuracy: 0.6)
        try s.recordEpoch(again, weights: Data([3]), optimizerState: Data([4]), trainingSeconds: 3)
        XCTAssertEqual(try s.epochs(model: "a"), [again])
        XCTAssertEqual(try s.model(named: "a")?.weights, Data([3]))
    }

    func testTranscriptKeepsOrderAcrossReopening() throws {
        let statements = (1...50).map { "let x\($0) = \($0) # ü\u{1F455}" }
        do {
            let s = try Store.open(directory: folder).openSession("t")
            for statement in statements.prefix(30) { try s.appendTranscript(statement) }
        }
        let s = try Store.open(directory: folder).openSession("t")
        for statement in statements.dropFirst(30) { try s.appendTranscript(statement) }
        XCTAssertEqual(try s.transcript(), statements)
        try s.clearTranscript()
        XCTAssertEqual(try s.transcript(), [])
    }

    func testSessionsAreSeparateAndListedMostRecentFirst() throws {
        let store = try Store.open(directory: folder)
        let a = try store.openSession("a")
        let b = try store.openSession("b")
        try a.saveModel(Sample.model("cnn", weightBytes: 100))       // 100 + 200 blob bytes
        try a.saveDataset(Sample.dataset("train"))
        try a.saveDataset(Sample.dataset("test"))
        try b.saveModel(Sample.model("mlp", weightBytes: 10_000))
        try b.appendTranscript("model mlp")                          // b is now the most recent
        XCTAssertEqual(try a.models().map(\.name), ["cnn"])
        XCTAssertEqual(try b.datasets(), [])

        let list = try store.sessions()
        XCTAssertEqual(list.map(\.name), ["b", "a"])
        XCTAssertEqual(list[1].models, ["cnn"])
        XCTAssertEqual(list[1].datasets, ["train", "test"])
        XCTAssertEqual(list[0].models, ["mlp"])
        XCTAssertEqual(list[0].datasets, [])
        XCTAssertGreaterThanOrEqual(list[0].lastUsed, list[1].lastUsed)

        // Sizes: exact payload by the stated rule (text + blob bytes, 8 per number).
        let m = Sample.model("mlp", weightBytes: 10_000)
        let expectedB = 3 + m.architecture.utf8.count + (m.compileSettings?.utf8.count ?? 0)
            + 10_000 + 20_000 + 24 + "model mlp".utf8.count + 8
        XCTAssertEqual(list[0].bytes, expectedB)
        let ma = Sample.model("cnn", weightBytes: 100)
        let datasetBytes = ["train", "test"].map { name -> Int in
            let d = Sample.dataset(name)
            return d.name.utf8.count + d.recipe.utf8.count + d.source.utf8.count + "[1,28,28]".utf8.count + 16
        }.reduce(0, +)
        let expectedA = 3 + ma.architecture.utf8.count + (ma.compileSettings?.utf8.count ?? 0) + 300 + 24 + datasetBytes
        XCTAssertEqual(list[1].bytes, expectedA)

        // Opening "a" again touches it.
        Thread.sleep(forTimeInterval: 0.01)
        _ = try store.openSession("a")
        XCTAssertEqual(try store.sessions().map(\.name), ["a", "b"])
        try store.deleteSession("b")
        XCTAssertEqual(try store.sessions().map(\.name), ["a"])
        assertThrows(.notFound(kind: "session", name: "b")) { try store.deleteSession("b") }
    }

    func testDeletesCascade() throws {
        let store = try Store.open(directory: folder)
        let s = try store.openSession("s")
        try s.saveModel(Sample.model("cnn"))
        try s.saveModel(Sample.model("mlp"))
        try s.saveDataset(Sample.dataset("test"))
        for model in ["cnn", "mlp"] {
            try s.recordEpoch(EpochRecord(model: model, epoch: 1, seconds: 1, loss: 1, accuracy: 0.5),
                              weights: Data([1]), optimizerState: Data([2]), trainingSeconds: 1)
            try s.recordEvaluation(EvaluationRecord(model: model, dataset: "test", count: 10, loss: 1, accuracy: 0.5))
        }
        try s.deleteModel(named: "cnn")
        XCTAssertEqual(try s.models().map(\.name), ["mlp"])
        XCTAssertEqual(try s.evaluations(model: nil).map(\.model), ["mlp"])
        assertThrows(.notFound(kind: "model", name: "cnn")) { try s.epochs(model: "cnn") }
        assertThrows(.notFound(kind: "model", name: "cnn")) { try s.deleteModel(named: "cnn") }
        // A model saved again under the old name starts with no history.
        try s.saveModel(Sample.model("cnn"))
        XCTAssertEqual(try s.epochs(model: "cnn"), [])
        XCTAssertEqual(try s.evaluations(model: "cnn"), [])

        try s.deleteDataset(named: "test")
        XCTAssertEqual(try s.datasets(), [])
        XCTAssertEqual(try s.evaluations(model: "mlp").map(\.dataset), ["test"])   // kept by name
        assertThrows(.notFound(kind: "dataset", name: "test")) { try s.deleteDataset(named: "test") }

        let rowsBefore = try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM epoch") }
        XCTAssertEqual(rowsBefore, 1)
        try store.deleteSession("s")
        let leftovers = try store.pool.read { db in
            try ["dataset", "model", "epoch", "evaluation", "transcriptEntry", "setting"].map {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1
            }
        }
        XCTAssertEqual(leftovers, [0, 0, 0, 0, 0, 0])
    }

    func testUnknownModelIsNotFound() throws {
        let s = try Store.open(directory: folder).openSession("s")
        assertThrows(.notFound(kind: "model", name: "ghost")) {
            try s.recordEpoch(EpochRecord(model: "ghost", epoch: 1, seconds: 1, loss: 1, accuracy: 0),
                              weights: Data(), optimizerState: Data(), trainingSeconds: 1)
        }
        assertThrows(.notFound(kind: "model", name: "ghost")) {
            try s.recordEvaluation(EvaluationRecord(model: "ghost", dataset: "t", count: 1, loss: 1, accuracy: 1))
        }
        assertThrows(.notFound(kind: "model", name: "ghost")) { try s.evaluations(model: "ghost") }
    }
}
