/// How the engine runs: threads and kernel choices, as one value the program gives once at
/// start (`Engine.configure`). The engine never reads the environment; the shell makes this
/// value from it (`FM_THREADS`, `FM_CONV`, …, in `EngineSettings(environment:)` of FMShell).
public struct EngineSettings: Equatable, Sendable {
    /// Which convolution algorithm conv2d layers get.
    public enum Convolution: String, Equatable, Sendable {
        /// Winograd where it pays (its variant chosen per layer), im2col + sgemm elsewhere.
        case automatic
        /// im2col + sgemm everywhere.
        case im2col
        /// Winograd F(2x2,3x3) wherever Winograd is used.
        case winogradF2x2 = "f2x2"
    }

    /// Chunks fm's loops split into; nil for one per core, at most 8.
    public var threads: Int? = nil
    /// fm splits each matrix product over the cores (OpenBLAS single-threaded); false lets
    /// OpenBLAS thread them itself.
    public var splitProductsAcrossCores = true
    /// The AVX2 kernels of FMWideKernels where the processor has AVX2; false keeps the baseline ones.
    public var wideKernels = true
    /// Dense products cut into tiles for OpenBLAS's small-matrix kernels, where it has them.
    public var smallProductTiles = true
    public var convolution = Convolution.automatic
    /// Training may run stretches of steps on one core when the other adds nothing (`CoreChoice`).
    public var coreChoice = true

    public init() {}
}

/// The settings the engine runs with.
public enum Engine {
    nonisolated(unsafe) public private(set) static var settings = EngineSettings()

    /// Sets how the engine runs. Call it before the first computation: thread counts and the
    /// worker pool are fixed by then.
    public static func configure(_ s: EngineSettings) {
        settings = s
        Parallel.workers = s.threads.map { min(max($0, 1), 64) } ?? Parallel.defaultWorkers
        BLAS.splitAcrossCores = s.splitProductsAcrossCores
    }
}
