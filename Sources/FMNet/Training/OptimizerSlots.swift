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

    /// One update of every parameter from its current gradient; `step` counts from 1.
    func apply(to parameters: [Parameter], step: Int) {
        for (i, p) in parameters.enumerated() {
            let v = p.value.pointer, g = UnsafePointer(p.gradient.pointer), n = p.count
            switch self {
            case let .adam(o, s): o.update(parameter: v, gradient: g, count: n, state: s[i], step: step)
            case let .sgd(o, s): o.update(parameter: v, gradient: g, count: n, state: s[i], step: step)
            case let .rmsprop(o, s): o.update(parameter: v, gradient: g, count: n, state: s[i], step: step)
            }
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
