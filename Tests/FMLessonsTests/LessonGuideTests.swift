@testable import FMLessons
import XCTest

final class LessonGuideTests: XCTestCase {
    /// The whole of nn-vs-cnn, with models named differently from the lesson's, unrelated
    /// statements typed in between, one wrong answer, and a kill after every statement.
    func testNNvsCNNToItsEnd() throws {
        var driver = try Driver("nn-vs-cnn")
        var session = FakeSession()
        XCTAssertEqual(driver.guide.promptFragment, "nn-vs-cnn 1/21")
        session.ran("help"); try driver.after(session)
        XCTAssertEqual(driver.step, 1, "an unrelated statement does not move the lesson")
        session.view.datasets = [.init(name: "train", count: 60000), .init(name: "test", count: 10000)]
        session.ran("load"); try driver.after(session)
        session.ran("show"); try driver.after(session)
        session.model("dense_net", cnn: false); try driver.after(session)
        session.ran("seed"); try driver.after(session)
        session.model("conv", cnn: true); try driver.after(session)
        XCTAssertEqual(driver.step, 5)
        XCTAssertTrue(driver.guide.current(view: session.view).contains("summary dense_net flops=true\n    summary conv flops=true"))
        session.result(.summary, ["conv"], statement: "summary"); try driver.after(session)
        try driver.answer("A", session)
        XCTAssertEqual(driver.printed.last, "A is not it. Try again (`lesson hint` may help).")
        try driver.answer("b", session)
        XCTAssertTrue(driver.printed.last?.hasPrefix("""
        Right: B.
        Your CNN has 223,370 parameters, 17 % fewer than
        the NN, and does 83 times its arithmetic per image
        (44,502,440 FLOPs against 538,664).
        """) == true, driver.printed.last ?? "")
        session.train("dense_net", epochs: 30); try driver.after(session)
        session.train("conv", epochs: 15); try driver.after(session)
        session.ran("plot"); try driver.after(session)
        try driver.answer("A", session)
        session.evaluate("dense_net", on: "test", accuracy: 0.8851, byClass: true); try driver.after(session)
        session.evaluate("conv", on: "test", accuracy: 0.9215, byClass: true); try driver.after(session)
        try driver.answer("C", session)
        XCTAssertTrue(driver.printed.last?.contains("The CNN is right on 92.15 %, 3.6\npoints more than the NN's 88.51 %.") == true)
        session.view.datasets.append(.init(name: "corner", count: 10000, translated: true))
        session.ran("translate"); try driver.after(session)
        XCTAssertEqual(driver.printed.last?.hasPrefix("`corner`: 10,000 moved garments."), true)
        session.evaluate("dense_net", on: "corner", accuracy: 0.20)
        session.evaluate("conv", on: "corner", accuracy: 0.61); try driver.after(session)
        XCTAssertEqual(driver.printed.last?.hasPrefix("In the corner the NN gets 20.00 % (it had 88.51 %), the\nCNN 61.00 % (it had 92.15 %)."), true)
        session.result(.shiftmap, ["dense_net", "conv"], statement: "shiftmap"); try driver.after(session)
        try driver.answer("B", session)
        session.result(.filters, ["conv"], statement: "show"); try driver.after(session)
        session.result(.activations, ["conv"], statement: "show"); try driver.after(session)
        session.result(.saliency, ["conv"], statement: "saliency"); try driver.after(session)
        session.model("wide", cnn: false); try driver.after(session)
        XCTAssertEqual(driver.step, 17, "the copy is not trained yet")
        session.train("wide", epochs: 15, augmented: true); try driver.after(session)
        session.evaluate("wide", on: "corner", accuracy: 0.35); try driver.after(session)
        try driver.answer("B", session)
        XCTAssertTrue(driver.printed.last?.contains("Your augmented NN gets 35.00 % in the corner, against\n20.00 % without") == true)
        session.ran("export"); try driver.after(session)
        session.ran("note"); try driver.after(session)
        XCTAssertEqual(driver.step, 21)
        session.view.reportsWritten = ["nn-vs-cnn.html"]
        session.ran("report"); try driver.after(session)
        XCTAssertTrue(driver.guide.isFinished)
        XCTAssertNil(driver.guide.promptFragment)
        XCTAssertEqual(driver.guide.run.roles, ["images": "train", "nn": "dense_net", "cnn": "conv", "moved": "corner", "aug": "wide"])
        XCTAssertEqual(driver.guide.run.answers.map(\.right), [false, true, true, true, true, true])
        XCTAssertTrue(driver.printed.last?.hasSuffix("That is the end of A dense network against a convolutional one, on Fashion-MNIST. `lessons` lists the others.") == true)
    }

