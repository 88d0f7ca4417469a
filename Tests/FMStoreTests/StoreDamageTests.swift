import Foundation
import GRDB
import XCTest
@testable import FMStore

/// A store fm cannot trust is reported, named and left byte for byte as it was.
final class StoreDamageTests: StoreTestCase {
    /// Makes a real store holding a model with `weightBytes` of weights, closed cleanly.
    private func makeStore(weightBytes: Int = 200_000) throws {
        let store = try Store.open(directory: folder)
        try store.openSession("s").saveModel(Sample.model("cnn", weightBytes: weightBytes))
        try store.close()
        // close() folds the WAL into the file: the file alone is the whole store.
        XCTAssertEqual(fileSize(storePath + "-wal") ?? 0, 0)
    }

    private func assertDamaged(file: StaticString = #filePath, line: UInt = #line,
                               _ check: (StoreError) -> Bool) throws {
        let before = try bytesOfStore()
        do {
            _ = try Store.open(directory: folder)
            XCTFail("a damaged store opened", file: file, line: line)
        } catch let error as StoreError {
            XCTAssertTrue(check(error), "unexpected \(error)", file: file, line: line)
            XCTAssertTrue(error.description.contains(storePath), error.description, file: file, line: line)
        }
        XCTAssertEqual(try bytesOfStore(), before, "the file changed", file: file, line: line)
    }

    func testTruncatedStore() throws {
        try makeStore()
        let full = try bytesOfStore()
        try full.prefix(full.count / 2).write(to: URL(fileURLWithPath: storePath))
        try assertDamaged { error in
            if case let .damaged(_, reason) = error { return reason.contains("truncated") }
            return false
        }
    }

    func testStoreCutInsideItsHeader() throws {
        try makeStore()
        try bytesOfStore().prefix(60).write(to: URL(fileURLWithPath: storePath))
        try assertDamaged { error in
            if case let .damaged(_, reason) = error { return reason.contains("shorter than SQLite's 100-byte header") }
            return false
        }
    }

    func testTextFileNamedLikeTheStore() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = String(repeating: "these are my notes, not a database\n", count: 40)
        try text.write(toFile: storePath, atomically: false, encoding: .utf8)
        try assertDamaged { error in
            if case let .damaged(path, reason) = error {
                return path == self.storePath && reason.contains("not a SQLite database")
            }
            return false
        }
        XCTAssertTrue(StoreError.damaged(path: storePath, reason: "x").description.contains("mv "))
    }

    func testSchemaFromANewerFm() throws {
        try makeStore()
        do {
            let queue = try DatabaseQueue(path: storePath)
            try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v3')") }
            try queue.close()
        }
        try assertDamaged { $0 == .newerSchema(path: self.storePath) }
        XCTAssertTrue(StoreError.newerSchema(path: storePath).description.contains("newer version of fm"))
    }

    func testDatabaseOfAnotherProgram() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        do {
            let queue = try DatabaseQueue(path: storePath)   // rollback journal: WAL would change it
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
                try db.execute(sql: "INSERT INTO users (name) VALUES ('ada')")
            }
            try queue.close()
        }
        try assertDamaged { $0 == .foreign(path: self.storePath) }
    }

    func testEmptyFileBecomesAStore() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: storePath, contents: Data())
        let store = try Store.open(directory: folder)
        XCTAssertEqual(try store.sessions(), [])
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testFolderThatIsAFile() throws {
        FileManager.default.createFile(atPath: folder, contents: Data("x".utf8))
        assertThrows(.cannotOpen(path: storePath, reason: "\(folder) is a file, not a folder")) {
            try Store.open(directory: folder)
        }
    }

    func testNestedFolderIsCreatedAndSchemaIsCurrent() throws {
        let nested = folder + "/a/b"
        let store = try Store.open(directory: nested)
        XCTAssertEqual(store.path, nested + "/fm.sqlite")
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.path))
        let (migrations, journal, foreignKeys) = try store.pool.read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
             try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        XCTAssertEqual(migrations, ["v1", "v2"])
        XCTAssertEqual(journal, "wal")
        XCTAssertEqual(foreignKeys, true)
        // Reopening an up-to-date store changes nothing.
        _ = try store.openSession("x")
        try store.close()
        XCTAssertEqual(try Store.open(directory: nested).sessions().map(\.name), ["x"])
    }

    func testUseAfterCloseIsAnErrorNotACrash() throws {
        let store = try Store.open(directory: folder)
        let s = try store.openSession("s")
        try store.close()
        try store.close()
        let closed = StoreError.sqlite(path: storePath, message: "the store is closed")
        assertThrows(closed) { try s.appendTranscript("x") }
        assertThrows(closed) { try s.models() }
        assertThrows(closed) { try store.sessions() }
        assertThrows(closed) { try store.openSession("t") }
        assertThrows(closed) { try store.integrityCheck() }
    }
}
