import Foundation
import FMLanguage
import FMTensor
import FMNet
import FMData
import FMStore

extension Interpreter {
    /// The model's network, built with fresh weights from the session's generator when needed.
    func network(of entry: ModelEntry, at span: Span) throws -> Network {
        try located(at: span) { try materialize(entry) }
        if let n = entry.network { return n }
        guard !entry.spec.layers.isEmpty else { throw ShellError(.noLayers(model: entry.name), at: span) }
        let shapes = try located(at: span) { try entry.spec.outputShapes() }
        guard let out = shapes.last, out.count == 1 else { throw ShellError(.notAClassifier(model: entry.name, shape: shapes.last ?? []), at: span) }
        let n = try located(at: span) { try Network(spec: entry.spec, rng: &state.rng) }
        entry.network = n
        return n
    }

    /// The dataset's images shaped for the model's input, checked.
    func inputs(_ d: Dataset, for entry: ModelEntry, dataName: String, at span: Span) throws -> Examples {
        guard d.height * d.width == entry.spec.inputShape.reduce(1, *) else {
            throw ShellError(.inputMismatch(model: entry.name, takes: entry.spec.inputShape, dataset: dataName, height: d.height, width: d.width), at: span)
        }
        return try located(at: span) { try d.images.reshaped([d.count] + entry.spec.inputShape) }
    }

    func checkLabels(_ d: Dataset, for network: Network, dataName: String, at span: Span) throws {
        let classes = network.outputShape.first ?? 0
        if let bad = d.labels.first(where: { Int($0) >= classes }) {
            throw ShellError(.labelOutsideModel(dataset: dataName, label: bad, outputs: classes), at: span)
        }
    }

    func train(_ c: Train) throws {
        let entry = try targetModel(c.model)
        let data = try dataset(c.on).limited(to: c.limit)
        var validation: (images: Examples, labels: [Int32])?
        if let v = c.validation {
            validation = (try inputs(try dataset(v), for: entry, dataName: v.value, at: v.span), try dataset(v).labels)
        }
        let x = try inputs(data, for: entry, dataName: c.on.value, at: c.on.span)
        try checkMemory(entry.spec, for: .training(batchSize: min(c.batch, max(data.count, 1)), compile: entry.compile ?? CompileSpec()))
        let network = try network(of: entry, at: keywordSpan)
        try checkLabels(data, for: network, dataName: c.on.value, at: c.on.span)
        if data.labels.contains(where: { $0 < 0 }) { throw ShellError(.unlabelled(dataset: c.on.value), at: c.on.span) }
        let trainer = entry.trainer ?? Trainer(network: network, compile: entry.compile ?? CompileSpec())
        entry.trainer = trainer
        if entry.compile == nil { entry.compile = CompileSpec() }

        var config = TrainConfig()
        config.epochs = c.epochs
        config.batchSize = c.batch
        config.shuffle = c.shuffle
        config.stopAtAccuracy = c.stopAt
        config.keepBest = c.keep == .best
        config.patience = c.patience
        config.labelSmoothing = Float(c.labelSmoothing)
        var epochImages: ((Int) -> Examples)?
        if let shift = c.augmentShift {
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
        let result = try located(at: keywordSpan) {
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
            var replay = c
            replay.epochs = kept
            throw Interrupted(message: "stopped in epoch \(before + epoch) at step \(step)/\(steps); \(keptText)",
                              replay: kept > 0 ? .train(replay) : nil)
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

    /// Commits one finished epoch (its figures, weights and optimiser state) at once.
    func checkpoint(_ entry: ModelEntry, _ s: EpochStats) {
        guard let session = sessionStore else { return }
        let record = EpochRecord(model: entry.name, epoch: s.epoch, seconds: s.seconds, loss: s.loss, accuracy: s.accuracy,
                                 valLoss: s.valLoss, valAccuracy: s.valAccuracy)
        do {
            if (try session.modelOutlines().contains { $0.record.name == entry.name }) == false, let r = try? ModelCodec.record(for: entry) {
                try session.saveModel(r)
            }
            try session.recordEpoch(record, weights: ModelCodec.weightsBlob(entry) ?? Data(),
                                    optimizerState: ModelCodec.optimizerBlob(entry) ?? Data(), trainingSeconds: entry.trainingSeconds)
        } catch {
            output.error("warning: could not store epoch \(s.epoch) of \(entry.name): \(error)")
        }
    }

    func seed(_ n: UInt64) {
        state.rng = SeededRandom(seed: n)
        state.seed = n
        persist { try $0.setValue(String(n), forKey: "seed") }
        output.result("seed", [("seed", .int(Int(n)))])
        output.text("seed \(n)")
    }
}
