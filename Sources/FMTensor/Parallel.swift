/// fm's own loops over the cores. Work is split into a few contiguous chunks (one closure
/// call per chunk, never per element); small jobs run inline. The chunks go to `WorkerPool`,
/// whose threads spin briefly between jobs, so a split costs 0.5–0.7 µs instead of the
/// 5–8 µs of waking a sleeping thread (measured with 20–100 µs of serial work between jobs,
/// as in a training step of the blog's NN, which splits about ten times a millisecond).
public enum Parallel {
    /// Number of chunks our loops split into: `EngineSettings.threads` (at most 64), else the
    /// machine's core count, at most 8.
    nonisolated(unsafe) public static var workers: Int = defaultWorkers

    public static var defaultWorkers: Int { min(8, max(1, ProcessInfoCores.count)) }

    /// Calls `body(range)` on disjoint ranges covering `0..<count`, concurrently when
    /// `count * costPerItem` is large enough to pay for the split.
    @inlinable
    public static func forEach(_ count: Int, costPerItem: Int = 1, _ body: (Range<Int>) -> Void) {
        let w = workers
        if w <= 1 || count < 2 || count * costPerItem < 16_384 {
            body(0..<count)
            return
        }
        let chunks = min(w, count)
        run(chunks: chunks) { c in
            let lo = count * c / chunks, hi = count * (c + 1) / chunks
            if lo < hi { body(lo..<hi) }
        }
    }

    /// While true, `forEach` runs every chunk on the calling thread, one after the other. The
    /// chunks stay the same (their number is `workers`), so results do not change, only where
    /// they are computed: for stretches in which the other cores add nothing (a shared host
    /// whose virtual cores sometimes share one physical core), as `CoreChoice` measures.
    public static var callerOnly: Bool {
        get { WorkerPool.shared.callerOnly.load(ordering: .relaxed) }
        set { WorkerPool.shared.callerOnly.store(newValue, ordering: .relaxed) }
    }

    /// Calls `body(c)` once for each `c` in `0..<chunks`, spread over the pool and the caller.
    @usableFromInline
    static func run(chunks: Int, _ body: (Int) -> Void) {
        WorkerPool.shared.run(chunks: chunks, body)
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
