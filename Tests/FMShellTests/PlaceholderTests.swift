import XCTest
@testable import FMShell
