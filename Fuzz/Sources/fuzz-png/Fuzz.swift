import CFuzzer
@_spi(Fuzzing) import FMGraphics

/// The PNG decoder with chunk CRCs not checked, so mutated files reach the inflater, the row
/// filters and the pixel expansion instead of stopping at the first checksum.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    do { _ = try PNG.decode(bytes, checkingCRC: false) } catch { _ = "\(error)" }
    return 0
}

/// The executable's entry point (SwiftPM links `main` to it): libFuzzer's driver with `fuzzOne`.
@_cdecl("fuzz_png_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc, arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { fuzzOne($0, $1) }
}
