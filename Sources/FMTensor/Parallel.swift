import Dispatch

/// fm's own loops over the two cores. Work is split into a few contiguous chunks (one closure
/// call per chunk, never per element); small jobs run inline because a dispatch costs ~5–10 µs.
public enum Parallel {
    /// Number of chunks our loops split into (the machine's core count, at most 8).
    public static var workers: Int = min(8, max(1, ProcessInfoCores.count))

    /// Calls `body(range)` on disjoint ranges covering `0..<count`, concurrently when
    /// `count * costPerItem` is large enough to pay for the dispatch.
    @inlinable
    public static func forEach(_ count: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void) {
        let w = workers
        if w <= 1 || count < 2 || count * costPerItem < 32_768 {
            body(0..<count)
            return
        }
        let chunks = min(w, count)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = count * c / chunks, hi = count * (c + 1) / chunks
            if lo < hi { body(lo..<hi) }
        }
    }
}

/// Core count without Foundation.
public enum ProcessInfoCores {
    public static var count: Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 2
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
