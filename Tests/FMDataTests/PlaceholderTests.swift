import XCTest
@testable import FMData
