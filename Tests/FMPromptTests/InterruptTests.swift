import XCTest
@testable import FMPrompt
#if canImport(Glibc)
import Glibc
#endif

final class InterruptTests: XCTestCase {
    func testSIGINTSetsTheFlagAndTheProcessSurvives() {
        Interrupt.install()
        Interrupt.install()   // idempotent
        Interrupt.clear()
        XCTAssertFalse(Interrupt.isRequested)
        raise(SIGINT)
        XCTAssertTrue(Interrupt.isRequested)
        // A second Ctrl-C while "stopping" neither kills nor unsets anything.
        raise(SIGINT)
        XCTAssertTrue(Interrupt.isRequested)
        Interrupt.clear()
        XCTAssertFalse(Interrupt.isRequested)
        raise(SIGINT)
        XCTAssertTrue(Interrupt.isRequested)
        Interrupt.clear()
    }

    func testHandlerIsInstalledWithRestart() {
        Interrupt.install()
        var current = sigaction()
        sigaction(SIGINT, nil, &current)
        XCTAssertNotEqual(current.sa_flags & SA_RESTART, 0)
        XCTAssertNotNil(current.__sigaction_handler.sa_handler)
    }
}
