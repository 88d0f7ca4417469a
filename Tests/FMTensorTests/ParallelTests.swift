import Dispatch
import XCTest
@testable import FMTensor

/// The worker pool behind `Parallel.forEach`: every index once, job after job, when jobs nest,
/// and when two threads start jobs at the same time.
final class ParallelTests: XCTestCase {
    func testManyJobsInARowCoverEveryIndexOnce() {
        let n = 40_000
        var hits = [Int32](repeating: 0, count: n)
        hits.withUnsafeMutableBufferPointer { h in
            guard let p = h.baseAddress else { return }
            for _ in 0..<2_000 { Parallel.forEach(n, costPerItem: 1) { r in for i in r { p[i] &+= 1 } } }
        }
        XCTAssertTrue(hits.allSatisfy { $0 == 2_000 })
    }

    func testNestedJobsRunInline() {
        let n = 64
        var sums = [Int](repeating: 0, count: n)
        sums.withUnsafeMutableBufferPointer { s in
            guard let p = s.baseAddress else { return }
            Parallel.forEach(n, costPerItem: 1 << 20) { outer in
                for i in outer {
                    var local = [Int](repeating: 0, count: 1_000)
                    local.withUnsafeMutableBufferPointer { l in
                        guard let q = l.baseAddress else { return }
                        Parallel.forEach(1_000, costPerItem: 1 << 10) { inner in for j in inner { q[j] = j } }
                    }
                    p[i] = local.reduce(0, +)
                }
            }
        }
        XCTAssertEqual(sums, [Int](repeating: 499_500, count: n))
    }

    func testTwoThreadsStartingJobsAtOnce() {
        let n = 20_000
        let totals = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        defer { totals.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 2) { t in
            let values = UnsafeMutablePointer<Int>.allocate(capacity: n)
            defer { values.deallocate() }
            var total = 0
            for round in 0..<300 {
                Parallel.forEach(n, costPerItem: 4) { r in for i in r { values[i] = i &+ round } }
                total &+= values[n - 1]
            }
            totals[t] = total
        }
        let expected = (0..<300).reduce(0) { $0 + n - 1 + $1 }
        XCTAssertEqual(totals[0], expected)
        XCTAssertEqual(totals[1], expected)
    }
}
