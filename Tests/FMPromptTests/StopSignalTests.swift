#if canImport(Glibc)
import Glibc
#endif
import XCTest
@testable import FMPrompt

/// SIGTERM and SIGHUP stop a statement as Ctrl-C does, and leave the exit status for afterwards.
final class StopSignalTests: XCTestCase {
    func testTermAndHangUpSetTheStopFlagAndTheExitStatus() {
        Interrupt.install()
        defer { Interrupt.forgetSignal() }
        for (number, status) in [(SIGTERM, Int32(143)), (SIGHUP, Int32(129))] {
            Interrupt.forgetSignal()
            XCTAssertFalse(Interrupt.isRequested)
            raise(number)
            XCTAssertTrue(Interrupt.isRequested, "signal \(number) stops the statement")
            XCTAssertEqual(Interrupt.exitStatus, status)
            Interrupt.clear()
            XCTAssertFalse(Interrupt.isRequested)
            XCTAssertEqual(Interrupt.exitStatus, status, "the status outlives clear()")
        }
        Interrupt.forgetSignal()
        raise(SIGINT)
        XCTAssertTrue(Interrupt.isRequested)
        XCTAssertNil(Interrupt.exitStatus, "Ctrl-C does not end the process")
        Interrupt.clear()
        XCTAssertNil(Interrupt.exitStatus)
    }
}
