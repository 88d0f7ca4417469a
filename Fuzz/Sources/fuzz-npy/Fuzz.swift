import CFuzzer
import FMData

/// The NPY reader on the input as a file's bytes: as images and as labels.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    do { _ = try NPY.readImages(bytes: bytes, name: "fuzz.npy") } catch { _ = "\(error)" }
    do { _ = try NPY.readLabels(bytes: bytes, name: "fuzz.npy") } catch { _ = "\(error)" }
    return 0
}

/// The executable's entry point (SwiftPM links `main` to it): libFuzzer's driver with `fuzzOne`.
@_cdecl("fuzz_npy_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc, arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { fuzzOne($0, $1) }
}
