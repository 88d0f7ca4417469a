import Foundation
import FMLanguage
import FMTensor
import FMNet
import FMData
import FMStore

extension Interpreter {
    /// The model's network, built with fresh weights from the session's generator when needed.
    func network(of entry: ModelEntry, at word: Word) throws -> Network {
        if let n = entry.network { return n }
        guard !entry.spec.layers.isEmpty else { throw ShellError("\(entry.name) has no layers; add some with `add`", at: word) }
        let shapes = try located(at: word) { try entry.spec.outputShapes() }
        guard let out = shapes.last, out.count == 1 else {
            throw ShellError("\(entry.name) ends in shape \(shapeText(shapes.last ?? [])); a classifier ends in one dimension (add flatten or globalavgpool, then dense 10 softmax)", at: word)
        }
        let n = try located(at: word) { try Network(spec: entry.spec, rng: &state.rng) }
        entry.network = n
        return n
    }

    /// The dataset's images shaped for the model's input, checked.
    func inputs(_ d: Dataset, for entry: ModelEntry, dataName: String, at word: Word) throws -> Examples {
        let per = entry.spec.inputShape.reduce(1, *)
        guard d.height * d.width == per else {
            throw ShellError("\(entry.name) takes \(shapeText(entry.spec.inputShape)) images but \(dataName) has \(d.height)x\(d.width)", at: word)
        }
        return try located(at: word) { try d.images.reshaped([d.count] + entry.spec.inputShape) }
    }

    func checkLabels(_ d: Dataset, for network: Network, dataName: String, at word: Word) throws {
        let classes = (try? network.spec.outputShapes().last?.first) ?? nil ?? 0
        if let bad = d.labels.first(where: { Int($0) >= classes }) {
            throw ShellError("\(dataName) has label \(bad) but the model has \(classes) outputs", at: word)
        }
    }

    func train(_ st: Statement) throws {
        var args = Arguments(st)
        let entry = try targetModel(&args, st)
        try args.finish()
        let onName = st.name("on") ?? "train"
        let onWord = st.option("on")?.value ?? st.keyword
        var data = try datasetEntry(onName, at: onWord).dataset
        if let n = try st.positiveInt("limit"), n < data.count { data = data.prefix(n) }
        var validation: (images: Examples, labels: [Int32])?
        if let o = st.option("validation"), let vName = o.value.name {
            let v = try datasetEntry(vName, at: o.value).dataset
            validation = (try inputs(v, for: entry, dataName: vName, at: o.value), v.labels)
        }
        let x = try inputs(data, for: entry, dataName: onName, at: onWord)
        let network = try network(of: entry, at: st.keyword)
        try checkLabels(data, for: network, dataName: onName, at: onWord)
        if data.labels.contains(where: { $0 < 0 }) { throw ShellError("\(onName) has unlabelled images; train on a labelled dataset", at: onWord) }
        let trainer = entry.trainer ?? Trainer(network: network, compile: entry.compile ?? CompileSpec())
        entry.trainer = trainer
        if entry.compile == nil { entry.compile = CompileSpec() }

        var config = TrainConfig()
        config.epochs = try st.positiveInt("epochs") ?? 1
        config.batchSize = try st.positiveInt("batch") ?? 32
        config.shuffle = st.bool("shuffle") ?? true
        config.stopAtAccuracy = st.double("stop_at")
        config.keepBest = st.name("keep") == "best"
        config.patience = try st.positiveInt("patience")
        if config.keepBest && validation == nil, let o = st.option("keep") {
            throw ShellError("`keep=best` needs `validation=DATASET` to know which epoch was best", at: o)
        }
        var epochImages: ((Int) -> Examples)?
        if let o = st.option("augment") {
            guard let text = o.value.name, let shift = Augment.parse(text), shift > 0 else {
                throw ShellError("`augment` takes shift:N, e.g. augment=shift:2", at: o)
            }
            var augmentRNG = state.rng.split()
            let shape = x.shape
            epochImages = { _ in
                let shifted = Augment.randomShifts(data.images, maxShift: shift, rng: &augmentRNG)
                return (try? shifted.reshaped(shape)) ?? x
            }
        }

        let before = entry.epochs
        let progress = TrainingProgress(output: output, model: entry.name, firstEpoch: before, totalEpochs: config.epochs) { [weak self] stats in
            entry.history.append(stats)
            entry.trainingSeconds += stats.seconds
            self?.checkpoint(entry, stats)
        }
        let result = try located(at: st.keyword) {
            try trainer.fit(images: x, labels: data.labels, validation: validation, config: config, rng: &state.rng,
                            epochImages: epochImages, monitor: progress)
        }
        persistModel(entry)   // the final weights (the best epoch's with keep=best)
        switch result.end {
        case let .interrupted(epoch, step, steps):
            progress.finishLine()
            let kept = entry.epochs - before
            let keptText = kept == 1 ? "epoch \(entry.epochs) kept" : kept > 1 ? "epochs \(before + 1)–\(entry.epochs) kept" : "no epoch of this run completed"
            // Replaying the session should rebuild what was kept: the completed epochs only.
            let replay = kept > 0 ? Interpreter.withOption(st.text, "epochs", value: String(kept)) : nil
            throw Interrupted(message: "stopped in epoch \(before + epoch) at step \(step)/\(steps); \(keptText)", transcript: replay)
        case .completed:
            break
        case let .reachedTarget(epoch):
            output.result("train_end", [("model", .string(entry.name)), ("reason", .string("stop_at")), ("epoch", .int(before + epoch))])
            output.text("\(entry.name): training accuracy reached \(config.stopAtAccuracy ?? 0) in epoch \(before + epoch); stopped")
        case let .earlyStopped(epoch):
            output.result("train_end", [("model", .string(entry.name)), ("reason", .string("patience")), ("epoch", .int(before + epoch))])
            output.text("\(entry.name): val_loss did not improve for \(config.patience ?? 0) epochs; stopped after epoch \(before + epoch)")
        }
        if let best = result.restoredBestEpoch {
            output.result("train_end", [("model", .string(entry.name)), ("reason", .string("keep_best")), ("epoch", .int(before + best))])
            output.text("\(entry.name): kept the weights of epoch \(before + best) (lowest val_loss)")
        }
    }

