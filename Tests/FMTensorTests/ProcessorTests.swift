import XCTest
@testable import FMTensor

final class ProcessorTests: XCTestCase {
    /// Half the smallest normal float, computed at run time (not folded by the compiler).
    @inline(never) func halfOfSmallestNormal(_ values: [Float]) -> Float { values[0] * values[1] }

    func testDenormalsFlushToZeroUntilRestored() {
        let operands: [Float] = [Float.leastNormalMagnitude, 0.5]
        let saved = Processor.flushDenormals()
        let flushed = halfOfSmallestNormal(operands)
        Processor.restoreFloatControl(saved)
        let kept = halfOfSmallestNormal(operands)
        #if arch(x86_64) || arch(arm64)
        XCTAssertEqual(flushed, 0)
        #endif
        XCTAssertEqual(kept, Float.leastNormalMagnitude / 2, "restored: denormals are kept again")
        XCTAssertTrue(kept.isSubnormal)
    }

    func testPoolThreadsFlushDenormals() {
        // Chunks run on the pool's threads (and the caller); every pool thread flushes.
        let operands: [Float] = [Float.leastNormalMagnitude, 0.5]
        let results = UnsafeMutablePointer<Float>.allocate(capacity: 64)
        defer { results.deallocate() }
        results.initialize(repeating: -1, count: 64)
        let saved = Processor.flushDenormals()
        Parallel.forEach(64, costPerItem: 1 << 20) { r in for i in r { results[i] = self.halfOfSmallestNormal(operands) } }
        Processor.restoreFloatControl(saved)
        #if arch(x86_64) || arch(arm64)
        for i in 0..<64 { XCTAssertEqual(results[i], 0, "chunk \(i)") }
        #endif
    }
}
