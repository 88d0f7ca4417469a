import Foundation
import XCTest
import FMLanguage
import FMStore
@testable import FMShell

/// Lessons driven through the interpreter, as a learner types at the prompt: the built-in
/// lessons to their end, a lesson resumed by a new process, a broken lesson file, answers out
/// of place, and the `--json` objects.
final class LessonShellTests: XCTestCase {
    /// Runs one statement and returns what it printed (standard output, then standard error).
    @discardableResult
    private func type(_ h: Harness, _ text: String) -> String {
        h.clear()
        h.run(text, file: "<prompt>")
        return h.out + h.err
    }

    private func step(_ h: Harness) -> String? {
        h.interpreter.currentGuide().map { "\($0.run.stepIndex + 1)/\($0.lesson.stepCount) \($0.run.phase.rawValue)" }
    }

    func testFirstStepsToItsEnd() throws {
        try XCTSkipUnless(Harness.datasetAvailable, "needs Fashion-MNIST in /usr/share/datasets")
        let h = try Harness()
        XCTAssertEqual(h.interpreter.prompt, "fm:test> ")
        XCTAssertTrue(type(h, "lesson first-steps").contains("[1/8] Part 1: Typing at the prompt — Your first statement"))
        XCTAssertEqual(h.interpreter.prompt, "fm:test (first-steps 1/8)> ")
        XCTAssertTrue(type(h, "help").contains("That is every statement fm knows, one line each.\n\n[2/8]"))
        type(h, "datasets")
        XCTAssertEqual(step(h), "2/8 working", "a statement that is not the task does not move the lesson")
        type(h, "help load")
        type(h, "datasets")
        XCTAssertTrue(type(h, "load fashion-mnist limit=50").contains("You now have 50 training pictures in `train`, and a test set."))
        let error = type(h, "show tset[0]")
        XCTAssertTrue(error.contains("<prompt>:1:6: error: no dataset named `tset`"), error)
        XCTAssertTrue(error.contains("In `<prompt>:1:6: error: no dataset `tset``, what is 6?"), error)
        XCTAssertEqual(type(h, "answer A"), "A is not it. Try again (`lesson hint` may help).\n")
        XCTAssertTrue(type(h, "answer b").hasPrefix("Right: B.\nColumn 6 is where `tset` starts"))
        type(h, "show test[0]")
        let end = type(h, "history")
        XCTAssertTrue(end.hasSuffix("That is the end of First steps at the fm prompt. `lessons` lists the others.\n"), end)
        XCTAssertEqual(h.interpreter.prompt, "fm:test> ", "a finished lesson leaves the prompt as it was")
        XCTAssertFalse(try XCTUnwrap(h.interpreter.sessionStore?.transcript()).contains { $0.hasPrefix("lesson") || $0.hasPrefix("answer") },
                       "lesson statements stay out of the script `history to` writes")
    }

