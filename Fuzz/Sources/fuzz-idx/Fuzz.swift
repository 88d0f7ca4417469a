import CFuzzer
import FMData

/// The IDX reader on the input as a file's bytes: images and labels (a gzip input, `1f 8b`, is
/// inflated as a .gz file would be).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    do { _ = try IDX.readImages(bytes: bytes, name: "fuzz.idx") } catch { _ = "\(error)" }
    do { _ = try IDX.readLabels(bytes: bytes, name: "fuzz.idx") } catch { _ = "\(error)" }
    return 0
}

/// The executable's entry point (SwiftPM links `main` to it): libFuzzer's driver with `fuzzOne`.
@_cdecl("fuzz_idx_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc, arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { fuzzOne($0, $1) }
}
