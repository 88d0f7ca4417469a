import CFuzzer
import Foundation
import FMInterop

/// The safetensors reader, with and without skipping integer entries.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    for skip in [false, true] {
        do { _ = try SafeTensors.decode(bytes, file: "fuzz.safetensors", skipNonFloat: skip) } catch { _ = "\(error)" }
    }
    return 0
}

/// The executable's entry point (SwiftPM links `main` to it): libFuzzer's driver with `fuzzOne`.
@_cdecl("fuzz_safetensors_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc, arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { fuzzOne($0, $1) }
}
