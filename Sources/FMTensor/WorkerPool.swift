import CProcessor
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The threads behind `Parallel`: `Parallel.workers − 1` of them, started on first use, plus
/// the calling thread, which always takes part.
///
/// A job is published in one atomic word, `generation · 2³² + chunks · 2¹⁶ + taken from the top
/// · 2⁸ + taken from the bottom`, and chunks are claimed from it by compare-and-swap: the caller
/// from the bottom, workers from the top. So with two cores the caller runs chunk 0 and the worker
/// chunk 1 of every job, and a core meets the same rows of a layer step after step, still in its
/// cache. A thread can only claim a chunk of the
/// generation it read, so a thread that wakes late can never run a chunk of a newer job with an
/// older job's closure, and a caller whose workers are asleep simply runs every chunk itself.
/// Between jobs the workers spin on that word for a while (a training step has many short
/// jobs with short gaps), then sleep on a condition variable until the next one.
///
/// A job started while another is running (a nested `Parallel.forEach`, or a second thread)
/// runs inline on its caller.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool(threads: max(0, Parallel.workers - 1))

    private struct Job { let body: (Int) -> Void }

    private let state = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let jobAddress = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let sleepers = Atomic<Int>(0)
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let wake: UnsafeMutablePointer<pthread_cond_t>
    private var generation = 0
    private let threads: Int
    /// Polls of a word before a waiting thread starts yielding its core (to other processes, when
    /// the machine is busy), and yielding polls before a worker sleeps (about a millisecond).
    private let pollsBeforeYield = 2_000, yieldsBeforeSleep = 2_000

    private init(threads: Int) {
        self.threads = threads
        mutex = .allocate(capacity: 1)
        wake = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        for _ in 0..<threads { startThread() }
    }

    private func startThread() {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let started = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            Unmanaged<WorkerPool>.fromOpaque(context).takeUnretainedValue().workerLoop()
            return nil
        }, context)
        if started == 0 { pthread_detach(thread) } else { Unmanaged<WorkerPool>.fromOpaque(context).release() }
    }

    /// While true, every job runs all its chunks on the calling thread, in order: the same
    /// chunks, so the same results, without the workers (see `Parallel.callerOnly`).
    let callerOnly = Atomic<Bool>(false)

    func run(chunks: Int, _ body: (Int) -> Void) {
        guard threads > 0, chunks > 1, chunks < 1 << 8, !callerOnly.load(ordering: .relaxed),
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for c in 0..<chunks { body(c) }
            return
        }
        withoutActuallyEscaping(body) { body in
            var job = Job(body: body)
            withUnsafeMutablePointer(to: &job) { job in
                generation = (generation + 1) & 0x7fff_ffff
                let word = generation << 32 | chunks << 16
                jobAddress.store(Int(bitPattern: job), ordering: .relaxed)
                finished.store(0, ordering: .relaxed)
                state.store(word, ordering: .sequentiallyConsistent)
                if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                    pthread_mutex_lock(mutex)
                    pthread_cond_broadcast(wake)
                    pthread_mutex_unlock(mutex)
                }
                claimChunks(generation: generation, fromTop: false)
                var polls = 0
                while finished.load(ordering: .acquiring) < chunks {
                    polls += 1
                    if polls > pollsBeforeYield { sched_yield() } else { fm_spin_pause() }
                }
            }
        }
        busy.store(false, ordering: .releasing)
    }

    /// Runs chunks of job `generation`, from the bottom or the top, until none is left to claim.
    private func claimChunks(generation: Int, fromTop: Bool) {
        while true {
            let s = state.load(ordering: .acquiring)
            let bottom = s & 0xff, top = (s >> 8) & 0xff, chunks = (s >> 16) & 0xffff
            guard s >> 32 == generation, bottom + top < chunks else { return }
            let next = fromTop ? chunks - 1 - top : bottom
            let claimed = fromTop ? s + (1 << 8) : s + 1
            guard state.compareExchange(expected: s, desired: claimed, ordering: .acquiringAndReleasing).exchanged else { continue }
            // The job is still alive: its caller waits for this chunk before it returns.
            guard let job = UnsafePointer<Job>(bitPattern: jobAddress.load(ordering: .acquiring)) else { return }
            job.pointee.body(next)
            finished.wrappingAdd(1, ordering: .releasing)
        }
    }

    private func workerLoop() {
        Processor.flushDenormals()   // engine threads only ever run engine kernels
        var seen = 0
        while true {
            var s = state.load(ordering: .acquiring), polls = 0
            while s >> 32 == seen {
                polls += 1
                if polls > pollsBeforeYield { sched_yield() } else { fm_spin_pause() }
                if polls >= pollsBeforeYield + yieldsBeforeSleep {
                    pthread_mutex_lock(mutex)
                    sleepers.wrappingAdd(1, ordering: .sequentiallyConsistent)
                    while state.load(ordering: .sequentiallyConsistent) >> 32 == seen { pthread_cond_wait(wake, mutex) }
                    sleepers.wrappingSubtract(1, ordering: .sequentiallyConsistent)
                    pthread_mutex_unlock(mutex)
                    polls = 0
                }
                s = state.load(ordering: .acquiring)
            }
            seen = s >> 32
            claimChunks(generation: seen, fromTop: true)
        }
    }
}

/// A shared counter from which the cores take work items one at a time (`next()` returns 0, 1,
/// 2, … across all of them), so that a core slowed by a neighbour on the host simply takes
/// fewer items instead of holding the others up at the end of a job.
public final class WorkQueue: @unchecked Sendable {
    private let taken = Atomic<Int>(0)
    public init() {}
    /// Starts the numbering again from 0 (before a job, not during one).
    public func reset() { taken.store(0, ordering: .releasing) }
    /// The next item's number.
    public func next() -> Int { taken.wrappingAdd(1, ordering: .relaxed).oldValue }
}
