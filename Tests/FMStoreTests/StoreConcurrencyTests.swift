import Foundation
import XCTest
@testable import FMStore

/// Two connections on one session, as two fm processes would have: nothing lost, waits
/// rather than failures, and a clear `busy` error when the wait is too long.
final class StoreConcurrencyTests: StoreTestCase {
    func testTwoStoresWritingAlternately() throws {
        let a = try Store.open(directory: folder).openSession("s")
        let b = try Store.open(directory: folder).openSession("s")
        for i in 0..<10 {
            try a.appendTranscript("a\(i)")
            try b.appendTranscript("b\(i)")
        }
        try a.saveModel(Sample.model("cnn"))
        try b.recordEpoch(EpochRecord(model: "cnn", epoch: 1, seconds: 1, loss: 0.5, accuracy: 0.8),
                          weights: Data([1, 2]), optimizerState: Data([3]), trainingSeconds: 1)
        let expected = (0..<10).flatMap { ["a\($0)", "b\($0)"] }
        XCTAssertEqual(try a.transcript(), expected)
        XCTAssertEqual(try b.transcript(), expected)
        XCTAssertEqual(try a.model(named: "cnn")?.weights, Data([1, 2]))
        XCTAssertEqual(try a.epochs(model: "cnn").count, 1)
    }

    func testTwoStoresWritingConcurrentlyLoseNothing() throws {
        let rounds = 150
        let setup = try Store.open(directory: folder).openSession("s")
        try setup.saveModel(Sample.model("m0", weightBytes: 64))
        try setup.saveModel(Sample.model("m1", weightBytes: 64))
        try setup.setValue("0", forKey: "counter")

        let errors = ErrorBox()
        let group = DispatchGroup()
        for worker in 0..<2 {
            group.enter()
            Thread.detachNewThread { [folder] in
                defer { group.leave() }
                do {
                    let s = try Store.open(directory: folder).openSession("s")
                    for i in 1...rounds {
                        try s.appendTranscript("w\(worker) \(i)")
                        try s.recordEpoch(EpochRecord(model: "m\(worker)", epoch: i, seconds: 0.1, loss: 1 / Double(i), accuracy: 0.5),
                                          weights: Sample.bytes(256, seed: UInt8(i % 200)), optimizerState: Data([UInt8(worker)]),
                                          trainingSeconds: Double(i) / 10)
                        // Read-modify-write in one transaction: a lost update would show in the sum.
                        try s.transaction { t in
                            let n = Int(try t.value(forKey: "counter") ?? "") ?? -1_000_000
                            try t.setValue(String(n + 1), forKey: "counter")
                        }
                    }
                } catch {
                    errors.append(error)
                }
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 60), .success)
        XCTAssertEqual(errors.all.map { "\($0)" }, [])

        let s = try Store.open(directory: folder).openSession("s")
        XCTAssertEqual(try s.value(forKey: "counter"), String(2 * rounds))
        let transcript = try s.transcript()
        XCTAssertEqual(transcript.count, 2 * rounds)
        for worker in 0..<2 {   // each writer's statements in its own order
            XCTAssertEqual(transcript.filter { $0.hasPrefix("w\(worker) ") }, (1...rounds).map { "w\(worker) \($0)" })
            XCTAssertEqual(try s.epochs(model: "m\(worker)").map(\.epoch), Array(1...rounds))
            let m = try s.model(named: "m\(worker)")
            XCTAssertEqual(m?.epochs, rounds)
            XCTAssertEqual(m?.weights, Sample.bytes(256, seed: UInt8(rounds % 200)))
        }
        XCTAssertEqual(try Store.open(directory: folder).integrityCheck(), "ok")
    }

