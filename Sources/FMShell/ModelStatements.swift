import Foundation
import FMLanguage
import FMNet
import FMStore

extension Interpreter {
    func modelEntry(_ name: String, at word: Word) throws -> ModelEntry {
        guard let m = state.models[name] else {
            throw unknown("model", name, among: state.modelOrder, firstHint: "make one with `model NAME input=28x28`", at: word)
        }
        return m
    }

    /// The model named by the next word, or the current model when there is none.
    func targetModel(_ args: inout Arguments, _ st: Statement) throws -> ModelEntry {
        if let w = args.peek(), case let .name(n) = w.value, state.models[n] != nil || !["on", "to"].contains(n) {
            _ = args.next()
            return try modelEntry(n, at: w)
        }
        return try currentModel(st)
    }

    func currentModel(_ st: Statement) throws -> ModelEntry {
        guard let name = state.currentModel, let m = state.models[name] else {
            throw ShellError("no current model; make one with `model NAME input=28x28`", at: st.keyword)
        }
        return m
    }

    func model(_ st: Statement) throws {
        var args = Arguments(st)
        let (name, _) = try args.name("a name for the model")
        try args.finish()
        guard let inputOption = st.option("input") else {
            throw args.missing("`input=SHAPE`, e.g. `input=28x28` for a dense network or `input=28x28x1` for a CNN")
        }
        let input: [Int]
        switch inputOption.value.value {
        case let .shape(s): input = s
        case let .number(n) where n == n.rounded() && n > 0: input = [Int(n)]
        default: throw ShellError("`input` must be a shape such as 28x28", at: inputOption)
        }
        guard input.allSatisfy({ $0 > 0 }), (1...3).contains(input.count) else {
            throw ShellError("`input` must have 1 to 3 sides above 0, got \(inputOption.value.text)", at: inputOption)
        }
        let replaced = state.models[name] != nil
        let entry = ModelEntry(name: name, spec: ModelSpec(inputShape: input))
        state.setModel(entry)
        state.currentModel = name
        persistModel(entry)
        persistCurrentModel()
        output.result("model", [("model", .string(name)), ("input", .ints(input)), ("replaced", .bool(replaced))])
        output.text("\(replaced ? "replaced" : "new") model \(name), input \(shapeText(input))")
    }

    func add(_ st: Statement) throws {
        var args = Arguments(st)
        let (kind, kindWord) = try args.name("a layer: " + StatementTable.layerNames.joined(separator: ", "))
        var numbers: [Word] = [], shapes: [Word] = [], names: [Word] = []
        var target: ModelEntry?
        while let w = args.next() {
            switch w.value {
            case .name("to"):
                let (n, nw) = try args.name("a model name after `to`")
                target = try modelEntry(n, at: nw)
                try args.finish()
            case .number: numbers.append(w)
            case .shape: shapes.append(w)
            case .name: names.append(w)
            default: throw ShellError("unexpected `\(w.text)` in a layer", at: w)
            }
        }
        let entry = try target ?? currentModel(st)
        let layer = try LayerBuilder(kind: kind, kindWord: kindWord, numbers: numbers, shapes: shapes, names: names, statement: st).build()
        do {
            try entry.spec.append(layer)
        } catch {
            throw ShellError("cannot add \(kind) to \(entry.name): \(error)", at: kindWord)
        }
        let wasTrained = entry.network != nil
        entry.resetTraining()
        persistModel(entry)
        let shapes2 = (try? entry.spec.outputShapes()) ?? []
        let out = shapes2.last.map(shapeText) ?? "?"
        output.result("add", [("model", .string(entry.name)), ("type", .string(layer.kind)), ("output_shape", .ints(shapes2.last ?? [])),
                              ("params", .int(entry.spec.parameterCount)), ("weights_reset", .bool(wasTrained))])
        output.text("\(entry.name): \(layer.kind) → \(out)" + (wasTrained ? " (weights reset: the architecture changed)" : ""))
    }

    func pop(_ st: Statement) throws {
        var args = Arguments(st)
        let entry = try targetModel(&args, st)
        try args.finish()
        guard let last = entry.spec.layers.popLast() else {
            throw ShellError("\(entry.name) has no layers to remove", at: st.keyword)
        }
        entry.resetTraining()
        persistModel(entry)
        output.result("pop", [("model", .string(entry.name)), ("removed", .string(last.kind)), ("layers", .int(entry.spec.layers.count))])
        output.text("\(entry.name): removed \(last.kind); \(entry.spec.layers.count) layers left")
    }

    func use(_ st: Statement) throws {
        var args = Arguments(st)
        let (name, word) = try args.name("a model name")
        try args.finish()
        _ = try modelEntry(name, at: word)
        state.currentModel = name
        persistCurrentModel()
        output.result("use", [("model", .string(name))])
        output.text("current model: \(name)")
    }

