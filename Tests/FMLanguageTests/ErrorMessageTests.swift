import XCTest
import FMLanguage

/// Every diagnostic the parser gives, as the exact text a user sees: a table of (source,
/// expected rendering), in the manner of swift-argument-parser's ErrorMessageTests.
final class ErrorMessageTests: XCTestCase {
    private func assertError(_ source: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let failures = Parser.parse(SourceFile(name: "t.fm", text: source)).compactMap { result -> Diagnostic? in
            if case .failure(let diagnostic) = result { return diagnostic }
            return nil
        }
        guard failures.count == 1 else {
            return XCTFail("expected one error for \(source.debugDescription), got \(failures.count)", file: file, line: line)
        }
        XCTAssertEqual(failures[0].rendered(), expected, "for \(source.debugDescription)", file: file, line: line)
    }

    func testStatementNames() {
        let cases: [(String, String)] = [
            ("trian nn", "t.fm:1:1: error: unknown statement `trian`; did you mean `train`?\ntrian nn\n^~~~~"),
            ("Train nn", "t.fm:1:1: error: unknown statement `Train`; did you mean `train`?\nTrain nn\n^~~~~"),
            ("  evalute nn", "t.fm:1:3: error: unknown statement `evalute`; did you mean `evaluate`?\n  evalute nn\n  ^~~~~~~"),
            ("xyzzy", "t.fm:1:1: error: unknown statement `xyzzy`; `help` lists every statement\nxyzzy\n^~~~~"),
            ("42 nn", "t.fm:1:1: error: expected a statement name, got `42`\n42 nn\n^~"),
            (#""hello""#, "t.fm:1:1: error: expected a statement name, got `\"hello\"`\n\"hello\"\n^~~~~~~"),
            ("epochs=3", "t.fm:1:1: error: expected a statement name, got the option `epochs=3`\nepochs=3\n^~~~~~~~"),
            ("test[0]", "t.fm:1:1: error: expected a statement name, got `test[0]`\ntest[0]\n^~~~~~~"),
        ]
        for (source, expected) in cases { assertError(source, expected) }
    }

    func testOptionNames() {
        let cases: [(String, String)] = [
            ("train epoch=3", "t.fm:1:7: error: unknown option `epoch` for `train`; did you mean `epochs`?\ntrain epoch=3\n      ^~~~~"),
            ("train nn Stop-At=0.9 stop_a=1", "t.fm:1:22: error: unknown option `stop_a` for `train`; did you mean `stop_at`?\ntrain nn Stop-At=0.9 stop_a=1\n                     ^~~~~~"),
            ("train foo=1", "t.fm:1:7: error: unknown option `foo` for `train`; `help train` lists its options\ntrain foo=1\n      ^~~"),
            ("datasets verbose=true", "t.fm:1:10: error: unknown option `verbose` for `datasets`, which takes no options\ndatasets verbose=true\n         ^~~~~~~"),
            ("exit now=1", "t.fm:1:6: error: unknown option `now` for `quit`, which takes no options\nexit now=1\n     ^~~"),
            ("train nn stop-at=1 stop_at=2", "t.fm:1:20: error: option `stop_at` is given twice\ntrain nn stop-at=1 stop_at=2\n                   ^~~~~~~"),
        ]
        for (source, expected) in cases { assertError(source, expected) }
    }

    func testOptionKinds() {
        let cases: [(String, String)] = [
            ("train epochs=abc", "t.fm:1:14: error: option `epochs` expects a whole number, got `abc`\ntrain epochs=abc\n             ^~~"),
            ("train epochs=2.5", "t.fm:1:14: error: option `epochs` expects a whole number, got `2.5`\ntrain epochs=2.5\n             ^~~"),
            ("compile lr=fast", "t.fm:1:12: error: option `lr` expects a number, got `fast`\ncompile lr=fast\n           ^~~~"),
            ("summary flops=maybe", "t.fm:1:15: error: option `flops` expects true or false, got `maybe`\nsummary flops=maybe\n              ^~~~~"),
            (#"train on="train""#, "t.fm:1:10: error: option `on` expects a name, got `\"train\"`\ntrain on=\"train\"\n         ^~~~~~~"),
            (#"load npy "x.npy" labels=y.npy as m"#, "t.fm:1:25: error: option `labels` expects a quoted string, got `y.npy`\nload npy \"x.npy\" labels=y.npy as m\n                        ^~~~~"),
            ("model m input=abc", "t.fm:1:15: error: option `input` expects a shape such as 3x3, got `abc`\nmodel m input=abc\n              ^~~"),
            ("add conv2d 64 kernel=0", "t.fm:1:22: error: option `kernel` expects a shape such as 3x3, got `0`\nadd conv2d 64 kernel=0\n                     ^"),
            ("shiftmap nn range=6", "t.fm:1:19: error: option `range` expects a range such as -6..6, got `6`\nshiftmap nn range=6\n                  ^"),
            ("compile optimizer=adma", "t.fm:1:19: error: option `optimizer` expects one of adam, sgd, rmsprop, got `adma`; did you mean `adam`?\ncompile optimizer=adma\n                  ^~~~"),
            ("train keep=worst", "t.fm:1:12: error: option `keep` expects one of best, last, got `worst`\ntrain keep=worst\n           ^~~~~"),
            ("translate test corner=top-lef as t", "t.fm:1:23: error: option `corner` expects one of top-left, bottom-right, random, got `top-lef`; did you mean `top-left`?\ntranslate test corner=top-lef as t\n                      ^~~~~~~"),
        ]
        for (source, expected) in cases { assertError(source, expected) }
    }

    func testLexicalMistakes() {
        let cases: [(String, String)] = [
            (#"show test[0] to "img.png"#, "t.fm:1:17: error: unterminated string; expected a closing `\"`\nshow test[0] to \"img.png\n                ^~~~~~~~"),
            (#"show test[0] to "a\qb""#, "t.fm:1:19: error: unknown escape `\\q` in a string; use \\\" \\\\ \\n or \\t\nshow test[0] to \"a\\qb\"\n                  ^~"),
            ("show x to \"a\\\nb\"", "t.fm:1:13: error: `\\` before a line break in a string; a string runs over lines without it\nshow x to \"a\\\n            ^"),
            ("show test[0 .. 11]", "t.fm:1:11: error: malformed range `0 .. 11`; expected whole numbers such as 0..11 or -4..4\nshow test[0 .. 11]\n          ^~~~~~~"),
            ("model m input=28x", "t.fm:1:15: error: malformed shape `28x`; expected positive whole numbers such as 28x28 or 3x3\nmodel m input=28x\n              ^~~"),
            ("model m input=0x3", "t.fm:1:15: error: malformed shape `0x3`; expected positive whole numbers such as 28x28 or 3x3\nmodel m input=0x3\n              ^~~"),
            ("shiftmap nn range=0..", "t.fm:1:19: error: malformed range `0..`; expected whole numbers such as 0..11 or -4..4\nshiftmap nn range=0..\n                  ^~~"),
            ("shiftmap nn range=5..2", "t.fm:1:19: error: empty range `5..2`; the first end must not be larger than the second\nshiftmap nn range=5..2\n                  ^~~~"),
            ("seed 1e", "t.fm:1:6: error: bad number `1e`\nseed 1e\n     ^~"),
            ("seed 3abc", "t.fm:1:6: error: bad number `3abc`\nseed 3abc\n     ^~~~"),
            ("seed 1e999", "t.fm:1:6: error: bad number `1e999`\nseed 1e999\n     ^~~~~"),
            ("seed @", "t.fm:1:6: error: unexpected character `@`\nseed @\n     ^"),
            ("use n!n", "t.fm:1:6: error: unexpected character `!`\nuse n!n\n     ^"),
            ("show ]", "t.fm:1:6: error: unexpected character `]`\nshow ]\n     ^"),
            ("show test[0..11", "t.fm:1:10: error: unclosed `[`; expected `]` after the index\nshow test[0..11\n         ^"),
            ("show test[]", "t.fm:1:11: error: empty index `[]`; expected a whole number or a range such as 0..11\nshow test[]\n          ^"),
            ("show test[abc]", "t.fm:1:11: error: an index is a whole number or a range such as 0..11, got `abc`\nshow test[abc]\n          ^~~"),
            ("show test[-1]", "t.fm:1:11: error: index `-1` is negative; images are counted from 0\nshow test[-1]\n          ^~"),
            ("show test[0..]", "t.fm:1:11: error: malformed range `0..`; expected whole numbers such as 0..11 or -4..4\nshow test[0..]\n          ^~~"),
            ("show test[ 9..3 ]", "t.fm:1:12: error: empty range `9..3`; the first end must not be larger than the second\nshow test[ 9..3 ]\n           ^~~~"),
            ("show 3[0]", "t.fm:1:6: error: only a dataset name can be indexed, not `3`\nshow 3[0]\n     ^"),
            ("train nn epochs = 3", "t.fm:1:17: error: unexpected `=`; write an option as key=value, without spaces\ntrain nn epochs = 3\n                ^"),
            ("train nn epochs=", "t.fm:1:10: error: missing value after `epochs=`\ntrain nn epochs=\n         ^~~~~~~"),
            ("train a=b=c", "t.fm:1:10: error: unexpected `=`; write an option as key=value, with a single `=`\ntrain a=b=c\n         ^"),
            ("train nn 3=4", "t.fm:1:10: error: expected an option name before `=`, got `3`\ntrain nn 3=4\n         ^"),
            ("train nn --epochs=3", "t.fm:1:10: error: options are written key=value, without `--`\ntrain nn --epochs=3\n         ^~~~~~~~"),
            ("train --verbose", "t.fm:1:7: error: unexpected `--verbose`; options are written key=value, without `--`\ntrain --verbose\n      ^~~~~~~~~"),
            (#"train nn \ x"#, "t.fm:1:10: error: `\\` continues a statement only at the very end of a line\ntrain nn \\ x\n         ^"),
            (#"show "a"b"#, "t.fm:1:9: error: unexpected character `b`; put a space between words\nshow \"a\"b\n        ^"),
            ("show test[0]x", "t.fm:1:13: error: unexpected character `x`; put a space between words\nshow test[0]x\n            ^"),
        ]
        for (source, expected) in cases { assertError(source, expected) }
    }

    func testLocationsInLongerSources() {
        let cases: [(String, String)] = [
            // An error on line 3 of a script names line 3.
            ("load fashion-mnist\nmodel nn input=28x28\nadd dense 256 relu epochs=2\n",
             "t.fm:3:20: error: unknown option `epochs` for `add`; `help add` lists its options\nadd dense 256 relu epochs=2\n                   ^~~~~~"),
            // A continued statement points at the physical line and column.
            ("train nn \\\n  epochs=30 \\\n  keep=bset",
             "t.fm:3:8: error: option `keep` expects one of best, last, got `bset`; did you mean `best`?\n  keep=bset\n       ^~~~"),
            // After `;` columns keep counting on the same line.
            ("seed 1; seed 2; sed 3", "t.fm:1:17: error: unknown statement `sed`; did you mean `seed`?\nseed 1; seed 2; sed 3\n                ^~~"),
            // Tabs are copied into the caret line.
            ("\ttrain\tepochs=abc", "t.fm:1:15: error: option `epochs` expects a whole number, got `abc`\n\ttrain\tepochs=abc\n\t     \t       ^~~"),
            // CR LF line ends do not show up in the source line.
            ("pop\r\npop\r\nppo\r\n", "t.fm:3:1: error: unknown statement `ppo`; did you mean `pop`?\nppo\n^~~"),
            // A string that runs over lines is marked on its first line only.
            ("report to \"a\nb\" fancy=1", "t.fm:2:4: error: unknown option `fancy` for `report`, which takes no options\nb\" fancy=1\n   ^~~~~"),
        ]
        for (source, expected) in cases { assertError(source, expected) }
    }
}