    /// The whole of nn-vs-cnn on 200 images, with the learner's own model names; a new
    /// interpreter on the same store half way through, as after a kill.
    func testNNvsCNNToItsEndOnASubset() throws {
        try XCTSkipUnless(Harness.datasetAvailable, "needs Fashion-MNIST in /usr/share/datasets")
        let h = try Harness()
        let folder = Harness.temporaryFolder()
        type(h, "lesson nn-vs-cnn")
        type(h, "seed 1")
        type(h, "load fashion-mnist limit=200")
        type(h, "show train[0..11]")
        type(h, "model dense input=28x28\nadd flatten\nadd dense 256 relu\nadd dense 256 relu\nadd dense 10 softmax")
        XCTAssertEqual(h.interpreter.prompt, "fm:test[dense] (nn-vs-cnn 4/21)> ")
        type(h, blogCNN.replacingOccurrences(of: "model cnn", with: "model conv"))   // the learner's own name
        XCTAssertTrue(type(h, "summary conv flops=true").contains("Which network does more arithmetic per image?"))
        let right = type(h, "answer B")
        XCTAssertTrue(right.contains("Your CNN has 223,370 parameters, 17 % fewer than\nthe NN, and does 83 times its arithmetic per image"), right)
        type(h, "train dense epochs=5 validation=test")
        XCTAssertEqual(step(h), "7/21 working")

        try h.reopen()
        XCTAssertEqual(h.interpreter.prompt, "fm:test[conv] (nn-vs-cnn 7/21)> ", "the lesson and its place come back with the session")
        XCTAssertTrue(type(h, "lesson nn-vs-cnn").hasPrefix("Back to A dense network against a convolutional one, on Fashion-MNIST, step 7 of 21."))
        type(h, "train conv epochs=3 limit=100 validation=test")
        XCTAssertTrue(type(h, "plot dense conv").contains("What is that?"))
        type(h, "answer A")
        XCTAssertTrue(type(h, "evaluate dense on test by=class").contains("The NN is right on "))
        type(h, "evaluate conv on test by=class")
        type(h, "answer C")
        XCTAssertTrue(type(h, "translate test corner=top-left as corner").contains("`corner`: 200 moved garments."))
        XCTAssertTrue(type(h, "evaluate dense conv on corner").contains("In the corner the NN gets "))
        type(h, "shiftmap dense conv range=-1..1 limit=20")
        type(h, "answer B")
        type(h, "show filters conv layer=1")
        type(h, "show activations conv test[0] layer=1")
        type(h, "saliency conv test[0]")
        type(h, "model wide input=28x28\nadd flatten\nadd dense 256 relu\nadd dense 256 relu\nadd dense 10 softmax")
        XCTAssertEqual(step(h), "17/21 working", "the new model is not trained yet")
        type(h, "train wide epochs=3 validation=test augment=shift:2")
        type(h, "evaluate wide on test")
        XCTAssertTrue(type(h, "evaluate wide on corner").contains("What did augmentation by 2 pixels do"))
        XCTAssertTrue(type(h, "answer B").contains("Your augmented NN gets "))
        type(h, "export conv to \"\(folder)/cnn.safetensors\"")
        type(h, "note \"The CNN keeps more on moved garments.\"")
        XCTAssertEqual(step(h), "21/21 working")
        let end = type(h, "report to \"\(folder)/nn-vs-cnn.html\"")
        XCTAssertTrue(end.contains("That is the end of A dense network against a convolutional one"), end)
        let guide = try XCTUnwrap(h.interpreter.currentGuide())
        XCTAssertTrue(guide.isFinished)
        XCTAssertEqual(guide.run.roles, ["images": "train", "nn": "dense", "cnn": "conv", "moved": "corner", "aug": "wide"])
        XCTAssertEqual(guide.run.skipped, [])
        XCTAssertEqual(h.interpreter.prompt, "fm:test[wide]> ")
    }

    /// Progress is stored with each statement: a new interpreter (a new process) on the same
    /// FM_HOME is at the same step, and `session` switches to another session's own lesson.
    func testALessonIsResumedAfterTheSessionIsReopened() throws {
        let h = try Harness()
        type(h, "lesson first-steps")
        type(h, "help")
        try h.reopen()
        XCTAssertEqual(h.interpreter.prompt, "fm:test (first-steps 2/8)> ")
        XCTAssertTrue(type(h, "lesson").hasPrefix("[2/8] Part 1: Typing at the prompt — Help for one statement"))
        type(h, "help load")
        XCTAssertEqual(step(h), "3/8 working")
        type(h, "session other")
        XCTAssertEqual(h.interpreter.prompt, "fm:other> ", "another session has no lesson")
        type(h, "session test")
        XCTAssertEqual(h.interpreter.prompt, "fm:test (first-steps 3/8)> ")
        XCTAssertTrue(type(h, "lesson back").hasPrefix("[2/8]"))
        XCTAssertTrue(type(h, "lesson skip").hasPrefix("Skipped.\n\n[3/8]"))
        XCTAssertTrue(type(h, "lesson hint").hasPrefix("Press the Tab key once after `data`"))
        // Another lesson shelves this one; coming back finds it where it was.
        type(h, "lesson nn-vs-cnn")
        XCTAssertEqual(h.interpreter.prompt, "fm:test (nn-vs-cnn 1/21)> ")
        try h.reopen()
        XCTAssertTrue(type(h, "lesson first-steps").hasPrefix("Back to First steps at the fm prompt, step 3 of 8."))
        XCTAssertEqual(type(h, "lesson stop"), "Stopped First steps at the fm prompt at step 3 of 8. `lesson first-steps` starts it again.\n")
        try h.reopen()
        XCTAssertEqual(h.interpreter.prompt, "fm:test> ")
        XCTAssertTrue(type(h, "lesson first-steps").contains("[1/8]"), "a stopped lesson starts again from its first step")
    }

