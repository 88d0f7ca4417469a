import XCTest
import FMStore
@testable import FMShell

/// Nothing a completed statement stored is lost to a killed process or a second process.
final class CrashSafetyTests: XCTestCase {
    var fm: String { Harness.root.appendingPathComponent(".build/debug/fm").path }

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: fm), "build fm first (swift build)")
        try XCTSkipUnless(Harness.datasetAvailable)
    }

    func launch(_ statements: String, home: String, session: String = "default") throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: fm)
        p.arguments = ["--session", session, "-c", statements]
        p.environment = ProcessInfo.processInfo.environment.merging(["FM_HOME": home]) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// A process training the blog's NN on 3,000 images for ever, once it has committed two
    /// epochs: the process, the store (open) and the epochs stored so far.
    func trainingProcess(home: String) throws -> (Process, Store, Int) {
        let p = try launch("seed 4; load fashion-mnist limit=3000; " + blogNN.replacingOccurrences(of: "\n", with: "; ") +
                           "; train nn epochs=500 validation=test", home: home)
        let store = try Store.open(directory: home)
        let deadline = Date().addingTimeInterval(120)
        var stored = 0
        while Date() < deadline {
            stored = (try? store.openSession("default").epochs(model: "nn").count) ?? 0
            if stored >= 2 { break }
            usleep(50_000)
        }
        XCTAssertGreaterThanOrEqual(stored, 2, "training did not checkpoint two epochs in time")
        return (p, store, stored)
    }

    func testKillDashNineMidEpochKeepsTheCompletedEpochs() throws {
        let home = Harness.temporaryFolder()
        // Once two epochs are committed, kill the process in the middle of the next ones.
        let (p, store, _) = try trainingProcess(home: home)
        usleep(150_000)   // well inside a later epoch
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .uncaughtSignal)
        try store.close()

        let reopened = try Store.open(directory: home)
        XCTAssertEqual(try reopened.integrityCheck(), "ok")
        let epochs = try reopened.openSession("default").epochs(model: "nn").map(\.epoch)
        XCTAssertGreaterThanOrEqual(epochs.count, 2)
        XCTAssertEqual(epochs, Array(1...epochs.count), "epochs are whole and in order")
        try reopened.close()

        // A fresh process has the model with those epochs, weights and optimiser state, and goes on.
        let h = try Harness(session: "default", home: home)
        let nn = try XCTUnwrap(h.interpreter.state.models["nn"])
        XCTAssertEqual(nn.epochs, epochs.count)
        XCTAssertTrue(nn.weightsInStore, "weights are read when a statement needs them")
        try h.interpreter.materialize(nn)
        XCTAssertNotNil(nn.network)
        XCTAssertNotNil(nn.trainer)
        XCTAssertEqual(h.interpreter.state.datasetOrder, ["train", "test"])
        XCTAssertEqual(h.run("train nn epochs=1"), .success, h.err)
        XCTAssertEqual(h.interpreter.state.models["nn"]?.epochs, epochs.count + 1)
    }

    /// SIGTERM (kill) and SIGHUP (a closed terminal window) stop training the way Ctrl-C does:
    /// the finished epochs are kept, the history holds the `train` that made them, and the
    /// process ends with 128 + the signal.
    func testTerminationSignalsStopTrainingAndKeepItsHistory() throws {
        for (signal, status) in [(SIGTERM, Int32(143)), (SIGHUP, Int32(129))] {
            let home = Harness.temporaryFolder()
            let (p, store, stored) = try trainingProcess(home: home)
            kill(p.processIdentifier, signal)
            p.waitUntilExit()
            try store.close()
            XCTAssertEqual(p.terminationReason, .exit, "signal \(signal)")
            XCTAssertEqual(p.terminationStatus, status, "signal \(signal)")

            let h = try Harness(session: "default", home: home)
            let kept = try XCTUnwrap(h.interpreter.state.models["nn"]).epochs
            XCTAssertGreaterThanOrEqual(kept, stored)
            h.run("history")
            XCTAssertTrue(h.out.contains("train nn epochs=\(kept) validation=test"), "signal \(signal): \(h.out)")
        }
    }

    func testTwoProcessesOnOneSessionKeepBothWorks() throws {
        let home = Harness.temporaryFolder()
        _ = try Store.open(directory: home)   // both start on an existing store
        let a = try launch("seed 1; load fashion-mnist limit=1500; " + blogNN.replacingOccurrences(of: "\n", with: "; ") +
                           "; train nn epochs=3", home: home, session: "shared")
        let b = try launch("load fashion-mnist limit=1500; model m input=28x28; add flatten; add dense 10 softmax; " +
                           "train m epochs=3; translate test dx=2 as moved; evaluate m on moved", home: home, session: "shared")
        a.waitUntilExit()
        b.waitUntilExit()
        XCTAssertEqual(a.terminationStatus, 0)
        XCTAssertEqual(b.terminationStatus, 0)
        let store = try Store.open(directory: home)
        XCTAssertEqual(try store.integrityCheck(), "ok")
        let session = try store.openSession("shared")
        XCTAssertEqual(Set(try session.models().map(\.name)), ["nn", "m"])
        XCTAssertEqual(try session.epochs(model: "nn").count, 3)
        XCTAssertEqual(try session.epochs(model: "m").count, 3)
        XCTAssertTrue(try session.datasets().contains { $0.name == "moved" })
        let transcript = try session.transcript()
        XCTAssertTrue(transcript.contains("train nn epochs=3"))
        XCTAssertTrue(transcript.contains("evaluate m on moved"))
    }
}
