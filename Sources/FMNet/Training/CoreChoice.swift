import Dispatch
import FMTensor
#if canImport(Glibc)
import Glibc
#endif

/// Chooses, stretch by stretch of training steps, between running each step on all cores and on
/// the training thread alone, by timing both.
///
/// On a shared host two virtual cores are sometimes one physical core's two threads, or take
/// turns on one: then two threads of multiply-adds run no faster than one, and the hand-offs
/// between them make a step slower (the blog NN: 1.25–1.4 s an epoch on two cores in such a
/// phase against 0.95 s on one; 0.5–0.6 s on two otherwise). Every `stretch` steps the first
/// `probe` steps run on all cores and the next `probe` on one, and the rest of the stretch runs
/// on one only if its median step was at least a fifth shorter (medians: a step that waited for
/// a sleeping worker, or for the host, must not decide a whole stretch). Only where the chunks
/// run changes, never the chunks (`Parallel.callerOnly`), so the weights are the same either
/// way. `EngineSettings.coreChoice` false keeps all cores.
struct CoreChoice {
    static let stretch = 1_024, probe = 16
    nonisolated(unsafe) static var enabled: Bool = {
        Parallel.workers > 1 && Engine.settings.coreChoice
    }()

    private var step = 0
    /// The probes' step times: all cores, then one.
    private var times = [UInt64](repeating: 0, count: 2 * probe)
    private var started: UInt64 = 0
    private var alone = false

    /// Before a training step: where it runs.
    mutating func beginStep() {
        guard Self.enabled else { return }
        let k = step % Self.stretch, p = Self.probe
        if k == 2 * p {
            times[0..<p].sort(); times[p..<(2 * p)].sort()   // in place: medians without allocating
            let all = times[p / 2], one = times[p + p / 2]
            alone = one * 5 < all * 4
        }
        Parallel.callerOnly = k < p ? false : k < 2 * p ? true : alone
        started = DispatchTime.now().uptimeNanoseconds
    }

    /// After the step: its time goes to the probe it belonged to.
    mutating func endStep() {
        guard Self.enabled else { return }
        let k = step % Self.stretch
        if k < 2 * Self.probe { times[k] = DispatchTime.now().uptimeNanoseconds - started }
        step += 1
    }

    /// Back to all cores (for validation, and when training ends).
    func finish() {
        if Self.enabled { Parallel.callerOnly = false }
    }
}
