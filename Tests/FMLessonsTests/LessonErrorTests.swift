import FMLanguage
import FMLessons
import XCTest

/// Every mistake a lesson file can have, with the whole text fm prints for it.
final class LessonErrorTests: XCTestCase {
    private let header = "lesson: T\nminutes: 5\npart: P\n"

    private func errors(_ body: String) -> String {
        do {
            _ = try LessonParser.parse(SourceFile(name: "my.lesson", text: header + body))
            return "no error"
        } catch {
            return String(describing: error)
        }
    }

    func testEachMistakeIsReportedAtItsPlace() {
                let cases: [(String, String)] = [
            ("step: S\ntask: help\ncheck: modle with dense\n", """
            my.lesson:6:8: error: unknown check `modle`; a check starts with model, trained, evaluated, dataset, statement, typed, error, report, or a result kind followed by `ran`
            check: modle with dense
                   ^~~~~
            """),
            ("step: S\ncheck: typed help\n", """
            my.lesson:4:1: error: step `S` has no `task:` (what the learner types)
            step: S
            ^~~~
            """),
            ("step: S\ntask: help\n", """
            my.lesson:4:1: error: step `S` has neither a `check:` nor a `question:`
            step: S
            ^~~~
            """),
            ("step: S\ntask: help\ncheck: model with dense 256 as nn\nafter: {nn.parms}\n", """
            my.lesson:7:9: error: unknown field `parms`; a placeholder asks for name, params, flops, epochs, layers, accuracy, loss
            after: {nn.parms}
                    ^~~~~~~~
            """),
            ("step: S\ntask: help\ncheck: typed help\nafter: {cnm.params}\n", """
            my.lesson:7:9: error: no check before this one binds the role `cnm` (`model with … as cnm`)
            after: {cnm.params}
                    ^~~~~~~~~~
            """),
            ("step: S\ntask: help\ncheck: typed help\nafter: broken {brace\n", """
            my.lesson:7:15: error: placeholder not closed: `}` missing (write `{{` for a brace)
            after: broken {brace
                          ^
            """),
            ("step: S\ntask: help\ncheck: model with dense as nn\nafter: {nn.accuracy}\n", """
            my.lesson:7:9: error: `accuracy` needs a dataset: `{ROLE.accuracy on test}`
            after: {nn.accuracy}
                    ^~~~~~~~~~~
            """),
            ("step: S\ntask: help\ncheck: model with dense as nn\nafter: {percent less nn.params nn.flops}\n", """
            my.lesson:7:17: error: expected `fewer` or `more` in the placeholder, found `less`
            after: {percent less nn.params nn.flops}
                            ^~~~
            """),
            ("step: S\ntask: help\ncheck: model with dense as nn\nafter: {ratio nn.params}\n", """
            my.lesson:7:24: error: expected ROLE.FIELD in the placeholder, found `}`
            after: {ratio nn.params}
                                   ^
            """),
            ("step: S\ntask: help\ncheck: trained cnn epochs>=3\n", """
            my.lesson:6:16: error: no check before this one binds the role `cnn` (`model with … as cnn`)
            check: trained cnn epochs>=3
                           ^~~
            """),
            ("step: S\ntask: help\ncheck: model with dense as nn\ncheck: trained nn epochs>=x\n", """
            my.lesson:7:19: error: expected epochs>=N, validated or augmented, found `epochs>=x`
            check: trained nn epochs>=x
                              ^~~~~~~~~
            """),
            ("step: S\ntask: help\ncheck: model with densse 256\n", """
            my.lesson:6:19: error: unknown layer `densse`; layers are flatten, dense, conv2d, maxpool, avgpool, globalavgpool, dropout, batchnorm, activation
            check: model with densse 256
                              ^~~~~~
            """),
            ("step: S\ntask: help\ncheck: model with\n", """
            my.lesson:6:18: error: the check ends too early: expected a layer
            check: model with
                             ^
            """),
            ("step: S\ntask: help\ncheck: statement used plto\n", """
            my.lesson:6:23: error: `plto` is not an fm statement
            check: statement used plto
                                  ^~~~
            """),
            ("step: S\ntask: help\ncheck: dataset translated exists as Moved\n", """
            my.lesson:6:37: error: `Moved` cannot be a role: a role is a lower-case name such as `cnn`
            check: dataset translated exists as Moved
                                                ^~~~~
            """),
            ("step: S\ntask: help\ncheck: report written now\n", """
            my.lesson:6:23: error: expected the end of the check, found `now`
            check: report written now
                                  ^~~
            """),
            ("step: S\ntext: a\nhelp\ntask: help\ncheck: typed help\n", """
            my.lesson:6:1: error: expected `field: value` (such as `text: …`) or an indented line that continues a field
            help
            ^~~~
            """),
            ("step: S\ntask: help\ncheck: typed help\ntxet: hello\n", """
            my.lesson:7:1: error: unknown field `txet`; a step has text, task, check, hint, question, choice A, answer, explain, after
            txet: hello
            ^~~~
            """),
            ("step: S\ntask: help\ntask: models\ncheck: typed help\n", """
            my.lesson:6:1: error: a second `task:` in the same place; join the two
            task: models
            ^~~~
            """),
            ("step: S\ntask:\ncheck: typed help\n", """
            my.lesson:5:1: error: `task:` is empty
            task:
            ^~~~
            """),
            ("step: S\ntask: help\nquestion: Which?\nanswer: A\n", """
            my.lesson:6:1: error: the question has no choices (`choice A: …`)
            question: Which?
            ^~~~~~~~
            """),
            ("step: S\ntask: help\nquestion: Which?\nchoice A: one\nchoice B: two\nanswer: D\n", """
            my.lesson:9:9: error: answer `D` is not one of the choices A, B
            answer: D
                    ^
            """),
            ("step: S\ntask: help\nquestion: Which?\nchoice A: one\nchoice A: two\nanswer: A\n", """
            my.lesson:8:1: error: a second `choice A:`
            choice A: two
            ^~~~~~~~
            """),
            ("step: S\ntask: help\nquestion: Which?\nchoice G: one\nanswer: A\n", """
            my.lesson:7:1: error: a choice is `choice A:` to `choice F:`, not `choice g`
            choice G: one
            ^~~~~~~~
            """),
            ("step: S\ntask: help\ncheck: typed help\nchoice A: one\n", """
            my.lesson:7:1: error: choices without a `question:`
            choice A: one
            ^~~~~~~~
            """),
            ("step: S\ntask: help\nquestion: Which?\nchoice A: one\n", """
            my.lesson:6:1: error: the question has no `answer:` (the letter of the right choice)
            question: Which?
            ^~~~~~~~
            """),
            ("step: S\ntask: help\ncheck: typed help\nminutes: 3\n", """
            my.lesson:7:1: error: `minutes:` belongs in the header, before the first `part:`
            minutes: 3
            ^~~~~~~
            """),
            ("step: S\ntask: help\ncheck: model with dense as data\ncheck: evaluated data on test\ncheck: dataset test exists as sets\ncheck: evaluated sets on test\n", """
            my.lesson:9:18: error: `sets` is a dataset role; a model role is bound with `model with … as sets`
            check: evaluated sets on test
                             ^~~~
            """),
        ]
        for (body, expected) in cases { XCTAssertEqual(errors(body), expected, body) }
    }