    /// `kill -9` in the middle of a training the lesson asked for: a new process is at the
    /// step the killed one had reached, with the model the lesson found.
    func testALessonSurvivesAKilledProcess() throws {
        let fm = Harness.root.appendingPathComponent(".build/debug/fm").path
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: fm), "build fm first (swift build)")
        try XCTSkipUnless(Harness.datasetAvailable, "needs Fashion-MNIST in /usr/share/datasets")
        let home = Harness.temporaryFolder()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: fm)
        p.arguments = ["--session", "class", "-c", "lesson nn-vs-cnn; load fashion-mnist limit=500; show train[0..11]; " +
                       "model mine input=28x28; add flatten; add dense 256 relu; add dense 256 relu; add dense 10 softmax; " +
                       "train mine epochs=100000 validation=test"]
        p.environment = ProcessInfo.processInfo.environment.merging(["FM_HOME": home]) { $1 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let store = try Store.open(directory: home)
        let deadline = Date().addingTimeInterval(120)
        var epochs = 0
        while Date() < deadline, epochs < 2 {
            epochs = (try? store.openSession("class").epochs(model: "mine").count) ?? 0
            usleep(50_000)
        }
        XCTAssertGreaterThanOrEqual(epochs, 2, "training did not start in time")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .uncaughtSignal)
        try store.close()

        let h = try Harness(session: "class", home: home)
        XCTAssertEqual(h.interpreter.prompt, "fm:class[mine] (nn-vs-cnn 4/21)> ")
        XCTAssertEqual(h.interpreter.currentGuide()?.run.roles, ["images": "train", "nn": "mine"])
        XCTAssertTrue(type(h, "lesson").hasPrefix("[4/21] Part 2: The two networks — The convolutional network (CNN)"))
    }

    func testABrokenLessonFileIsReportedAndNothingRuns() throws {
        let h = try Harness()
        let path = Harness.temporaryFolder() + "/bad.lesson"
        try "lesson: T\nminutes: 5\npart: P\nstep: S\ntask: help\ncheck: modle with dense\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(h.run("lesson \"\(path)\"", file: "<prompt>"), .failed)
        XCTAssertEqual(h.out, "")
        XCTAssertTrue(h.err.hasPrefix("\(path):6:8: error: unknown check `modle`"), h.err)
        XCTAssertNil(h.interpreter.currentGuide())
        XCTAssertEqual(h.interpreter.prompt, "fm:test> ")
        h.clear()
        h.run("lesson \"\(path).missing\"", file: "<prompt>")
        XCTAssertTrue(h.err.hasPrefix("<prompt>:1:8: error: cannot read \(path).missing"), h.err)
        h.clear()
        h.run("lesson nn-vs-cn", file: "<prompt>")
        XCTAssertTrue(h.err.hasPrefix("<prompt>:1:8: error: no lesson named `nn-vs-cn`; did you mean `nn-vs-cnn`?"), h.err)
    }

    func testALessonFromAFile() throws {
        let h = try Harness()
        let path = Harness.temporaryFolder() + "/mine.lesson"
        try "lesson: Mine\nminutes: 2\npart: P\nstep: S\ntask: help\ncheck: typed help\nafter: Well done.\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertTrue(type(h, "lesson \"\(path)\"").hasPrefix("Mine\n1 steps in 1 parts, about 2 minutes."))
        XCTAssertEqual(h.interpreter.prompt, "fm:test (mine 1/1)> ")
        try h.reopen()
        XCTAssertEqual(h.interpreter.prompt, "fm:test (mine 1/1)> ", "a file lesson is read again from its file")
        XCTAssertTrue(type(h, "help").contains("Well done.\n\nThat is the end of Mine."))
        h.clear()
        h.run("answer B", file: "<prompt>")
        XCTAssertTrue(h.err.hasPrefix("<prompt>:1:1: error: you have finished mine; there is no question left to answer"), h.err)
    }

    /// A stored run whose file has gone: a warning, no lesson, and `lesson stop` forgets it.
    func testALessonWhoseFileIsGone() throws {
        let h = try Harness()
        let path = Harness.temporaryFolder() + "/gone.lesson"
        try "lesson: Gone\nminutes: 2\npart: P\nstep: S\ntask: help\ncheck: typed help\n".write(toFile: path, atomically: true, encoding: .utf8)
        type(h, "lesson \"\(path)\"")
        try FileManager.default.removeItem(atPath: path)
        try h.reopen()
        h.clear()
        XCTAssertEqual(h.interpreter.prompt, "fm:test> ")
        XCTAssertEqual(h.err, "warning: the lesson gone could not be read again: cannot read \(path); `lesson stop` forgets it\n")
        XCTAssertEqual(type(h, "help").contains("That is the end"), false, "nothing is refused, nothing is checked")
        XCTAssertEqual(type(h, "lesson stop"), "Forgot the lesson whose file could not be read.\n")
        try h.reopen()
        h.clear()
        XCTAssertEqual(h.interpreter.prompt, "fm:test> ")
        XCTAssertEqual(h.err, "")
    }

    func testAnswerWithoutAQuestionIsAClearError() throws {
        let h = try Harness()
        XCTAssertEqual(h.run("answer B", file: "<prompt>"), .failed)
        XCTAssertEqual(h.err, "<prompt>:1:1: error: no lesson is running, so `answer` has nothing to act on; `lessons` lists them and `lesson NAME` starts one\nanswer B\n^~~~~~\n")
        h.clear()
        h.run("lesson hint", file: "<prompt>")
        XCTAssertTrue(h.err.hasPrefix("<prompt>:1:1: error: no lesson is running, so `lesson hint` has nothing to act on"), h.err)
        type(h, "lesson first-steps")
        h.clear()
        XCTAssertEqual(h.run("answer B", file: "<prompt>"), .failed)
        XCTAssertTrue(h.err.hasPrefix("<prompt>:1:1: error: step 1 of first-steps asks no question; `lesson` shows what it asks you to do"), h.err)
        h.clear()
        h.run("answer 2", file: "<prompt>")
        XCTAssertTrue(h.err.hasPrefix("<prompt>:1:8: error: expected a choice such as `B`"), h.err)
        // A step whose question waits for its task first says so, without an error.
        type(h, "lesson nn-vs-cnn")
        for _ in 0..<4 { type(h, "lesson skip") }
        XCTAssertTrue(type(h, "answer B").hasPrefix("First the task, then the question:"))
    }

    func testLessonsPrintJSON() throws {
        let h = try Harness(json: true)
        h.run("lessons")
        XCTAssertTrue(h.out.hasPrefix(#"{"statement":"lessons","lesson":"first-steps","title":"First steps at the fm prompt","parts":2,"steps":8,"minutes":10}"#), h.out)
        h.clear()
        h.run("lesson first-steps")
        XCTAssertTrue(h.out.hasPrefix(#"{"statement":"lesson","event":"start","lesson":"first-steps","title":"First steps at the fm prompt","step":1,"steps":8,"phase":"working","text":"First steps at the fm prompt\n"#), h.out)
        h.clear()
        h.run("help")
        let lines = h.out.split(separator: "\n")
        XCTAssertTrue(lines.last?.hasPrefix(#"{"statement":"lesson","event":"progress","lesson":"first-steps","title":"First steps at the fm prompt","step":2,"#) == true, h.out)
        h.clear()
        h.run("answer B")
        XCTAssertTrue(h.out.hasPrefix(#"{"error":"step 2 of first-steps asks no question"#), h.out)
    }

    func testTabOffersTheLessonsAndTheControls() throws {
        let h = try Harness()
        let repl = Repl(interpreter: h.interpreter, home: h.home)
        XCTAssertEqual(repl.candidates(pending: "", line: "lesson "), ["back", "first-steps", "hint", "nn-vs-cnn", "skip", "stop"])
        XCTAssertEqual(repl.candidates(pending: "", line: "lesson n"), ["nn-vs-cnn"])
        XCTAssertEqual(repl.candidates(pending: "", line: "les"), ["lesson", "lessons"])
    }

    func testTheLessonStatementsAreTypedCommands() throws {
        func command(_ text: String) throws -> Command {
            let script = CheckedScript(SourceFile(name: "t", text: text))
            XCTAssertEqual(script.diagnostics.map { $0.rendered() }, [])
            return try XCTUnwrap(script.commands.first?.command)
        }
        XCTAssertEqual(try command("lessons"), .lessons)
        XCTAssertEqual(try command("lesson"), .lesson(.current))
        XCTAssertEqual(try command("lesson hint"), .lesson(.hint))
        XCTAssertEqual(try command("lesson stop").text, "lesson stop")
        XCTAssertEqual(try command("lesson nn-vs-cnn").text, "lesson nn-vs-cnn")
        XCTAssertEqual(try command("lesson \"my.lesson\"").text, "lesson \"my.lesson\"")
        XCTAssertEqual(try command("answer b").text, "answer b")
        XCTAssertEqual(CheckedScript(SourceFile(name: "t", text: "lesson hint now")).diagnostics.first?.rendered().hasPrefix("t:1:13: error:"), true)
    }
}
