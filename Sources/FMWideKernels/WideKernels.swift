import FMTensor

/// FMTensor's hottest element-wise kernels compiled a second time, for AVX2 (this module is
/// built with `-target-cpu haswell`), and used only when the processor has it: the same
/// generic code, 256-bit registers instead of 128-bit ones. Adam's square roots and divisions
/// bound a dense network's update, and AVX2 runs them 2.5× faster than SSE here.
///
/// Callers check `Processor.hasAVX2` (in FMTensor, compiled for every x86-64) first: nothing of
/// this module may run on a processor without AVX2, not even the check, and every entry point is
/// `@inline(never)` so that its body stays in this module's machine code.
public enum WideKernels {
    @inline(never)
    public static func adamUpdate(parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                                  m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>, range: Range<Int>,
                                  alpha: Float, beta1: Float, beta2: Float, epsilon: Float) {
        Kernels.adamUpdate(SIMD16<Float>.self, parameter: parameter, gradient: gradient, m: m, v: v, range: range,
                           alpha: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon)
    }

    @inline(never)
    public static func rmspropUpdate(parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                                     s: UnsafeMutablePointer<Float>, range: Range<Int>,
                                     learningRate: Float, rho: Float, epsilon: Float) {
        Kernels.rmspropUpdate(SIMD16<Float>.self, parameter: parameter, gradient: gradient, s: s, range: range,
                              learningRate: learningRate, rho: rho, epsilon: epsilon)
    }
}
