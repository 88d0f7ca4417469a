import FMTensor

public enum OptimizerKind: String, Codable, Sendable { case adam, sgd, rmsprop }

/// What `compile` chose: the optimiser and its hyper-parameters (Keras defaults).
/// `momentum` is SGD's momentum (and RMSprop's, when positive); `beta1`/`beta2` are Adam's;
/// `epsilon` is Adam's and RMSprop's.
public struct CompileSpec: Codable, Equatable, Sendable {
    public var optimizer: OptimizerKind = .adam
    public var learningRate: Double = 0.001
    public var momentum: Double = 0
    public var beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7
    public var rho = 0.9
    public var loss: String = "sparse_categorical_crossentropy"
    public init() {}
}

/// Adam as Keras 3 writes it (bias correction folded into the step size):
/// `α_t = lr·√(1 − β2^t)/(1 − β1^t)`, `m ← m + (g − m)(1 − β1)`, `v ← v + (g² − v)(1 − β2)`,
/// `θ ← θ − α_t · m / (√v + ε)`; `t` counts steps from 1.
struct Adam {
    var learningRate: Float, beta1: Float, beta2: Float, epsilon: Float
    struct State { let m: FloatBuffer, v: FloatBuffer }

    func makeState(count: Int) -> State {
        let s = State(m: FloatBuffer(capacity: count), v: FloatBuffer(capacity: count))
        s.m.fill(0, count: count); s.v.fill(0, count: count)
        return s
    }

    /// Bias-corrected step size `α_t` for step `t` (from 1).
    func stepSize(_ step: Int) -> Float {
        let t = Double(step)
        return Float(Double(learningRate) * (1 - pow(Double(beta2), t)).squareRoot() / (1 - pow(Double(beta1), t)))
    }

    func update(parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, count: Int, state: State, step: Int) {
        let alpha = stepSize(step)
        Parallel.forEach(count, costPerItem: 8) { range in
            update(parameter: parameter, gradient: gradient, state: state, alpha: alpha, range: range)
        }
    }

    /// The update of elements `range` on the calling thread (`OptimizerSlots` splits all
    /// parameters' elements over the cores in one dispatch).
    @inline(__always)
    func update(parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, state: State, alpha: Float, range: Range<Int>) {
        let m = state.m.pointer, v = state.v.pointer
        let a1 = 1 - beta1, a2 = 1 - beta2, eps = epsilon
        // Sixteen lanes at a time: the compiler cannot prove the four buffers do not alias, so a
        // scalar loop would stay scalar, and sqrt and divide are slow enough that four SSE
        // registers in flight run 2.5× faster than one (the same operations, so the same values).
        var i = range.lowerBound
        while i + 16 <= range.upperBound {
            let g = SIMD16<Float>.load(gradient + i)
            var mv = SIMD16<Float>.load(m + i), vv = SIMD16<Float>.load(v + i)
            mv += (g - mv) * a1
            vv += (g * g - vv) * a2
            mv.store(m + i); vv.store(v + i)
            (SIMD16<Float>.load(parameter + i) - alpha * mv / (vv.squareRoot() + eps)).store(parameter + i)
            i += 16
        }
        while i < range.upperBound {
            let g = gradient[i]
            m[i] += (g - m[i]) * a1
            v[i] += (g * g - v[i]) * a2
            parameter[i] -= alpha * m[i] / (v[i].squareRoot() + eps)
            i += 1
        }
    }
}

/// SGD as Keras: without momentum `θ ← θ − lr·g`; with momentum μ,
/// `u ← μ·u − lr·g`, `θ ← θ + u`.
struct SGD {
    var learningRate: Float, momentum: Float
    struct State { let velocity: FloatBuffer? }

    func makeState(count: Int) -> State {
        guard momentum != 0 else { return State(velocity: nil) }
        let v = FloatBuffer(capacity: count)
        v.fill(0, count: count)
        return State(velocity: v)
    }

