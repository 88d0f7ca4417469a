import CProcessor
#if canImport(Glibc)
import Glibc
#endif

/// What the processor can run, read once. Compiled for baseline x86-64, so it can be asked
/// before any AVX2 code runs.
public enum Processor {
    /// True when the processor and the operating system support everything `FMWideKernels`'
    /// code (`-target-cpu haswell`) may use, and `EngineSettings.wideKernels` does not ask for
    /// the baseline kernels (to compare the two, or to rule the wide ones out).
    public static var hasAVX2: Bool { supportsAVX2 && Engine.settings.wideKernels }

    /// What the processor and the operating system support, read once.
    public static let supportsAVX2: Bool = {
        #if arch(x86_64)
        return flags.isSuperset(of: ["avx", "avx2", "fma", "bmi1", "bmi2", "f16c", "movbe", "abm"])
        #else
        return false
        #endif
    }()

    /// The feature flags of the first processor in /proc/cpuinfo; the kernel lists AVX only
    /// when it also saves the AVX registers on a context switch.
    static var flags: Set<String> {
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>? = nil, capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0 {
            guard let line else { break }
            let text = String(cString: line)
            if text.hasPrefix("flags") {
                return Set(text.split(whereSeparator: { " \t\n:".contains($0) }).map(String.init))
            }
        }
        return []
    }

    /// Makes the calling thread treat denormal (subnormal) floats as zero, in its inputs and
    /// its results, as TensorFlow runs its CPU kernels. Training needs it: Adam's first moment
    /// decays by β1 = 0.9 a step wherever the gradient is exactly zero (the border pixels of
    /// most batches, in a dense layer's first kernel), becomes denormal after ~800 steps, and
    /// every operation on a denormal then takes a slow microcode path (Adam over the blog NN's
    /// first kernel: 0.71 ns a weight without, 0.36 with, over two epochs). Values below
    /// 1.2e-38 become 0; nothing printed or stored by fm can tell. Returns the previous
    /// setting, for `restoreFloatControl`.
    @discardableResult
    public static func flushDenormals() -> UInt32 {
        let before = fm_float_control()
        fm_set_float_control(before | fm_flush_denormals_bits())
        return before
    }

    /// Puts back the calling thread's setting from before `flushDenormals`.
    public static func restoreFloatControl(_ saved: UInt32) {
        fm_set_float_control(saved)
    }
}