    func testFirstStepsToItsEnd() throws {
        var driver = try Driver("first-steps")
        var session = FakeSession()
        session.ran("help"); try driver.after(session)
        session.ran("help"); try driver.after(session)
        session.ran("datasets"); try driver.after(session)
        session.view.datasets = [.init(name: "train", count: 60000)]
        session.ran("load"); try driver.after(session)
        XCTAssertEqual(driver.printed.last?.hasPrefix("You now have 60,000 training pictures in `train`, and a test set."), true)
        session.ran("show"); try driver.after(session)
        XCTAssertEqual(driver.step, 5, "a working statement is not the error the step asks for")
        session.ran("show", failed: true); try driver.after(session)
        XCTAssertEqual(driver.guide.promptFragment, "first-steps 6/8")
        XCTAssertTrue(driver.guide.current(view: session.view).hasSuffix("""
          A. The sixth statement you typed
          B. The column where the mistake starts
          C. An error number to look up
        Answer with `answer A`, `answer B`, `answer C`.
        """))
        try driver.answer("B", session)
        session.ran("show"); try driver.after(session)
        session.ran("history"); try driver.after(session)
        XCTAssertTrue(driver.guide.isFinished)
    }

    func testHintSkipBackStopAndAnswersOutOfPlace() throws {
        var driver = try Driver("nn-vs-cnn")
        let view = LessonSessionView()
        XCTAssertEqual(driver.guide.answer("A", view: view), "There is no question to answer now.")
        XCTAssertEqual(driver.guide.hint(view: view), "No hint for this step. The task:\n    load fashion-mnist")
        XCTAssertEqual(driver.guide.back(view: view).hasPrefix("This is the first step."), true)
        _ = driver.guide.skip(view: view)
        _ = driver.guide.skip(view: view)
        XCTAssertEqual(driver.guide.hint(view: view), "Five statements, one per line; `pop` removes a layer you added by mistake.")
        _ = driver.guide.skip(view: view)
        _ = driver.guide.skip(view: view)
        // Step 5 asks its question only once `summary` has run.
        XCTAssertTrue(driver.guide.answer("B", view: view).hasPrefix("First the task, then the question:"))
        XCTAssertEqual(driver.guide.run.skipped, [0, 1, 2, 3])
        XCTAssertTrue(driver.guide.back(view: view).hasPrefix("[4/21] Part 2: The two networks — The convolutional network (CNN)"))
        XCTAssertEqual(driver.guide.stop(), "Stopped A dense network against a convolutional one, on Fashion-MNIST at step 4 of 21. `lesson nn-vs-cnn` starts it again.")
    }

    /// The steps that bind nn and cnn were skipped: a later check finds the models anyway.
    func testARoleIsFoundWhenItsStepWasSkipped() throws {
        var driver = try Driver("nn-vs-cnn")
        var session = FakeSession()
        for _ in 0..<5 { _ = driver.guide.skip(view: session.view) }
        session.model("mine", cnn: false)
        session.train("mine", epochs: 5); try driver.after(session)
        XCTAssertEqual(driver.guide.run.roles["nn"], "mine")
        XCTAssertEqual(driver.step, 7)
    }

    func testTheOpeningText() throws {
        let driver = try Driver("first-steps")
        XCTAssertEqual(driver.guide.opening(view: LessonSessionView()), """
        First steps at the fm prompt
        8 steps in 2 parts, about 10 minutes.

        For people who have never typed at a prompt: a statement, help, Tab, history, an error and how to read it, and how to leave.

        Type the statements the task gives; fm checks after each one. `lesson` shows the step again; `lesson hint`, `lesson skip`, `lesson back`, `lesson stop`.

        [1/8] Part 1: Typing at the prompt — Your first statement

        The prompt is where fm waits for you. You type one statement, press Enter,
        and fm answers. Nothing you type can break anything: a mistake only gets a message.

        Type:
            help
        """)
    }
}
