import XCTest
@testable import FMStore
