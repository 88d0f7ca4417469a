import XCTest
@testable import FMTensor
