import FMTensor

/// The chosen optimiser with one state per trainable parameter, in parameter order.
/// State tensors are named after their parameter: "1.dense.kernel.m", ".v" (adam),
/// ".momentum" (sgd with momentum, rmsprop with momentum), ".velocity" (rmsprop).
enum OptimizerSlots {
    case adam(Adam, [Adam.State])
    case sgd(SGD, [SGD.State])
    case rmsprop(RMSprop, [RMSprop.State])

    init(compile c: CompileSpec, parameters: [Parameter]) {
        let lr = Float(c.learningRate)
        switch c.optimizer {
        case .adam:
            let o = Adam(learningRate: lr, beta1: Float(c.beta1), beta2: Float(c.beta2), epsilon: Float(c.epsilon))
            self = .adam(o, parameters.map { o.makeState(count: $0.count) })
        case .sgd:
            let o = SGD(learningRate: lr, momentum: Float(c.momentum))
            self = .sgd(o, parameters.map { o.makeState(count: $0.count) })
        case .rmsprop:
            let o = RMSprop(learningRate: lr, rho: Float(c.rho), epsilon: Float(c.epsilon), momentum: Float(c.momentum))
            self = .rmsprop(o, parameters.map { o.makeState(count: $0.count) })
        }
    }

    /// One update of every parameter from its current gradient, except those marked `skipping`
    /// (already updated during backward, see `StepUpdate`); `alpha` is `stepSize(step)`.
    /// All parameters' elements, laid end to end, are split over the cores in ONE dispatch (a
    /// dispatch per parameter cost ~10 µs each, several per step of a small network); each worker
    /// runs the element-wise update over the pieces of parameters that fall in its range.
    func apply(to parameters: [Parameter], alpha: Float, skipping: [Bool] = []) {
        let skipped = { (i: Int) in i < skipping.count && skipping[i] }
        var total = 0
        for (i, p) in parameters.enumerated() where !skipped(i) { total += p.count }
        Parallel.forEach(total, costPerItem: 8) { range in
            var offset = 0
            for (i, p) in parameters.enumerated() where !skipped(i) {
                let lo = max(range.lowerBound - offset, 0), hi = min(range.upperBound - offset, p.count)
                offset += p.count
                if lo < hi { update(i, p, alpha: alpha, range: lo..<hi) }
            }
        }
    }

    /// Adam's bias-corrected step size for `step` (unused by the others).
    func stepSize(_ step: Int) -> Float {
        if case let .adam(o, _) = self { return o.stepSize(step) }
        return 0
    }

    /// The update of elements `range` of parameter `i`, on the calling thread.
    @inline(__always)
    func update(_ i: Int, _ p: Parameter, alpha: Float, range: Range<Int>) {
        let v = p.value.pointer, g = UnsafePointer(p.gradient.pointer)
        switch self {
        case let .adam(o, s): o.update(parameter: v, gradient: g, state: s[i], alpha: alpha, range: range)
        case let .sgd(o, s): o.update(parameter: v, gradient: g, state: s[i], range: range)
        case let .rmsprop(o, s): o.update(parameter: v, gradient: g, state: s[i], range: range)
        }
    }

    /// (name suffix, buffer) pairs for parameter `i`.
    func buffers(_ i: Int) -> [(String, FloatBuffer)] {
        switch self {
        case let .adam(_, s): return [("m", s[i].m), ("v", s[i].v)]
        case let .sgd(_, s): return s[i].velocity.map { [("momentum", $0)] } ?? []
        case let .rmsprop(_, s):
            return [("velocity", s[i].velocity)] + (s[i].momentum.map { [("momentum", $0)] } ?? [])
        }
    }
}
