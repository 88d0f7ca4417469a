import Foundation
import FMLanguage
import FMPrompt
import FMStore

/// The interactive prompt: reads statements with libedit (continuation lines while a
/// statement is incomplete), runs them, and keeps going after errors and Ctrl-C. Launcher
/// starts it when standard input is a terminal; without line editing (`TERM=dumb`) the same
/// loop runs on plain lines.
///
/// A statement may span several physical lines (a trailing `\`, an unterminated string): the
/// lines read so far wait in `pending`, the prompt becomes `...> `, and Tab completes the new
/// line as part of the whole statement. Only whole statements go into the line history.
struct Repl {
    let interpreter: Interpreter
    let home: String

    /// The history file keeps the newest entries, as docs/prompt.md says.
    static let historyLimit = 1000

    func loop() -> Int32 {
        try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        guard let editor = LineEditor(programName: "fm", historyFile: home + "/history", historyLimit: Repl.historyLimit) else {
            return plainLoop()
        }
        let pending = PendingLines()
        editor.completer = { line in self.candidates(pending: pending.text, line: line) }
        interpreter.output.text("fm \(Launcher.version): Fashion-MNIST experiments. `help` lists statements; Tab completes; Ctrl-D quits.")
        while true {
            let prompt = pending.text.isEmpty ? interpreter.prompt : interpreter.continuationPrompt
            switch editor.readLine(prompt: prompt) {
            case .endOfFile:
                // Ctrl-D on the empty first line quits; on an empty continuation line it drops
                // the unfinished statement.
                if pending.text.isEmpty { return 0 }
                pending.text = ""
            case .interrupted:
                pending.text = ""
                Interrupt.clear()
            case let .line(line):
                let statement = pending.text.isEmpty ? line : pending.text + "\n" + line
                if Parser.isIncomplete(statement) {
                    pending.text = statement
                    continue
                }
                pending.text = ""
                guard statement.contains(where: { !$0.isWhitespace }) else { continue }
                editor.addToHistory(statement)
                Interrupt.clear()
                let outcome = interpreter.run(SourceFile(name: "<prompt>", text: statement))
                Interrupt.clear()
                if outcome == .quit { return 0 }
            }
        }
    }

    /// A terminal that cannot edit (`TERM=dumb`: an Emacs shell, some CI logs): statements are
    /// read line by line with no prompt and no escape sequences, each run as soon as it is
    /// complete, and the session goes on after an error, as at the prompt. A Ctrl-C (the
    /// terminal drops the line being typed) abandons an unfinished statement.
    func plainLoop() -> Int32 {
        var pending = ""
        while let line = Swift.readLine(strippingNewline: true) {
            if Interrupt.isRequested {
                pending = ""
                Interrupt.clear()
            }
            let statement = pending.isEmpty ? line : pending + "\n" + line
            if Parser.isIncomplete(statement) {
                pending = statement
                continue
            }
            pending = ""
            guard statement.contains(where: { !$0.isWhitespace }) else { continue }
            let outcome = interpreter.run(SourceFile(name: "<stdin>", text: statement))
            Interrupt.clear()
            if outcome == .quit { return 0 }
        }
        return 0
    }

    /// Tab's candidates for `line` (the text before the cursor) when `pending` holds the lines
    /// of the statement already entered: the completer sees the whole statement, so
    /// `train nn \` then `ep` completes to `epochs=`.
    func candidates(pending: String, line: String) -> [String] {
        let text = pending.isEmpty ? line : pending + "\n" + line
        let sessions = Repl.firstWord(ofLastStatementIn: text) == "session" ? interpreter.storedSessionNames : []
        return Completer(vocabulary: vocabulary(sessions: sessions)).candidates(for: text)
    }

