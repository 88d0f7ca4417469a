import Foundation
import FMLanguage
import FMTensor
import FMNet
import FMData
import FMStore
import FMPrompt

extension Interpreter {
    /// Makes `name` the current session, loading what the store holds for it.
    func openSession(_ name: String) throws {
        let fresh = SessionState(name: name)
        guard let store else { state = fresh; return }
        let session = try store.openSession(name)
        if let seed = try session.value(forKey: "seed"), let n = UInt64(seed) { fresh.seed = n }
        if let rng = try session.value(forKey: "rng"), let r = try? JSONDecoder().decode(SeededRandom.self, from: Data(rng.utf8)) {
            fresh.rng = r
        } else if let n = fresh.seed {
            fresh.rng = SeededRandom(seed: n)
        }
        var warnings: [String] = []
        // Datasets are listed from the store's records; their pixels are made when first needed.
        for record in try session.datasets().sorted(by: { $0.createdAt < $1.createdAt }) {
            do {
                let recipe = try JSONDecoder().decode(DatasetRecipe.self, from: Data(record.recipe.utf8))
                fresh.setDataset(record.name, DatasetEntry(recipe: recipe, count: record.count, shape: record.shape, source: record.source))
            } catch {
                warnings.append("dataset \(record.name) could not be read: \(error)")
            }
        }
        for (record, hasWeights) in try session.modelOutlines() {   // in the order they were made
            do {
                fresh.setModel(try ModelCodec.entry(from: record, hasWeights: hasWeights, epochs: try session.epochs(model: record.name)))
                for e in try session.evaluations(model: record.name) { fresh.models[record.name]?.evaluations[e.dataset] = (e.loss, e.accuracy) }
            } catch {
                warnings.append("model \(record.name) could not be read: \(error)")
            }
        }
        if let current = try session.value(forKey: "current_model"), fresh.models[current] != nil { fresh.currentModel = current }
        state = fresh
        sessionStore = session
        for w in warnings { output.error("warning: \(w) (kept in the store)") }
    }

    /// Reads and builds a reopened model's network from the store, the first time a statement
    /// needs it.
    func materialize(_ entry: ModelEntry) throws {
        guard entry.weightsInStore else { return }
        guard let session = sessionStore, let r = try session.model(named: entry.name), let w = r.weights else {
            entry.weightsInStore = false
            return
        }
        try ModelCodec.build(entry, weights: w, optimizerState: r.optimizerState)
    }

    func listSessions() throws {
        guard let store else { output.text("no store (FM_HOME is not writable)"); return }
        var rows: [[String]] = []
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        for s in try store.sessions() {
            output.result("sessions", [("session", .string(s.name)), ("models", .array(s.models.map { .string($0) })),
                                       ("datasets", .array(s.datasets.map { .string($0) })), ("bytes", .int(s.bytes)),
                                       ("last_used", .string(ISO8601DateFormatter().string(from: s.lastUsed)))])
            rows.append([(s.name == state.name ? "* " : "  ") + s.name, s.models.joined(separator: " "), s.datasets.joined(separator: " "),
                         ByteCountFormatter.string(fromByteCount: Int64(s.bytes), countStyle: .file), formatter.string(from: s.lastUsed)])
        }
        output.text(Table.render(header: ["  session", "models", "datasets", "size", "last used"], rows: rows, rightAligned: [3]))
    }

    func switchSession(_ session: Located<String>) throws {
        let name = session.value
        try checkName(session)
        try located(at: session.span) { try openSession(name) }
        output.result("session", [("session", .string(name)), ("models", .array(state.modelOrder.map { .string($0) })), ("datasets", .array(state.datasetOrder.map { .string($0) }))])
        output.text("session \(name): \(state.modelOrder.count) models, \(state.datasetOrder.count) datasets")
    }

    func forget(_ target: Located<String>) throws {
        let name = target.value
        if state.models[name] != nil {
            state.removeModel(name)
            persist { try $0.deleteModel(named: name) }
            persistCurrentModel()
            output.result("forget", [("model", .string(name))])
            output.text("forgot model \(name)")
            return
        }
        guard state.datasets[name] != nil else {
            let known = state.modelOrder + state.datasetOrder
            throw ShellError(.unknown(kind: "model or dataset", name: name, suggestion: suggestion(for: name, among: known),
                                      firstHint: nil), at: target.span)
        }
        var doomed = [name]
        var i = 0
        while i < doomed.count { doomed += state.dependents(of: doomed[i]).filter { !doomed.contains($0) }; i += 1 }
        if doomed.count > 1, output.isTerminal, !output.json {
            let others = doomed.dropFirst().joined(separator: ", ")
            guard confirm("\(others) \(doomed.count == 2 ? "is" : "are") made from \(name) and will go too. Forget them all? [y/N] ") else {
                output.text("kept \(name)")
                return
            }
        }
        for d in doomed {
            state.removeDataset(d)
            persist { try $0.deleteDataset(named: d) }
        }
        output.result("forget", [("datasets", .array(doomed.map { .string($0) }))])
        output.text("forgot " + doomed.joined(separator: ", "))
    }

    private func confirm(_ question: String) -> Bool {
        FileHandle.standardOutput.write(Data(question.utf8))
        guard let answer = Swift.readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    func history(to file: FilePath?) throws {
        let lines = try sessionStore?.transcript() ?? []
        if let file {
            let path = file.value
            let script = "#!/usr/bin/env fm\n# session \(state.name), saved by `history to`: run it to rebuild the session\n" + lines.joined(separator: "\n") + "\n"
            try located(at: file.span) { try Data(script.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) }
            output.result("history", [("file", .string(path)), ("statements", .int(lines.count))])
            output.text("wrote \(lines.count) statements to \(path)")
            return
        }
        for (i, line) in lines.enumerated() {
            output.result("history", [("index", .int(i + 1)), ("text", .string(line))])
            output.text(String(format: "%4d  ", i + 1) + line)
        }
    }

    func runFile(_ file: FilePath) throws {
        let path = file.value
        guard runDepth < 16 else { throw ShellError(.runNesting, at: file.span) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ShellError(.cannotRead(path: path), at: file.span)
        }
        runDepth += 1
        defer { runDepth -= 1 }
        let outerWrites = pendingWrites
        pendingWrites = []
        let outcome = run(SourceFile(name: path, text: text))
        pendingWrites = outerWrites
        switch outcome {
        case .success: return
        case .quit: throw QuitRequest()
        case .interrupted: throw Interrupted(message: "\(path) stopped")
        case .failed: throw AlreadyReported()
        }
    }

    func help(_ topic: Located<String>?) throws {
        guard let topic else { return output.text(StatementTable.standard.helpText()) }
        guard let text = StatementTable.standard.helpText(for: topic.value) else {
            let hint = suggestion(for: topic.value, among: StatementTable.standard.statements.map(\.name))
            throw ShellError(.unknownStatement(name: topic.value, suggestion: hint), at: topic.span)
        }
        output.text(text)
    }

    func note(_ text: String) {
        output.result("note", [("text", .string(text))])
        keepNote(text)
        output.text("noted")
    }
}
