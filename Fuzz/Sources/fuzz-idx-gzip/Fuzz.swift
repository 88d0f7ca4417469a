import CFuzzer
import CZlib
import FMData

/// The IDX reader through its gzip path: the input (after one control byte) is the IDX content,
/// compressed here with gzip so mutations act on what the header parser sees. The control byte
/// chooses the variant: bit 0 cuts the compressed stream short (at a length from the next
/// byte), bit 1 corrupts one compressed byte, bit 2 appends a second gzip member.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    guard let control = input.first else { return 0 }
    let content = Array(input.dropFirst())
    var file = gzip(content)
    if control & 4 != 0 { file += gzip(content.suffix(content.count / 2)) }
    if control & 2 != 0, file.count > 12 { file[10 + Int(control >> 3) % (file.count - 10)] ^= 0x5A }
    if control & 1 != 0 { file = Array(file.prefix(Int(content.first ?? 0) * file.count / 256)) }
    do { _ = try IDX.readImages(bytes: file, name: "fuzz.idx.gz") } catch { _ = "\(error)" }
    do { _ = try IDX.readLabels(bytes: file, name: "fuzz.idx.gz") } catch { _ = "\(error)" }
    return 0
}

/// `bytes` as one gzip member (windowBits 15 + 16), fastest level.
func gzip(_ bytes: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    guard deflateInit2_(&stream, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                        Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
    defer { deflateEnd(&stream) }
    var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
    var input = bytes
    let produced: Int = input.withUnsafeMutableBufferPointer { src in
        out.withUnsafeMutableBufferPointer { dst in
            stream.next_in = src.baseAddress
            stream.avail_in = uInt(src.count)
            stream.next_out = dst.baseAddress
            stream.avail_out = uInt(dst.count)
            _ = deflate(&stream, Z_FINISH)
            return dst.count - Int(stream.avail_out)
        }
    }
    return Array(out.prefix(produced))
}

/// The executable's entry point (SwiftPM links `main` to it): libFuzzer's driver with `fuzzOne`.
@_cdecl("fuzz_idx_gzip_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc, arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { fuzzOne($0, $1) }
}
