import Foundation
import GRDB
import XCTest
@testable import FMStore

/// What survives a process killed with SIGKILL: every committed transaction, nothing of the
/// one in flight; the file passes `PRAGMA integrity_check` and takes writes at once.
/// The killed process is `/usr/bin/sqlite3` writing to our store.
final class StoreCrashTests: StoreTestCase {
    /// Starts sqlite3 on the store, feeds it `script`, waits for `marker`, then kills it (-9).
    private func runAndKill(_ script: String) throws {
        let shell = "/usr/bin/sqlite3"
        guard FileManager.default.isExecutableFile(atPath: shell) else { throw XCTSkip("no \(shell)") }
        let marker = folder + "/marker"
        let process = Process()
        let input = Pipe()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = [storePath]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((script + "\n.shell touch '\(marker)'\n").utf8))
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: marker), process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        XCTAssertTrue(process.isRunning, "sqlite3 ended before the kill")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
    }

    private func sessionId() throws -> Int64 {
        let store = try Store.open(directory: folder)
        let s = try store.openSession("s")
        try s.saveModel(Sample.model("kept"))
        try store.close()
        return s.id
    }

    func testKilledInsideATransactionLeavesNothingOfIt() throws {
        let id = try sessionId()
        try runAndKill("""
            BEGIN IMMEDIATE;
            INSERT INTO model (sessionId, name, architecture, epochs, trainingSeconds, updatedAt, weights)
              VALUES (\(id), 'half', '{}', 3, 1.0, 0, zeroblob(300000));
            INSERT INTO transcriptEntry (sessionId, statement, createdAt) VALUES (\(id), 'lost', 0);
            """)
        let store = try Store.open(directory: folder, busyTimeout: 0.2)   // the lock died with it
        let s = try store.openSession("s")
        XCTAssertEqual(try s.models().map(\.name), ["kept"])
        XCTAssertEqual(try s.transcript(), [])
        try s.appendTranscript("next")
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testKilledAfterCommitKeepsTheCommit() throws {
        let id = try sessionId()
        try runAndKill("""
            INSERT INTO transcriptEntry (sessionId, statement, createdAt) VALUES (\(id), 'committed', 0);
            BEGIN IMMEDIATE;
            INSERT INTO transcriptEntry (sessionId, statement, createdAt) VALUES (\(id), 'in flight', 0);
            """)
        // The commit lives in the WAL the killed process left behind; opening recovers it.
        XCTAssertGreaterThan(fileSize(storePath + "-wal") ?? 0, 0)
        let store = try Store.open(directory: folder)
        let s = try store.openSession("s")
        XCTAssertEqual(try s.transcript(), ["committed"])
        XCTAssertEqual(try s.models().map(\.name), ["kept"])
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testCorruptPagesAreReportedNotHidden() throws {
        let store = try Store.open(directory: folder)
        try store.openSession("s").saveModel(Sample.model("cnn", weightBytes: 100_000))
        try store.close()
        // Scribble over two pages in the middle of the file: the weights' overflow pages,
        // whose first 4 bytes chain to the next page. The schema pages stay intact.
        var bytes = try bytesOfStore()
        let middle = bytes.count / 2
        for i in middle..<(middle + 8192) { bytes[i] = UInt8(truncatingIfNeeded: i &* 7 &+ 3) }
        try bytes.write(to: URL(fileURLWithPath: storePath))

        let reopened = try Store.open(directory: folder)     // the schema is readable
        let check = try reopened.integrityCheck()
        XCTAssertNotEqual(check, "ok")
        XCTAssertTrue(check.contains("invalid page number") || check.contains("malformed"), check)
        XCTAssertEqual(try bytesOfStore(), bytes, "opening and checking changed the file")
    }
}