    /// What Tab may offer: the statement table's names, options, keywords and option values,
    /// and this session's models and datasets. `sessions` is passed in because listing them
    /// reads the store; only `session NAME` needs it.
    func vocabulary(sessions: [String] = []) -> Completer.Vocabulary {
        let table = StatementTable.standard
        var options: [String: [String]] = [:]
        var expects: [String: Completer.Expectation] = [:]
        var keywords: [String: [String]] = [:]
        var optionValues: [String: [String]] = [:]
        for spec in table.statements {
            options[spec.name] = spec.options.map(\.name)
            expects[spec.name] = Repl.expectation(spec.hint)
            for (keyword, rest) in Repl.keywordForms(spec) {
                if !(keywords[spec.name] ?? []).contains(keyword) { keywords[spec.name, default: []].append(keyword) }
                // "show filters" reads as its own statement for completion: same options,
                // positional words as its form says.
                options["\(spec.name) \(keyword)"] = spec.options.map(\.name)
                expects["\(spec.name) \(keyword)"] = Repl.expectation(ofFormWords: rest)
            }
            for option in spec.options {
                guard case let .choice(values) = option.kind else { continue }
                // Options of the same name in different statements (`momentum`) merge their values.
                for value in values where !(optionValues[option.name] ?? []).contains(value) {
                    optionValues[option.name, default: []].append(value)
                }
            }
        }
        keywords["lesson", default: []] += Interpreter.builtInLessonNames
        return Completer.Vocabulary(statements: table.statements.map(\.name), options: options, expects: expects,
                                    models: interpreter.state.modelOrder, datasets: interpreter.state.datasetOrder,
                                    layers: StatementTable.layerNames, keywords: keywords,
                                    optionValues: optionValues, sessions: sessions)
    }

    static func expectation(_ hint: ArgumentHint) -> Completer.Expectation {
        switch hint {
        case .none: return .nothing
        case .model: return .model
        case .models: return .models
        case .dataset: return .dataset
        case .modelsThenData: return .modelsThenData
        case .statement: return .statement
        case .layer: return .layer
        case .file: return .file
        case .session: return .session
        case .name: return .name
        }
    }

    /// The literal words that may follow a statement's name, from its forms, with the rest of
    /// each form: `load idx "IMAGES" "LABELS" as NAME` gives ("idx", ["\"IMAGES\"", …]).
    /// Placeholders (upper case), optional parts (`[…]`) and prepositions (`report to`) are
    /// not keywords.
    static func keywordForms(_ spec: StatementSpec) -> [(keyword: String, rest: [String])] {
        spec.forms.compactMap { form in
            let words = form.split(separator: " ").map(String.init)
            guard words.count > 1, words[0] == spec.name else { return nil }
            let word = words[1]
            guard let first = word.first, first.isLowercase,
                  word.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" }),
                  !["to", "on", "as", "from", "like"].contains(word) else { return nil }
            return (word, Array(words.dropFirst(2)))
        }
    }

    /// What the positional words after a keyword are, read from the form's placeholders:
    /// `MODEL DATA[i]` → models then data, `MODEL` → a model, `DATA…` → a dataset, a string → a file.
    static func expectation(ofFormWords words: [String]) -> Completer.Expectation {
        guard let first = words.first else { return .nothing }
        if first.hasPrefix("MODEL") {
            if first.hasSuffix("...") { return .models }
            return words.dropFirst().contains { $0.hasPrefix("DATA") } ? .modelsThenData : .model
        }
        if first.hasPrefix("DATA") { return .dataset }
        if first.hasPrefix("\"") { return .file }
        return .nothing
    }

    /// The first word of the statement being typed: after the last `;` or line break that does
    /// not follow a `\`. Only decides whether listing the stored sessions is worth it.
    static func firstWord(ofLastStatementIn text: String) -> String {
        var start = text.startIndex
        var index = text.startIndex
        var previous: Character = " "
        while index < text.endIndex {
            let character = text[index]
            if character == ";" || (character == "\n" && previous != "\\") {
                start = text.index(after: index)
            }
            previous = character
            index = text.index(after: index)
        }
        return text[start...].split(whereSeparator: \.isWhitespace).first.map { $0.lowercased() } ?? ""
    }
}

/// The lines of an unfinished statement, shared by the loop and the completer.
final class PendingLines {
    var text = ""
}

extension Interpreter {
    /// The stored sessions' names, most recently used first; empty without a store.
    var storedSessionNames: [String] {
        guard let store, let sessions = try? store.sessions() else { return [] }
        return sessions.map(\.name)
    }
}
