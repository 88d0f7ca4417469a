import XCTest
@testable import FMPrompt
