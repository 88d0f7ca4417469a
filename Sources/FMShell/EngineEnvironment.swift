import FMTensor

extension EngineSettings {
    /// The engine's settings from the environment variables documented in docs/performance.md
    /// and fm(1): `FM_THREADS=N`, `FM_BLAS_THREADS=openblas`, `FM_SIMD=sse`, `FM_BLAS_TILES=off`,
    /// `FM_CONV=im2col|f2x2`, `FM_CORE_CHOICE=off`. Values it does not know leave the default.
    init(environment: [String: String]) {
        self.init()
        if let text = environment["FM_THREADS"], let n = Int(text), n >= 1 { threads = min(n, 64) }
        splitProductsAcrossCores = environment["FM_BLAS_THREADS"] != "openblas"
        wideKernels = environment["FM_SIMD"] != "sse"
        smallProductTiles = environment["FM_BLAS_TILES"] != "off"
        if let c = environment["FM_CONV"].flatMap(Convolution.init(rawValue:)) { convolution = c }
        coreChoice = environment["FM_CORE_CHOICE"] != "off"
    }
}
