import Foundation
import FMLanguage
import FMNet
import FMStore

extension Interpreter {
    func modelEntry(_ name: ModelName) throws -> ModelEntry {
        guard let m = state.models[name.value] else {
            throw ShellError(.unknown(kind: "model", name: name.value, suggestion: suggestion(for: name.value, among: state.modelOrder),
                                      firstHint: state.modelOrder.isEmpty ? "make one with `model NAME input=28x28`" : nil), at: name.span)
        }
        return m
    }

    /// The model named, or the current model when the statement names none.
    func targetModel(_ name: ModelName?) throws -> ModelEntry {
        if let name { return try modelEntry(name) }
        guard let current = state.currentModel, let m = state.models[current] else { throw ShellError(.noCurrentModel, at: keywordSpan) }
        return m
    }

    /// The models named, or the current one when there are none.
    func models(_ names: [ModelName]) throws -> [ModelEntry] {
        names.isEmpty ? [try targetModel(nil)] : try names.map(modelEntry)
    }

    /// The models named, or every model when there are none.
    func modelsOrAll(_ names: [ModelName]) throws -> [ModelEntry] {
        names.isEmpty ? state.modelOrder.compactMap { state.models[$0] } : try names.map(modelEntry)
    }

    /// A new name of a model, dataset or session: short and plain (`NameRules`).
    func checkName(_ name: Located<String>) throws {
        if let e = NameRules.check(name.value) { throw ShellError(.module(e), at: name.span) }
    }

    /// What this machine (or `FM_MEMORY`) lets a model use, checked before anything is allocated.
    func checkMemory(_ spec: ModelSpec, for use: MemoryUse) throws {
        try located(at: keywordSpan) {
            try spec.checkMemory(for: use, budget: try MemoryBudget.current(environment: environment))
        }
    }

    func model(_ c: ModelDefinition) throws {
        try checkName(c.name)
        let name = c.name.value
        let replaced = state.models[name] != nil
        let entry = ModelEntry(name: name, spec: ModelSpec(inputShape: c.input))
        state.setModel(entry)
        state.currentModel = name
        persistModel(entry)
        persistCurrentModel()
        output.result("model", [("model", .string(name)), ("input", .ints(c.input)), ("replaced", .bool(replaced))])
        output.text("\(replaced ? "replaced" : "new") model \(name), input \(shapeText(c.input))")
    }

    func add(_ c: Add) throws {
        let entry = try targetModel(c.target)
        let layer = LayerSpec(c.layer)
        var grown = entry.spec
        do {
            try grown.append(layer)
        } catch let e as ModelError {
            throw ShellError(.cannotAdd(layer: c.layer.kind, model: entry.name, reason: e), at: c.layerSpan)
        }
        do {
            try grown.checkMemory(for: .parameters, budget: try MemoryBudget.current(environment: environment))
        } catch {
            throw ShellError(.module(error), at: c.layerSpan)
        }
        entry.spec = grown
        let wasTrained = entry.hasWeights
        entry.resetTraining()
        persistModel(entry)
        let shapes = (try? entry.spec.outputShapes()) ?? []
        let out = shapes.last.map(shapeText) ?? "?"
        output.result("add", [("model", .string(entry.name)), ("type", .string(layer.kind)), ("output_shape", .ints(shapes.last ?? [])),
                              ("params", .int(entry.spec.parameterCount)), ("weights_reset", .bool(wasTrained))])
        output.text("\(entry.name): \(layer.kind) → \(out)" + (wasTrained ? " (weights reset: the architecture changed)" : ""))
    }

    func pop(_ c: ModelTarget) throws {
        let entry = try targetModel(c.model)
        guard let last = entry.spec.layers.popLast() else { throw ShellError(.nothingToRemove(model: entry.name), at: keywordSpan) }
        entry.resetTraining()
        persistModel(entry)
        output.result("pop", [("model", .string(entry.name)), ("removed", .string(last.kind)), ("layers", .int(entry.spec.layers.count))])
        output.text("\(entry.name): removed \(last.kind); \(entry.spec.layers.count) layers left")
    }

    func use(_ name: ModelName) throws {
        _ = try modelEntry(name)
        state.currentModel = name.value
        persistCurrentModel()
        output.result("use", [("model", .string(name.value))])
        output.text("current model: \(name.value)")
    }

    func summary(_ c: Summary) throws {
        let entry = try targetModel(c.model)
        let flops = c.flops
        let spec = entry.spec
        let shapes = try located(at: keywordSpan) { try spec.outputShapes() }
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
        keepSummary(entry, flops: flops)
        var header = ["Layer (type)", "Output Shape", "Param #"]
        if flops { header += ["FLOPs", "Receptive field"] }
        var text = "Model: \"\(entry.name)\"  input \(shapeText(spec.inputShape))\n"
        text += Table.render(header: header, rows: rows, rightAligned: flops ? [2, 3] : [2]) + "\n"
        text += "Total params: \(Table.thousands(total))"
        if flops { text += "\nFLOPs per image (forward): \(Table.thousands(totalFlops))" }
        output.text(text)
    }

    func listModels() {
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

    func compile(_ c: Compile) throws {
        let entry = try targetModel(c.model)
        var spec = CompileSpec()
        spec.optimizer = OptimizerKind(c.optimizer)
        spec.learningRate = c.learningRate
        spec.momentum = c.momentum
        spec.beta1 = c.beta1
        spec.beta2 = c.beta2
        spec.epsilon = c.epsilon
        spec.loss = c.loss
        entry.compile = spec
        try located(at: keywordSpan) { try materialize(entry) }
        if let network = entry.network { entry.trainer = Trainer(network: network, compile: spec) }
        persistModel(entry)
        output.result("compile", [("model", .string(entry.name)), ("optimizer", .string(spec.optimizer.rawValue)), ("lr", .double(spec.learningRate)), ("loss", .string(spec.loss))])
        output.text("\(entry.name): \(spec.optimizer.rawValue) lr=\(spec.learningRate), loss=\(spec.loss)")
    }

    /// Queues the model's whole record (architecture, settings, weights, optimiser state).
    func persistModel(_ entry: ModelEntry) {
        // A record written before the stored weights are built would replace them with none.
        guard (try? materialize(entry)) != nil, let record = try? ModelCodec.record(for: entry) else { return }
        persist { try $0.saveModel(record) }
    }

    func persistCurrentModel() {
        let current = state.currentModel ?? ""
        persist { try $0.setValue(current, forKey: "current_model") }
    }
}
