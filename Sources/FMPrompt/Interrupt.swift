#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Ctrl-C while a statement runs.
///
/// `install()` replaces SIGINT's default action (end the process) with a handler that only sets
/// a flag: the running statement polls `isRequested` at safe points (between batches), stops, and
/// the interpreter calls `clear()`. The handler stays installed, so a second Ctrl-C while a
/// statement is stopping only sets the flag again; it never ends the process.
///
/// The handler does nothing but one atomic store, which is async-signal-safe. It is installed with
/// `SA_RESTART`, so a file read that a Ctrl-C lands in is resumed rather than failed.
public enum Interrupt {
    /// Set by the signal handler; `let` of an atomic, so the handler never allocates or locks.
    private static let requested = Atomic<Bool>(false)
    private static let installed = Atomic<Bool>(false)
    /// The last signal that set the flag (SIGINT, SIGTERM or SIGHUP); 0 for none.
    private static let signal = Atomic<Int32>(0)

    /// The signals that stop the running statement the way Ctrl-C does: SIGTERM (kill) and SIGHUP
    /// (a closed terminal window) too, so finished epochs are kept before the process ends.
    public static let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the SIGINT handler. Calling it again does nothing.
    public static func install() {
        // Touch the flag once outside the handler so its lazy initialisation never runs inside it.
        _ = requested.load(ordering: .sequentiallyConsistent)
        _ = signal.load(ordering: .sequentiallyConsistent)
        guard installed.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged
        else { return }
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { number in
            Interrupt.signal.store(number, ordering: .relaxed)
            Interrupt.requested.store(true, ordering: .relaxed)
        }
        #else
        action.__sigaction_u.__sa_handler = { number in
            Interrupt.signal.store(number, ordering: .relaxed)
            Interrupt.requested.store(true, ordering: .relaxed)
        }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        for number in stopSignals { sigaction(number, &action, nil) }
    }

    /// The exit status the process should end with once the statement has wound down: 128 +
    /// the signal for SIGTERM (143) and SIGHUP (129), which ask the process to end; nil when no
    /// signal came or it was Ctrl-C, which only stops the statement.
    public static var exitStatus: Int32? {
        let number = signal.load(ordering: .relaxed)
        return number == SIGTERM || number == SIGHUP ? 128 + number : nil
    }

    /// True once Ctrl-C (SIGINT), SIGTERM or SIGHUP arrived since the last `clear()`.
    public static var isRequested: Bool {
        requested.load(ordering: .relaxed)
    }

    /// Forgets a pending interrupt (after the statement stopped, or before the next one starts).
    public static func clear() {
        requested.store(false, ordering: .relaxed)
        // SIGTERM and SIGHUP are remembered for `exitStatus`; only Ctrl-C is forgotten.
        if exitStatus == nil { signal.store(0, ordering: .relaxed) }
    }

    /// Forgets the remembered signal too (for tests, which raise several in one process).
    static func forgetSignal() {
        signal.store(0, ordering: .relaxed)
        requested.store(false, ordering: .relaxed)
    }

    /// Used by the line editor when libedit reports a SIGINT that arrived at the prompt.
    static func request() {
        requested.store(true, ordering: .relaxed)
    }
}
