import CFuzzer
import FMLanguage

/// The lexer and parser on any text (invalid UTF-8 repaired as a file read would), and the
/// rendering of every diagnostic (line, column and caret under the source line).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    for result in Parser.parse(SourceFile(name: "fuzz.fm", text: text)) {
        if case let .failure(diagnostic) = result { _ = "\(diagnostic)" }
    }
    return 0
}

/// The executable's entry point (SwiftPM links `main` to it): libFuzzer's driver with `fuzzOne`.
@_cdecl("fuzz_parser_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc, arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { fuzzOne($0, $1) }
}