    /// Mistakes of the whole file, reported together, in file order, each once.
    func testMistakesOfTheHeaderAllAtOnce() throws {
        let text = "minutes: x\npart: P\nstep: S\ntask: help\ncheck: typed help\ntxet: a\ntxet: a\n"
        XCTAssertThrowsError(try LessonParser.parse(SourceFile(name: "my.lesson", text: text))) { error in
            XCTAssertEqual(String(describing: error), """
            my.lesson:1:1: error: the lesson has no title; the file starts with `lesson: TITLE`
            minutes: x
            ^
            my.lesson:1:10: error: `minutes:` is a whole number of minutes, not `x`
            minutes: x
                     ^
            my.lesson:6:1: error: unknown field `txet`; a step has text, task, check, hint, question, choice A, answer, explain, after
            txet: a
            ^~~~
            my.lesson:7:1: error: unknown field `txet`; a step has text, task, check, hint, question, choice A, answer, explain, after
            txet: a
            ^~~~
            """)
        }
        XCTAssertThrowsError(try LessonParser.parse(SourceFile(name: "my.lesson", text: "  indented\nlesson: T\nstep: S\n"))) { error in
            XCTAssertEqual(String(describing: error), """
            my.lesson:1:1: error: the lesson has no steps; add `part:` and `step:` lines
              indented
            ^
            my.lesson:1:3: error: an indented line continues a field, but no field comes before it
              indented
              ^~~~~~~~
            my.lesson:3:1: error: a step must come after a `part:` line
            step: S
            ^~~~
            """)
        }
    }
}
