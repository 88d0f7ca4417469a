import XCTest
import FMTensor
@testable import FMShell

/// The engine's settings come from the environment in one place, the shell's.
final class EngineSettingsTests: XCTestCase {
    func testDefaultsWithoutVariables() {
        XCTAssertEqual(EngineSettings(environment: [:]), EngineSettings())
        XCTAssertEqual(EngineSettings().convolution, .automatic)
        XCTAssertNil(EngineSettings().threads)
    }

    func testEachVariable() {
        let s = EngineSettings(environment: ["FM_THREADS": "3", "FM_BLAS_THREADS": "openblas", "FM_SIMD": "sse",
                                             "FM_BLAS_TILES": "off", "FM_CONV": "f2x2", "FM_CORE_CHOICE": "off"])
        XCTAssertEqual(s.threads, 3)
        XCTAssertFalse(s.splitProductsAcrossCores)
        XCTAssertFalse(s.wideKernels)
        XCTAssertFalse(s.smallProductTiles)
        XCTAssertEqual(s.convolution, .winogradF2x2)
        XCTAssertFalse(s.coreChoice)
        XCTAssertEqual(EngineSettings(environment: ["FM_CONV": "im2col"]).convolution, .im2col)
        XCTAssertEqual(EngineSettings(environment: ["FM_THREADS": "1000"]).threads, 64)
    }

    func testUnknownValuesKeepTheDefaults() {
        XCTAssertEqual(EngineSettings(environment: ["FM_THREADS": "zero", "FM_CONV": "fft", "FM_SIMD": "avx9"]), EngineSettings())
        XCTAssertNil(EngineSettings(environment: ["FM_THREADS": "0"]).threads)
    }
}