    func summary(_ st: Statement) throws {
        var args = Arguments(st)
        let entry = try targetModel(&args, st)
        try args.finish()
        let flops = st.bool("flops") ?? false
        let spec = entry.spec
        let shapes = try located(at: st.keyword) { try spec.outputShapes() }
        var input = spec.inputShape
        var rows: [[String]] = []
        var layers: [JSONValue] = []
        let fields = spec.receptiveFields()
        var totalFlops = 0
        for (i, layer) in spec.layers.enumerated() {
            let params = layer.parameterCount(for: input)
            let f = layer.flops(for: input)
            totalFlops += f
            var row = ["\(layer.kind)_\(i + 1) (\(layer.kind))", "(None, " + shapes[i].map(String.init).joined(separator: ", ") + ")", Table.thousands(params)]
            var obj: [(String, JSONValue)] = [("type", .string(layer.kind)), ("output_shape", .ints(shapes[i])), ("params", .int(params))]
            if flops {
                let rf = i < fields.count ? fields[i] : 0
                row += [Table.thousands(f), "\(rf)x\(rf)"]
                obj += [("flops", .int(f)), ("receptive_field", .int(rf))]
            }
            rows.append(row)
            layers.append(.object(obj))
            input = shapes[i]
        }
        let total = spec.parameterCount
        var result: [(String, JSONValue)] = [("model", .string(entry.name)), ("total_params", .int(total)), ("layers", .array(layers))]
        if flops { result.append(("flops_per_image", .int(totalFlops))) }
        output.result("summary", result)
        var header = ["Layer (type)", "Output Shape", "Param #"]
        if flops { header += ["FLOPs", "Receptive field"] }
        var text = "Model: \"\(entry.name)\"  input \(shapeText(spec.inputShape))\n"
        text += Table.render(header: header, rows: rows, rightAligned: flops ? [2, 3] : [2]) + "\n"
        text += "Total params: \(Table.thousands(total))"
        if flops { text += "\nFLOPs per image (forward): \(Table.thousands(totalFlops))" }
        output.text(text)
    }

    func listModels(_ st: Statement) throws {
        try Arguments(st).finish()
        if state.modelOrder.isEmpty { output.text("no models; make one with `model NAME input=28x28`") }
        var rows: [[String]] = []
        for name in state.modelOrder {
            guard let m = state.models[name] else { continue }
            output.result("models", [("model", .string(name)), ("layers", .int(m.spec.layers.count)), ("params", .int(m.spec.parameterCount)),
                                     ("epochs", .int(m.epochs)), ("best_val_accuracy", .optional(m.bestValAccuracy))])
            rows.append([(name == state.currentModel ? "* " : "  ") + name, String(m.spec.layers.count), Table.thousands(m.spec.parameterCount),
                         String(m.epochs), Table.percent(m.bestValAccuracy), m.compile.map { $0.optimizer.rawValue } ?? "—"])
        }
        if !rows.isEmpty {
            output.text(Table.render(header: ["  model", "layers", "params", "epochs", "best val acc", "optimizer"], rows: rows, rightAligned: [1, 2, 3, 4]))
        }
    }

    func compile(_ st: Statement) throws {
        var args = Arguments(st)
        let entry = try targetModel(&args, st)
        try args.finish()
        var c = CompileSpec()
        if let o = st.name("optimizer"), let k = OptimizerKind(rawValue: o) { c.optimizer = k }
        if let o = st.option("lr") {
            guard let lr = o.value.double, lr > 0 else { throw ShellError("`lr` must be a number above 0", at: o) }
            c.learningRate = lr
        }
        if let m = st.double("momentum") { c.momentum = m }
        if let b = st.double("beta1") { c.beta1 = b }
        if let b = st.double("beta2") { c.beta2 = b }
        if let e = st.double("epsilon") { c.epsilon = e }
        if let l = st.name("loss") { c.loss = l }
        entry.compile = c
        if let network = entry.network { entry.trainer = Trainer(network: network, compile: c) }
        persistModel(entry)
        output.result("compile", [("model", .string(entry.name)), ("optimizer", .string(c.optimizer.rawValue)), ("lr", .double(c.learningRate)), ("loss", .string(c.loss))])
        output.text("\(entry.name): \(c.optimizer.rawValue) lr=\(c.learningRate), loss=\(c.loss)")
    }

    func shapeText(_ s: [Int]) -> String { s.map(String.init).joined(separator: "x") }

    /// Queues the model's whole record (architecture, settings, weights, optimiser state).
    func persistModel(_ entry: ModelEntry) {
        guard let record = try? ModelCodec.record(for: entry) else { return }
        persist { try $0.saveModel(record) }
    }

    func persistCurrentModel() {
        let current = state.currentModel ?? ""
        persist { try $0.setValue(current, forKey: "current_model") }
    }
}
