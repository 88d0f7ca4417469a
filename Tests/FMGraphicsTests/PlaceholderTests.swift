import XCTest
@testable import FMGraphics
