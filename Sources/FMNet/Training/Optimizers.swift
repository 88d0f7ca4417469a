import FMTensor
import FMWideKernels

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

    /// The update of elements `range` on the calling thread (`OptimizerSlots` splits all
    /// parameters' elements over the cores in one dispatch): AVX2 when the processor has it.
    @inline(__always)
    func update(parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, state: State, alpha: Float, range: Range<Int>) {
        if Processor.hasAVX2 {
            WideKernels.adamUpdate(parameter: parameter, gradient: gradient, m: state.m.pointer, v: state.v.pointer, range: range,
                                   alpha: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon)
        } else {
            Kernels.adamUpdate(SIMD16<Float>.self, parameter: parameter, gradient: gradient, m: state.m.pointer, v: state.v.pointer,
                               range: range, alpha: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon)
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

    /// The update of elements `r` on the calling thread.
    @inline(__always)
    func update(parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, state: State, range r: Range<Int>) {
        let s = state.velocity.pointer, lr = learningRate, rho = rho, eps = epsilon, mu = momentum
        guard let u = state.momentum?.pointer else {
            if Processor.hasAVX2 {
                WideKernels.rmspropUpdate(parameter: parameter, gradient: gradient, s: s, range: r, learningRate: lr, rho: rho, epsilon: eps)
            } else {
                Kernels.rmspropUpdate(SIMD16<Float>.self, parameter: parameter, gradient: gradient, s: s, range: r,
                                      learningRate: lr, rho: rho, epsilon: eps)
            }
            return
        }
        for i in r {
            let g = gradient[i]
            s[i] = rho * s[i] + (1 - rho) * g * g
            u[i] = mu * u[i] + lr * g / (s[i] + eps).squareRoot()
            parameter[i] -= u[i]
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
