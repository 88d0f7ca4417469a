import XCTest
@testable import FMLanguage