    /// `text` with option `key` set to `value` (replaced when present, appended otherwise).
    static func withOption(_ text: String, _ key: String, value: String) -> String {
        let pattern = "(^|\\s)\(key)=\\S+"
        if let range = text.range(of: pattern, options: .regularExpression) {
            let prefix = text[range].hasPrefix(" ") || text[range].hasPrefix("\t") ? String(text[range].prefix(1)) : ""
            return text.replacingCharacters(in: range, with: "\(prefix)\(key)=\(value)")
        }
        return text + " \(key)=\(value)"
    }

    /// Commits one finished epoch (its figures, weights and optimiser state) at once.
    func checkpoint(_ entry: ModelEntry, _ s: EpochStats) {
        guard let session = sessionStore else { return }
        let record = EpochRecord(model: entry.name, epoch: s.epoch, seconds: s.seconds, loss: s.loss, accuracy: s.accuracy,
                                 valLoss: s.valLoss, valAccuracy: s.valAccuracy)
        do {
            if (try session.models().contains { $0.name == entry.name }) == false, let r = try? ModelCodec.record(for: entry) {
                try session.saveModel(r)
            }
            try session.recordEpoch(record, weights: ModelCodec.weightsBlob(entry) ?? Data(),
                                    optimizerState: ModelCodec.optimizerBlob(entry) ?? Data(), trainingSeconds: entry.trainingSeconds)
        } catch {
            output.error("warning: could not store epoch \(s.epoch) of \(entry.name): \(error)")
        }
    }

    func seed(_ st: Statement) throws {
        var args = Arguments(st)
        let (n, w) = try args.int("a seed")
        try args.finish()
        guard n >= 0 else { throw ShellError("the seed must be 0 or more", at: w) }
        state.rng = SeededRandom(seed: UInt64(n))
        state.seed = UInt64(n)
        persist { try $0.setValue(String(n), forKey: "seed") }
        output.result("seed", [("seed", .int(n))])
        output.text("seed \(n)")
    }
}
