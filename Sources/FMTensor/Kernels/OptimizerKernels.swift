/// The element-wise optimiser updates, written once, generic over the vector they run on
/// (`V`: `SIMD16<Float>` here, and again in `FMWideKernels` compiled for AVX2). Each is one
/// pass over `range` of a parameter, its gradient and its state; the leftover elements run one
/// by one with the same operations, so every width gives the same values.
///
/// They are `@inlinable` and always inlined so that the module that instantiates them compiles
/// them with its own instruction set.
extension Kernels {
    /// Adam (Keras 3): `m += (g − m)(1 − β1)`, `v += (g² − v)(1 − β2)`, `θ −= α_t · m / (√v + ε)`.
    @inlinable @inline(__always)
    public static func adamUpdate<V: SIMD>(
        _: V.Type, parameter p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
        m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>, range: Range<Int>,
        alpha: Float, beta1: Float, beta2: Float, epsilon: Float
    ) where V.Scalar == Float {
        let a1 = 1 - beta1, a2 = 1 - beta2, eps = epsilon, w = V.scalarCount
        var i = range.lowerBound
        while i + w <= range.upperBound {
            let gv = V.at(g + i)
            var mv = V.at(m + i), vv = V.at(v + i)
            mv += (gv - mv) * a1
            vv += (gv * gv - vv) * a2
            mv.put(m + i); vv.put(v + i)
            (V.at(p + i) - alpha * mv / (vv.squareRoot() + eps)).put(p + i)
            i += w
        }
        while i < range.upperBound {
            let gi = g[i]
            m[i] += (gi - m[i]) * a1
            v[i] += (gi * gi - v[i]) * a2
            p[i] -= alpha * m[i] / (v[i].squareRoot() + eps)
            i += 1
        }
    }

    /// RMSprop without momentum (Keras): `s = ρ·s + (1 − ρ)·g²`, `θ −= lr · g / √(s + ε)`.
    @inlinable @inline(__always)
    public static func rmspropUpdate<V: SIMD>(
        _: V.Type, parameter p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>,
        s: UnsafeMutablePointer<Float>, range: Range<Int>, learningRate lr: Float, rho: Float, epsilon eps: Float
    ) where V.Scalar == Float {
        let w = V.scalarCount
        var i = range.lowerBound
        while i + w <= range.upperBound {
            let gv = V.at(g + i)
            let sv = rho * V.at(s + i) + (1 - rho) * gv * gv
            sv.put(s + i)
            (V.at(p + i) - lr * gv / (sv + eps).squareRoot()).put(p + i)
            i += w
        }
        while i < range.upperBound {
            let gi = g[i]
            s[i] = rho * s[i] + (1 - rho) * gi * gi
            p[i] -= lr * gi / (s[i] + eps).squareRoot()
            i += 1
        }
    }
}

extension SIMD where Scalar == Float {
    /// Loads `scalarCount` floats from `p` (no alignment needed).
    @inlinable @inline(__always)
    public static func at(_ p: UnsafePointer<Float>) -> Self { UnsafeRawPointer(p).loadUnaligned(as: Self.self) }
    @inlinable @inline(__always)
    public static func at(_ p: UnsafeMutablePointer<Float>) -> Self { at(UnsafePointer(p)) }
    /// Stores the lanes at `p` (no alignment needed).
    @inlinable @inline(__always)
    public func put(_ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: self, as: Self.self) }
}
