import XCTest
@testable import FMNet