    func update(parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, count: Int, state: State, step: Int) {
        Parallel.forEach(count, costPerItem: 4) { r in update(parameter: parameter, gradient: gradient, state: state, range: r) }
    }

    /// The update of elements `r` on the calling thread.
    @inline(__always)
    func update(parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, state: State, range r: Range<Int>) {
        let lr = learningRate, mu = momentum
        guard let u = state.velocity?.pointer else {
            for i in r { parameter[i] -= lr * gradient[i] }
            return
        }
        for i in r { u[i] = mu * u[i] - lr * gradient[i]; parameter[i] += u[i] }
    }
}

/// RMSprop as Keras (not centred): `s ← ρ·s + (1 − ρ)·g²`, `Δ = lr·g/√(s + ε)`;
/// `θ ← θ − Δ`, or with momentum μ: `u ← μ·u + Δ`, `θ ← θ − u`.
struct RMSprop {
    var learningRate: Float, rho: Float, epsilon: Float, momentum: Float
    struct State { let velocity: FloatBuffer, momentum: FloatBuffer? }

    func makeState(count: Int) -> State {
        let s = FloatBuffer(capacity: count)
        s.fill(0, count: count)
        var u: FloatBuffer? = nil
        if momentum > 0 { u = FloatBuffer(capacity: count); u?.fill(0, count: count) }
        return State(velocity: s, momentum: u)
    }

    func update(parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, count: Int, state: State, step: Int) {
        Parallel.forEach(count, costPerItem: 8) { r in update(parameter: parameter, gradient: gradient, state: state, range: r) }
    }

    /// The update of elements `r` on the calling thread.
    @inline(__always)
    func update(parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, state: State, range r: Range<Int>) {
        let s = state.velocity.pointer, lr = learningRate, rho = rho, eps = epsilon, mu = momentum
        let u = state.momentum?.pointer
        do {
            var i = r.lowerBound
            if u == nil {
                while i + 16 <= r.upperBound {
                    let g = SIMD16<Float>.load(gradient + i)
                    let sv = rho * SIMD16<Float>.load(s + i) + (1 - rho) * g * g
                    sv.store(s + i)
                    (SIMD16<Float>.load(parameter + i) - lr * g / (sv + eps).squareRoot()).store(parameter + i)
                    i += 16
                }
            }
            for i in i..<r.upperBound {
                let g = gradient[i]
                s[i] = rho * s[i] + (1 - rho) * g * g
                let delta = lr * g / (s[i] + eps).squareRoot()
                if let u { u[i] = mu * u[i] + delta; parameter[i] -= u[i] } else { parameter[i] -= delta }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension CompileSpec {
    private enum CodingKeys: String, CodingKey { case optimizer, learningRate, momentum, beta1, beta2, epsilon, rho, loss }

    /// Missing keys keep their defaults, so stored specs survive new fields.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        optimizer = try c.decodeIfPresent(OptimizerKind.self, forKey: .optimizer) ?? optimizer
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? learningRate
        momentum = try c.decodeIfPresent(Double.self, forKey: .momentum) ?? momentum
        beta1 = try c.decodeIfPresent(Double.self, forKey: .beta1) ?? beta1
        beta2 = try c.decodeIfPresent(Double.self, forKey: .beta2) ?? beta2
        epsilon = try c.decodeIfPresent(Double.self, forKey: .epsilon) ?? epsilon
        rho = try c.decodeIfPresent(Double.self, forKey: .rho) ?? rho
        loss = try c.decodeIfPresent(String.self, forKey: .loss) ?? loss
    }
}

extension SIMD16 where Scalar == Float {
    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }
    @inline(__always) static func load(_ p: UnsafeMutablePointer<Float>) -> SIMD16<Float> { load(UnsafePointer(p)) }
    @inline(__always) func store(_ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: self, as: SIMD16<Float>.self)
    }
}
