import CFuzzer
import FMLanguage
import FMLessons

/// The lesson-file parser on any text (invalid UTF-8 repaired as a file read would), and the
/// rendering of every error it reports.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    do {
        _ = try LessonParser.parse(SourceFile(name: "fuzz.lesson", text: text))
    } catch {
        _ = "\(error)"
    }
    return 0
}

/// The executable's entry point (SwiftPM links `main` to it): libFuzzer's driver with `fuzzOne`.
@_cdecl("fuzz_lesson_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc, arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { fuzzOne($0, $1) }
}