    func testStoresCreatedAtTheSameTimeAllOpen() throws {
        for round in 0..<5 {   // several fresh folders: the race is in creating the schema
            let fresh = folder + "/\(round)"
            let group = DispatchGroup()
            let errors = ErrorBox()
            let start = DispatchSemaphore(value: 0)
            for worker in 0..<4 {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    start.wait()
                    do {
                        let s = try Store.open(directory: fresh).openSession("s")
                        try s.appendTranscript("w\(worker)")
                    } catch { errors.append(error) }
                }
            }
            for _ in 0..<4 { start.signal() }
            XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
            XCTAssertEqual(errors.all.map { "\($0)" }, [])
            XCTAssertEqual(try Store.open(directory: fresh).openSession("s").transcript().sorted(),
                           ["w0", "w1", "w2", "w3"])
        }
    }

    // MARK: - Another process: the sqlite3 command-line shell holding the write lock

    func testWriteWaitsForAnotherProcessThenSucceeds() throws {
        let waits = ErrorBox()
        let store = try Store.open(directory: folder, onWait: { path in waits.append(StoreError.busy(path: path)) })
        let s = try store.openSession("s")
        let holder = try LockHolder(database: store.path, marker: folder + "/locked")

        let done = DispatchSemaphore(value: 0)
        let outcome = ErrorBox()
        let start = Date()
        let elapsed = Locked<TimeInterval>(0)   // measured on the writing thread
        Thread.detachNewThread {
            do { try s.appendTranscript("after the wait") } catch { outcome.append(error) }
            elapsed.value = Date().timeIntervalSince(start)
            done.signal()
        }
        Thread.sleep(forTimeInterval: 0.6)
        try holder.release()
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(outcome.all.map { "\($0)" }, [])
        XCTAssertGreaterThan(elapsed.value, 0.5, "the write did not wait for the lock")
        XCTAssertLessThan(elapsed.value, Store.defaultBusyTimeout)
        XCTAssertEqual(waits.all as? [StoreError], [.busy(path: store.path)])   // told once
        XCTAssertEqual(try s.transcript(), ["after the wait"])
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testWriteGivesUpWithBusyErrorPastTheTimeout() throws {
        let store = try Store.open(directory: folder, busyTimeout: 0.3)
        let s = try store.openSession("s")
        let holder = try LockHolder(database: store.path, marker: folder + "/locked")
        defer { try? holder.release() }
        // Opening the store and reading need no write lock: they do not wait.
        let opening = Date()
        let other = try Store.open(directory: folder, busyTimeout: 0.3)
        XCTAssertEqual(try other.sessions().map(\.name), ["s"])
        XCTAssertEqual(try s.transcript(), [])
        XCTAssertLessThan(Date().timeIntervalSince(opening), 0.25)

        let start = Date()
        assertThrows(.busy(path: store.path)) { try s.appendTranscript("never") }
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThan(elapsed, 0.25)
        XCTAssertLessThan(elapsed, 3)
        try holder.release()
        XCTAssertEqual(try s.transcript(), [])
        try s.appendTranscript("now")
        XCTAssertEqual(try s.transcript(), ["now"])
    }
}

/// A value shared between threads behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { mutate { $0 = newValue } }
    }
    /// Changes the value under the lock (a get and a set would race).
    func mutate(_ body: (inout Value) -> Void) { lock.lock(); body(&stored); lock.unlock() }
}

/// Collects errors from several threads.
final class ErrorBox: @unchecked Sendable {
    private let items = Locked<[Error]>([])
    func append(_ error: Error) { items.mutate { $0.append(error) } }
    var all: [Error] { items.value }
}

/// `/usr/bin/sqlite3` in a child process, inside `BEGIN IMMEDIATE` (the write lock) until
/// `release()`. It creates `marker` once it holds the lock (its output is buffered in a pipe,
/// so a file is the reliable signal).
final class LockHolder {
    private let process = Process()
    private let input = Pipe()
    private var released = false

    init(database: String, marker: String) throws {
        let shell = "/usr/bin/sqlite3"
        guard FileManager.default.isExecutableFile(atPath: shell) else {
            throw XCTSkip("\(shell) is not installed")
        }
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = [database]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nINSERT INTO session (name, createdAt, lastUsed) VALUES ('cli', 0, 0);\n.shell touch '\(marker)'\n".utf8))
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: marker) {
            if Date() > deadline || !process.isRunning {
                process.terminate()
                throw StoreError.busy(path: "sqlite3 never took the lock on \(database)")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// Commits and quits; waits for the process to end.
    func release() throws {
        if released { return }
        released = true
        input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        if !released { try? release() }
    }
}
