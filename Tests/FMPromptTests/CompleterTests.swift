import XCTest
@testable import FMPrompt

final class CompleterTests: XCTestCase {
    static let vocabulary = Completer.Vocabulary(
        statements: ["add", "compile", "datasets", "evaluate", "export", "help", "import", "load", "model",
                     "models", "predict", "run", "session", "show", "summary", "train", "translate", "use"],
        options: [
            "train": ["epochs", "batch", "validation", "stop_at", "keep", "on", "limit", "augment", "patience"],
            "evaluate": ["by"],
            "compile": ["optimizer", "lr", "loss"],
            "show filters": ["layer"],
            "load npy": ["labels"],
            "translate": ["corner", "dx", "dy", "random", "rotate", "scale"],
        ],
        expects: [
            "train": .model, "evaluate": .model, "compile": .model, "summary": .model, "use": .model,
            "predict": .modelsThenData, "show": .dataset, "show filters": .model, "help": .statement,
            "add": .layer, "model": .name, "run": .file, "session": .session, "translate": .dataset,
            "datasets": .nothing,
        ],
        models: ["cnn", "nn", "nn2"],
        datasets: ["test", "test_tl", "train"],
        layers: ["conv2d", "dense", "flatten", "maxpool"],
        keywords: ["load": ["fashion-mnist", "idx", "npy", "image"], "show": ["filters", "activations"]],
        optionValues: ["optimizer": ["adam", "sgd"], "keep": ["best", "last"], "by": ["class"]],
        sessions: ["default", "workshop"])

    /// (text before the cursor, expected candidates)
    static let cases: [(String, [String])] = [
        // Statement names: at the start, after `;`, after a line break.
        ("", ["add", "compile", "datasets", "evaluate", "export", "help", "import", "load", "model",
              "models", "predict", "run", "session", "show", "summary", "train", "translate", "use"]),
        ("tr", ["train", "translate"]),
        ("  mod", ["model", "models"]),
        ("load fashion-mnist; da", ["datasets"]),
        ("load fashion-mnist;da", ["datasets"]),
        ("seed 1\ntr", ["train", "translate"]),
        ("xyz", []),
        // Models where expected, then options.
        ("train ", ["cnn", "nn", "nn2"]),
        ("train n", ["nn", "nn2"]),
        ("train nn ", ["augment=", "batch=", "epochs=", "keep=", "limit=", "on=", "patience=", "stop_at=", "validation="]),
        ("train nn ep", ["epochs="]),
        ("train nn epochs=3 ", ["augment=", "batch=", "keep=", "limit=", "on=", "patience=", "stop_at=", "validation="]),
        ("train nn stop-", ["stop-at="]),
        ("train nn STOP_", ["STOP_at="]),
        ("train x", []),
        // Datasets after `on`, `on=`, `validation=`.
        ("evaluate nn on ", ["test", "test_tl", "train"]),
        ("evaluate nn on test_", ["test_tl"]),
        ("evaluate nn on test by=", ["class"]),
        ("train nn validation=", ["test", "test_tl", "train"]),
        ("train nn validation=te", ["test", "test_tl"]),
        ("train nn on=tr", ["train"]),
        ("train nn epochs=", []),
        ("train nn keep=", ["best", "last"]),
        ("compile nn optimizer=a", ["adam"]),
        // Models then data.
        ("predict ", ["cnn", "nn", "nn2", "test", "test_tl", "train"]),
        ("predict nn c", ["cnn"]),
        ("predict nn test[0] ", []),
        ("predict nn test ", []),
        // Datasets, keywords and keyword statements.
        ("show ", ["activations", "filters", "test", "test_tl", "train"]),
        ("show f", ["filters"]),
        ("show filters ", ["cnn", "nn", "nn2"]),
        ("show filters cnn ", ["layer="]),
        ("load ", ["fashion-mnist", "idx", "image", "npy"]),
        ("load i", ["idx", "image"]),
        ("load npy \"x.npy\" ", ["labels="]),
        ("translate t", ["test", "test_tl", "train"]),
        ("translate test c", ["corner="]),
        // Statements, layers, sessions; new names get nothing.
        ("help tr", ["train", "translate"]),
        ("help train ", []),
        ("add d", ["dense"]),
        ("add dense 64 relu to ", ["cnn", "nn", "nn2"]),
        ("session w", ["workshop"]),
        ("model ", []),
        ("import cnn3 from \"a.safetensors\" like c", ["cnn"]),
        ("translate test dx=3 as ", []),
        ("datasets ", []),
        // Comments.
        ("train nn # ep", []),
        ("# tr", []),
    ]

    func testCandidatesTable() {
        let completer = Completer(vocabulary: Self.vocabulary)
        for (text, expected) in Self.cases {
            XCTAssertEqual(completer.candidates(for: text), expected, "text: \(text.debugDescription)")
        }
    }

    func testFileNamesInsideAString() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fmfiles-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("shirts"), withIntermediateDirectories: true)
        for name in ["shoe.png", "shirt.png", ".hidden", "bag.png"] {
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data())
        }
        var completer = Completer(vocabulary: Self.vocabulary)
        completer.fileLister.home = folder.path
        let base = folder.path
        XCTAssertEqual(completer.candidates(for: "show test[0] to \"\(base)/sh"),
                       ["\(base)/shirt.png", "\(base)/shirts/", "\(base)/shoe.png"])
        XCTAssertEqual(completer.candidates(for: "load image \"\(base)/"),
                       ["\(base)/bag.png", "\(base)/shirt.png", "\(base)/shirts/", "\(base)/shoe.png"])
        XCTAssertEqual(completer.candidates(for: "run \"\(base)/."), ["\(base)/.hidden"])
        XCTAssertEqual(completer.candidates(for: "run \"~/b"), ["~/bag.png"])
        XCTAssertEqual(completer.candidates(for: "run \"~/shirts/"), [])
        XCTAssertEqual(completer.candidates(for: "run \"\(base)/nothing/"), [])
        // A closed string is a finished word: no file names after it.
        XCTAssertEqual(completer.candidates(for: "run \"\(base)/bag.png\""), [])
    }

    func testContextSplitsWordsStringsAndStatements() {
        XCTAssertEqual(CompletionContext("train nn ep"),
                       CompletionContext(words: ["train", "nn"], current: "ep", inString: false))
        XCTAssertEqual(CompletionContext("show test[0] to \"my fi"),
                       CompletionContext(words: ["show", "test[0]", "to"], current: "my fi", inString: true))
        XCTAssertEqual(CompletionContext("load npy \"a b.npy\" labels=\"y"),
                       CompletionContext(words: ["load", "npy", "\"a b.npy\""], current: "y", inString: true))
        XCTAssertEqual(CompletionContext("seed 1; run \"x;y\" "),
                       CompletionContext(words: ["run", "\"x;y\""], current: "", inString: false))
        XCTAssertEqual(CompletionContext("train nn \\\nepo"),
                       CompletionContext(words: ["train", "nn"], current: "epo", inString: false))
        XCTAssertNil(CompletionContext("train # comment"))
        XCTAssertNotNil(CompletionContext("show \"#1.png\" "))
    }
}

private extension CompletionContext {
    init(words: [String], current: String, inString: Bool) {
        self.init("")!
        self.words = words
        self.current = current
        self.inString = inString
    }
}
