import XCTest
@testable import FMInterop
