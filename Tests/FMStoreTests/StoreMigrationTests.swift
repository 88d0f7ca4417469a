import Foundation
import GRDB
import XCTest
@testable import FMStore

/// Opens `Fixtures/v1-store.sqlite`, written by the release before v2 (schema v1 only), and
/// checks that migrating to v2 keeps every row and adds the kept results.
final class StoreMigrationTests: StoreTestCase {
    /// A copy of the fixture as this test's store (the fixture itself is never opened).
    func copyFixture() throws {
        let fixture = try XCTUnwrap(Bundle.module.url(forResource: "v1-store", withExtension: "sqlite", subdirectory: "Fixtures"))
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture.path, toPath: storePath)
    }

    func testFixtureIsAV1Store() throws {
        try copyFixture()   // even a read-only look at a WAL file leaves -shm and -wal beside it
        let queue = try DatabaseQueue(path: storePath, configuration: {
            var c = Configuration(); c.readonly = true; return c }())
        defer { try? queue.close() }
        let (migrations, tables) = try queue.read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
        }
        XCTAssertEqual(migrations, ["v1"])
        XCTAssertEqual(tables, ["dataset", "epoch", "evaluation", "grdb_migrations", "model", "session",
                                "setting", "transcriptEntry"])
    }

    func testV1StoreMigratesWithEverythingInIt() throws {
        try copyFixture()
        let store = try Store.open(directory: folder)
        let migrations = try store.pool.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        XCTAssertEqual(migrations, ["v1", "v2"])
        XCTAssertEqual(try store.integrityCheck(), "ok")
        XCTAssertEqual(try store.sessions().map(\.name).sorted(), ["empty", "workshop"])

        let s = try store.openSession("workshop")
        let date = Date(timeIntervalSinceReferenceDate: 818_000_000)
        XCTAssertEqual(try s.datasets(), [
            DatasetRecord(name: "train", recipe: #"{"file":"train-images-idx3-ubyte.gz"}"#,
                          source: "fashion-mnist train", count: 60000, shape: [1, 28, 28], createdAt: date),
            DatasetRecord(name: "moved", recipe: #"{"translate":"test","by":4,"seed":7}"#,
                          source: "translate test", count: 10000, shape: [1, 28, 28], createdAt: date),
        ])
        let models = try s.models()
        XCTAssertEqual(models.map(\.name), ["nn", "cnn"])
        XCTAssertEqual(models[0].architecture, #"{"layers":["flatten","dense 128","relu","dense 10"]}"#)
        XCTAssertEqual(models[0].compileSettings, #"{"optimizer":"adam","lr":0.001}"#)
        XCTAssertEqual(models[0].weights, Data((0..<256).map { UInt8($0) }))
        XCTAssertEqual(models[0].optimizerState, Data([1, 2, 3, 3]))
        XCTAssertEqual(models[0].epochs, 3)
        XCTAssertEqual(models[0].trainingSeconds, 33)
        XCTAssertEqual(models[1].weights, Data(repeating: 9, count: 64))
        XCTAssertEqual(models[1].epochs, 1)
        let epochs = try s.epochs(model: "nn")
        XCTAssertEqual(epochs.map(\.epoch), [1, 2, 3])
        XCTAssertEqual(epochs[2], EpochRecord(model: "nn", epoch: 3, seconds: 13, loss: 0.6 / 3, accuracy: 0.8 + 0.06,
                                              valLoss: 0.5 / 3, valAccuracy: 0.79 + 0.06))
        XCTAssertEqual(try s.epochs(model: "cnn"),
                       [EpochRecord(model: "cnn", epoch: 1, seconds: 40, loss: 0.45, accuracy: 0.84)])
        XCTAssertEqual(try s.evaluations(model: nil), [
            EvaluationRecord(model: "nn", dataset: "test", count: 10000, loss: 0.35, accuracy: 0.8851, createdAt: date),
            EvaluationRecord(model: "cnn", dataset: "moved", count: 10000, loss: 1.2, accuracy: 0.61, createdAt: date),
        ])
        XCTAssertEqual(try s.transcript(), ["load train", "model nn = flatten | dense 128 | relu | dense 10",
                                            "train nn epochs=3", "evaluate nn on test"])
        XCTAssertEqual(try s.values(), ["current": "nn", "seed": "42"])
        XCTAssertEqual(try store.openSession("empty").transcript(), ["help"])

        // The new table works in the migrated file, and survives reopening.
        XCTAssertEqual(try s.results(), [])
        XCTAssertEqual(try s.appendResult(kind: "note", statement: #"note "hello""#, payload: Data("{}".utf8),
                                          createdAt: date), 1)
        try store.close()
        let reopened = try Store.open(directory: folder).openSession("workshop")
        XCTAssertEqual(try reopened.results(), [ResultRecord(sequence: 1, kind: "note", statement: #"note "hello""#,
                                                             payload: Data("{}".utf8), createdAt: date)])
    }

    func testResultsKeepTheirOrderAndGoWithTheirSession() throws {
        let store = try Store.open(directory: folder)
        let a = try store.openSession("a")
        let b = try store.openSession("b")
        let payloads = (0..<3).map { Sample.bytes(100 + $0, seed: UInt8($0)) }
        XCTAssertEqual(try a.appendResult(kind: "summary", statement: "summary cnn", payload: payloads[0], createdAt: Sample.date), 1)
        XCTAssertEqual(try b.appendResult(kind: "note", statement: "note \"b\"", payload: payloads[1], createdAt: Sample.date), 1)
        XCTAssertEqual(try a.appendResult(kind: "evaluation", statement: "evaluate cnn", payload: payloads[2], createdAt: Sample.date), 2)
        XCTAssertEqual(try a.results().map(\.sequence), [1, 2])
        XCTAssertEqual(try a.results().map(\.kind), ["summary", "evaluation"])
        XCTAssertEqual(try a.results().map(\.payload), [payloads[0], payloads[2]])
        XCTAssertEqual(try a.results(kind: "evaluation").map(\.statement), ["evaluate cnn"])
        XCTAssertEqual(try b.results().map(\.statement), ["note \"b\""])

        // A result kept in a transaction that throws is not kept; numbering goes on without a gap.
        struct Stop: Error {}
        XCTAssertThrowsError(try a.transaction { s in
            try s.appendResult(kind: "plot", statement: "plot", payload: Data())
            throw Stop()
        })
        XCTAssertEqual(try a.appendResult(kind: "plot", statement: "plot", payload: Data([1])), 3)

        // Payload bytes count: kind + statement + payload + 16 per result.
        let sizeBefore = try store.sessions().first { $0.name == "b" }?.bytes
        XCTAssertEqual(sizeBefore, 4 + 8 + 101 + 16)   // b holds nothing else
        try a.clearResults()
        XCTAssertEqual(try a.results(), [])
        XCTAssertEqual(try a.appendResult(kind: "note", statement: "note", payload: Data()), 1)

        try store.deleteSession("b")
        let left = try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM result") }
        XCTAssertEqual(left, 1)   // a's note; b's went with b
    }
}
