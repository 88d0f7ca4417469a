import Dispatch
import FMTensor

extension Trainer {
    /// Trains for `config.epochs` epochs (see `TrainConfig`). On interruption the network and
    /// optimiser are put back to the end of the last completed epoch. `keepBest` restores the
    /// weights of the epoch with the lowest val_loss at the end. `epochImages(e)` (optional)
    /// supplies epoch e's training images (augmentation), same shape as `images`.
    /// Throws `ModelError` when images, labels or configuration do not fit (nothing is trained
    /// then), or when `epochImages` returns another shape (the epochs before it are kept).
    public func fit(images: Examples, labels: [Int32], validation: (images: Examples, labels: [Int32])?,
                    config: TrainConfig, rng: inout SeededRandom, epochImages: ((Int) -> Examples)? = nil,
                    monitor: TrainingMonitor? = nil) throws -> TrainingResult {
        guard compile.loss == "sparse_categorical_crossentropy" else {
            throw ModelError.invalidTraining(reason: "train: loss \(compile.loss) is not supported; use sparse_categorical_crossentropy")
        }
        let n = try network.checkLabelled(images: images, labels: labels, operation: "train")
        if let v = validation { _ = try network.checkLabelled(images: v.images, labels: v.labels, operation: "validation") }
        guard n > 0 else { throw ModelError.invalidTraining(reason: "train: there are no training images") }
        guard config.batchSize > 0 else { throw ModelError.invalidTraining(reason: "train: batch size must be at least 1, got \(config.batchSize)") }
        guard (0...1).contains(config.labelSmoothing) else {
            throw ModelError.invalidTraining(reason: "train: label smoothing must lie in 0...1, got \(config.labelSmoothing)")
        }
        guard config.epochs >= 0 else { throw ModelError.invalidTraining(reason: "train: epochs must not be negative, got \(config.epochs)") }

        // The pool's threads flush denormals to zero; so does this one while it trains.
        let floatControl = Processor.flushDenormals()
        defer { Processor.restoreFloatControl(floatControl) }
        var cores = CoreChoice()
        defer { cores.finish() }
        let batch = min(config.batchSize, n), steps = (n + batch - 1) / batch
        let classes = network.outputShape[0], L = network.layers.count
        var order = Array(0..<n)
        var batchLabels = [Int32](repeating: 0, count: batch)
        let stepUpdate = StepUpdate(slots: slots, parameters: trainable)
        var context = PassContext(training: true, rng: rng)
        context.update = stepUpdate
        defer { rng = context.rng }

        var history: [EpochStats] = []
        var lastEpochEnd = snapshot()
        var best: (epoch: Int, loss: Double, weights: Snapshot?)? = nil
        var sinceImprovement = 0
        var end = TrainingEnd.completed
        guard config.epochs > 0 else { return TrainingResult(history: [], end: .completed, restoredBestEpoch: nil) }

        epochs: for epoch in 1...config.epochs {
            let started = DispatchTime.now().uptimeNanoseconds
            let data = epochImages?(epoch) ?? images
            guard data.shape == images.shape else {
                throw ModelError.imageShape(operation: "train (epoch \(epoch) images)", expected: images.shape, actual: data.shape)
            }
            if config.shuffle {
                for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(context.rng.next() % UInt64(i + 1))) }
            }
            monitor?.epochBegan(epoch: epoch, steps: steps)
            var lossSum = 0.0, correct = 0, seen = 0
            for step in 1...steps {
                cores.beginStep()
                defer { cores.endStep() }
                let start = (step - 1) * batch, b = min(batch, n - start)
                order.withUnsafeBufferPointer { o in
                    if let ob = o.baseAddress { network.gatherBatch(data, order: ob + start, batch: b) }
                }
                for i in 0..<b { batchLabels[i] = labels[order[start + i]] }
                let logits = network.forwardKeeping(batch: b, context: &context)
                if step < steps {   // the next batch's images arrive while this one trains
                    order.withUnsafeBufferPointer { o in
                        if let ob = o.baseAddress { data.prefetch(ob + start + b, count: min(batch, n - start - b)) }
                    }
                }
                network.gradients[L].reserve(b * classes)
                let r = batchLabels.withUnsafeBufferPointer { lab -> (lossSum: Double, correct: Int) in
                    guard let l = lab.baseAddress else { return (0, 0) }
                    return Kernels.softmaxCrossEntropy(logits: logits, labels: l, rows: b, cols: classes,
                                                       gradient: network.gradients[L].pointer, smoothing: config.labelSmoothing)
                }
                optimizerStep += 1
                stepUpdate.begin(step: optimizerStep)
                network.backward(batch: b, context: context)
                stepUpdate.applyRest()
                lossSum += r.lossSum; correct += r.correct; seen += b
                monitor?.stepEnded(epoch: epoch, step: step, steps: steps, loss: lossSum / Double(seen), accuracy: Double(correct) / Double(seen))
                if monitor?.stopRequested == true {
                    restore(lastEpochEnd)
                    end = .interrupted(epoch: epoch, step: step, steps: steps)
                    break epochs
                }
            }
            cores.finish()
            var stats = EpochStats(epoch: epoch, seconds: 0, loss: lossSum / Double(seen), accuracy: Double(correct) / Double(seen))
            if let v = validation {
                let e = evaluate(images: v.images, labels: v.labels)
                stats.valLoss = e.loss; stats.valAccuracy = e.accuracy
            }
            stats.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            history.append(stats)
            lastEpochEnd = snapshot()
            monitor?.epochEnded(stats)

            let watched = stats.valLoss ?? stats.loss
            if watched < best?.loss ?? .infinity {
                best = (epoch, watched, config.keepBest ? snapshot(includeOptimizer: false) : nil)
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
            }
            if let target = config.stopAtAccuracy, stats.accuracy >= target { end = .reachedTarget(epoch: epoch); break }
            if let p = config.patience, sinceImprovement >= max(p, 1) { end = .earlyStopped(epoch: epoch); break }
        }

        var restoredBest: Int? = nil
        if config.keepBest, let best, let weights = best.weights {
            restore(weights, includeOptimizer: false)
            restoredBest = best.epoch
        }
        return TrainingResult(history: history, end: end, restoredBestEpoch: restoredBest)
    }
}
