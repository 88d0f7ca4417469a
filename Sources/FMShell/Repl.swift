import Foundation
import FMLanguage
import FMPrompt

/// The interactive prompt: reads statements with libedit (continuation lines while a
/// statement is incomplete), runs them, and keeps going after errors and Ctrl-C.
struct Repl {
    let interpreter: Interpreter
    let home: String

    func loop() -> Int32 {
        try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        guard let editor = LineEditor(programName: "fm", historyFile: home + "/history", historyLimit: 2000) else {
            return Launcher.status(interpreter.run(SourceFile(name: "<stdin>", text: String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self))))
        }
        editor.completer = { text in Completer(vocabulary: vocabulary()).candidates(for: text) }
        interpreter.output.text("fm \(Launcher.version): Fashion-MNIST experiments. `help` lists statements; Tab completes; Ctrl-D quits.")
        var buffer = ""
        while true {
            let prompt = buffer.isEmpty ? interpreter.prompt : interpreter.continuationPrompt
            switch editor.readLine(prompt: prompt) {
            case .endOfFile:
                if buffer.isEmpty { return 0 }
                buffer = ""
            case .interrupted:
                buffer = ""
                Interrupt.clear()
            case let .line(line):
                buffer += (buffer.isEmpty ? "" : "\n") + line
                if Parser.isIncomplete(buffer) { continue }
                let statement = buffer
                buffer = ""
                guard !statement.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                editor.addToHistory(statement)
                Interrupt.clear()
                if interpreter.run(SourceFile(name: "<prompt>", text: statement)) == .quit { return 0 }
                Interrupt.clear()
            }
        }
    }

    func vocabulary() -> Completer.Vocabulary {
        let table = StatementTable.standard
        var options: [String: [String]] = [:]
        var expects: [String: Completer.Expectation] = [:]
        for s in table.statements {
            options[s.name] = s.options.map(\.name)
            expects[s.name] = {
                switch s.hint {
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
            }()
        }
        return Completer.Vocabulary(statements: table.statements.map(\.name), options: options, expects: expects,
                                    models: interpreter.state.modelOrder, datasets: interpreter.state.datasetOrder,
                                    layers: StatementTable.layerNames)
    }
}
