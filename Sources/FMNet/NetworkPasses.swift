import FMTensor

/// The network's forward and backward passes over its reused buffers.
extension Network {
    /// Forward pass over `batch` examples already in `outputs[0]`, keeping every layer's output
    /// for backward. Returns the logits `outputs[L]`.
    @discardableResult
    func forwardKeeping(batch: Int, context: inout PassContext) -> UnsafeMutablePointer<Float> {
        for i in 1..<outputs.count { outputs[i].reserve(batch * sizes[i]) }
        for (i, layer) in layers.enumerated() {
            layer.forward(outputs[i].pointer, into: outputs[i + 1].pointer, batch: batch, context: &context)
        }
        return outputs[layers.count].pointer
    }

    /// Backward from `gradients[L]` (∂loss/∂logits, already written), filling parameter
    /// gradients. With `inputGradient`, through every layer down to `gradients[0]` (∂loss/∂input);
    /// otherwise only as far as the first layer with trainable parameters.
    func backward(batch: Int, context: PassContext, inputGradient: Bool = false) {
        let lowest = inputGradient ? 0 : firstTrainable
        for i in 0..<gradients.count where i > lowest || inputGradient { gradients[i].reserve(batch * sizes[i]) }
        for i in stride(from: layers.count, through: lowest + 1, by: -1) {
            let dx: UnsafeMutablePointer<Float>? = i - 1 > lowest || inputGradient ? gradients[i - 1].pointer : nil
            layers[i - 1].backward(x: outputs[i - 1].pointer, y: outputs[i].pointer, dy: gradients[i].pointer,
                                   dx: dx, batch: batch, context: context)
        }
    }

    /// Inference forward of `batch` examples read from `input` through the first `upTo` layers,
    /// alternating between two buffers. Returns the last output (the input itself if `upTo` is 0).
    ///
    /// A small-patch conv (the first layer on grey images: its output is the widest tensor of
    /// the network, 200 KB an image, and cheap to compute) followed by a max pool runs as a pair
    /// over blocks of images whose conv output fits in about 1 MB, so the pool reads it from the
    /// cache instead of from memory (each example's result is independent of the others'
    /// in inference, so blocks give the same values).
    func forwardInference(_ input: UnsafePointer<Float>, batch: Int, upTo: Int) -> UnsafePointer<Float> {
        var context = PassContext(training: false, rng: SeededRandom(seed: 0), keepsForBackward: false)
        var current = input
        let last = min(upTo, layers.count)
        // Each layer writes the buffer that does not hold its input; a flatten writes nothing.
        let buffers = [ping, pong]
        var which = 0
        var i = 0
        while i < last {
            if layers[i] is FlattenLayer { i += 1; continue }
            let out = buffers[which]
            out.reserve(batch * sizes[i + 1])
            if i + 1 < last, let conv = layers[i] as? Conv2DLayer, conv.fusesSmallPatch, layers[i + 1] is MaxPoolLayer {
                // The pool may write the buffer holding the conv's input, block by block behind the
                // conv (the pool's output is smaller than the conv's input: it never overtakes it).
                let pooled = buffers[which ^ 1]
                pooled.reserve(batch * sizes[i + 2])
                let block = max(1, (1 << 18) / max(sizes[i + 1], 1))
                var start = 0
                while start < batch {
                    let b = min(block, batch - start)
                    let mid = out.pointer + start * sizes[i + 1]
                    layers[i].forward(current + start * sizes[i], into: mid, batch: b, context: &context)
                    layers[i + 1].forward(mid, into: pooled.pointer + start * sizes[i + 2], batch: b, context: &context)
                    start += b
                }
                current = UnsafePointer(pooled.pointer)
                i += 2
                continue
            }
            layers[i].forward(current, into: out.pointer, batch: batch, context: &context)
            current = UnsafePointer(out.pointer)
            which ^= 1
            i += 1
        }
        return current
    }

    /// Copies examples `order[0..<batch]` of `images` into `outputs[0]` as floats (bytes are
    /// converted on the way, so the copy costs nothing extra).
    func gatherBatch(_ images: Examples, order: UnsafePointer<Int>, batch: Int) {
        outputs[0].reserve(batch * sizes[0])
        images.gather(order, count: batch, into: outputs[0].pointer)
    }
}

/// Loss and accuracy of a network on labelled images, in inference mode. Works for any model
/// whose output is a class vector; labels outside the classes are not counted (use `Trainer`
/// or `evaluate(network:…)`'s checks first).
public func evaluate(network: Network, images: Examples, labels: [Int32], batchSize: Int = 256) -> (loss: Double, accuracy: Double) {
    (try? network.checkedEvaluate(images: images, labels: labels, batchSize: batchSize)) ?? (.nan, .nan)
}

extension Network {
    /// Mean sparse categorical cross-entropy and accuracy; throws on mismatched images or labels.
    public func checkedEvaluate(images: Examples, labels: [Int32], batchSize: Int = 256) throws -> (loss: Double, accuracy: Double) {
        let n = try checkLabelled(images: images, labels: labels, operation: "evaluate")
        guard n > 0 else { return (.nan, .nan) }
        let classes = outputShape[0]
        var lossSum = 0.0, correct = 0
        labels.withUnsafeBufferPointer { lab in
            guard let l = lab.baseAddress else { return }
            forEachInferenceChunk(images, count: n, batchSize: batchSize) { start, b, logits in
                let r = Kernels.softmaxCrossEntropy(logits: logits, labels: l + start, rows: b, cols: classes, gradient: nil)
                lossSum += r.lossSum; correct += r.correct
            }
        }
        return (lossSum / Double(n), Double(correct) / Double(n))
    }

    /// Checks images against the input, labels against their count and the classes; returns N.
    func checkLabelled(images: Examples, labels: [Int32], operation: String) throws -> Int {
        let n = try exampleCount(images, operation: operation)
        guard let classes else { throw ModelError.outputNotClasses(shape: outputShape) }
        guard labels.count == n else { throw ModelError.labelCount(operation: operation, images: n, labels: labels.count) }
        if let bad = labels.firstIndex(where: { $0 < 0 || Int($0) >= classes }) {
            throw ModelError.labelOutOfRange(operation: operation, index: bad, label: Int(labels[bad]), classes: classes)
        }
        return n
    }
}
