import FMTensor

/// Predictions, intermediate activations and saliency, all in inference mode (moving batchnorm
/// statistics, no dropout). These calls never throw: input that does not fit gives an empty
/// tensor (`[0, …]`); callers that want the reason call `check(images:)` first.
extension Network {
    /// Throws the reason `images` (`[N, H, W]` or `[N, H, W, C]`) does not fit the input.
    public func check(images: Examples) throws { _ = try exampleCount(images, operation: "predict") }

    /// Floats each of the two inference buffers may hold; a requested batch that would need more
    /// runs in smaller chunks (same results), bounding memory during predict and validation.
    /// 1 Mi floats (4 MB): the blog CNN predicts 20 images at a time, as fast as 83 (its GEMMs
    /// stay ≥ 980 rows) with 50 MB less peak memory; dense models keep batches of 256.
    nonisolated(unsafe) public static var inferenceBufferFloats = 1 << 20

    /// Examples per inference chunk for a requested batch size.
    func inferenceChunk(_ batchSize: Int) -> Int {
        let widest = sizes.max() ?? 1
        return max(1, min(batchSize, Network.inferenceBufferFloats / max(widest, 1)))
    }

    /// Runs the inference forward pass over the first `n` examples of `images`, a bounded chunk
    /// at a time, and hands each chunk's logits to `body` (first example, examples, logits).
    /// Byte examples are converted chunk by chunk into `outputs[0]` (training's input buffer,
    /// idle during inference).
    func forEachInferenceChunk(_ images: Examples, count n: Int, batchSize: Int,
                               _ body: (_ start: Int, _ rows: Int, _ logits: UnsafePointer<Float>) -> Void) {
        let chunk = inferenceChunk(batchSize)
        var start = 0
        while start < n {
            let b = min(chunk, n - start)
            images.withFloats(start..<(start + b), scratch: outputs[0]) { x in
                body(start, b, forwardInference(x, batch: b, upTo: layers.count))
            }
            start += b
        }
    }

    /// Class probabilities `[N, classes]` (softmax of the logits), `batchSize` examples at a time.
    public func predict(_ images: Examples, batchSize: Int = 256) -> Tensor {
        let out = outputShape, perOut = sizes[layers.count], cols = out.last ?? 1
        guard let n = try? exampleCount(images, operation: "predict") else { return Tensor(shape: [0] + out) }
        var result = Tensor(shape: [n] + out)
        result.withUnsafeMutableBufferPointer { dst in
            guard let d = dst.baseAddress else { return }
            forEachInferenceChunk(images, count: n, batchSize: batchSize) { start, b, logits in
                Kernels.softmaxRows(logits, d + start * perOut, rows: b * perOut / cols, cols: cols)
            }
        }
        return result
    }

    /// Output of layer `layer` (1-based; 0 gives the input) for a small batch, shaped
    /// `[N] + that layer's output shape`. The last layer of a softmax model gives probabilities.
    public func activations(of images: Examples, upTo layer: Int) -> Tensor {
        guard layer >= 0, layer <= layers.count, let n = try? exampleCount(images, operation: "activations") else {
            return Tensor(shape: [0])
        }
        let shape = layer == 0 ? spec.inputShape : shapes[layer - 1]
        let per = sizes[layer]
        var result = Tensor(shape: [n] + shape)
        images.withFloats(0..<n, scratch: outputs[0]) { base in
            result.withUnsafeMutableBufferPointer { dst in
                guard let d = dst.baseAddress else { return }
                let out = forwardInference(base, batch: n, upTo: layer)
                if layer == layers.count && endsInSoftmax {
                    let cols = shape.last ?? 1
                    Kernels.softmaxRows(out, d, rows: n * per / cols, cols: cols)
                } else {
                    d.update(from: out, count: n * per)
                }
            }
        }
        return result
    }

    /// Saliency: `∂ prob[classIndex] / ∂ input` for one image, shaped like `image`
    /// (`[H, W]`, `[H, W, C]` or with a leading 1). Through the softmax,
    /// `∂p_k/∂z_j = p_k (δ_kj − p_j)`, then back through every layer.
    public func inputGradient(of image: Tensor, classIndex: Int) -> Tensor {
        let batched = image.shape.first == 1 && image.shape.count == spec.inputShape.count + 1 ? image
            : ((try? image.reshaped([1] + image.shape)) ?? image)
        guard let n = try? exampleCount(.floats(batched), operation: "saliency"), n == 1, let classes,
              classIndex >= 0, classIndex < classes else { return Tensor(shape: [0]) }
        var context = PassContext(training: false, rng: SeededRandom(seed: 0))
        outputs[0].reserve(sizes[0])
        batched.withUnsafeBufferPointer { buf in
            if let b = buf.baseAddress { outputs[0].pointer.update(from: b, count: sizes[0]) }
        }
        let logits = forwardKeeping(batch: 1, context: &context)
        let L = layers.count
        gradients[L].reserve(classes)
        let p = gradients[L].pointer
        Kernels.softmaxRows(logits, p, rows: 1, cols: classes)
        let pk = p[classIndex]
        for j in 0..<classes { p[j] = -pk * p[j] }
        p[classIndex] += pk
        backward(batch: 1, context: context, inputGradient: true)
        return Tensor(shape: image.shape, copying: gradients[0].pointer)
    }
}
