#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes, un-gzipped, read front to back: a loader reads the header, then the data
/// straight into the array it keeps, so the inflated file never exists as a second copy.
///
/// Gzip is detected by the first two bytes (`1f 8b`), as in `FileBytes`; the compressed file is
/// held in memory while it is inflated. A raw file is read with `fread` as asked.
final class ByteStream {
    let path: String
    private var file: UnsafeMutablePointer<FILE>?
    private var inflater: Inflater?
    /// A raw stream over bytes in memory (`init(bytes:path:)`), read from `memoryOffset`.
    private var memory: [UInt8]?
    private var memoryOffset = 0
    /// The two bytes read to detect gzip, served first from a raw file.
    private var pending: [UInt8] = []
    /// Bytes delivered so far.
    private(set) var position = 0
    private var ended = false
    /// The size the file announces: a raw file's size, or a gzip trailer's ISIZE (the
    /// uncompressed size modulo 2³², of the last member), capped by deflate's 1032:1 limit.
    /// A hint for allocation only; never trusted as the real size.
    private let announced: Int

    init(path: String) throws {
        self.path = path
        let (file, size) = try FileBytes.open(path)
        var head = [UInt8](repeating: 0, count: 2)
        head.removeLast(2 - fread(&head, 1, 2, file))
        guard head == [0x1F, 0x8B] else {
            self.file = file
            pending = head
            announced = size
            return
        }
        defer { fclose(file) }
        let compressed = try FileBytes.readRest(of: file, after: head, expected: size, path: path)
        announced = ByteStream.announcedSize(ofGzip: compressed)
        inflater = try Inflater(compressed, path: path)
    }

    /// A stream over bytes already in memory (gzip detected the same way); `path` names them in errors.
    init(bytes: [UInt8], path: String) throws {
        self.path = path
        guard bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B else {
            memory = bytes
            announced = bytes.count
            return
        }
        announced = ByteStream.announcedSize(ofGzip: bytes)
        inflater = try Inflater(bytes, path: path)
    }

    /// A gzip trailer's ISIZE, capped by deflate's 1032:1 limit.
    private static func announcedSize(ofGzip compressed: [UInt8]) -> Int {
        let n = compressed.count
        let isize = n >= 18
            ? Int(compressed[n - 4]) | Int(compressed[n - 3]) << 8 | Int(compressed[n - 2]) << 16 | Int(compressed[n - 1]) << 24 : 0
        return min(isize, n * 1032)
    }

    deinit { if let file { fclose(file) } }

    /// Fills `buffer` from the stream; returns the bytes written, fewer than asked only at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let out = buffer.baseAddress, buffer.count > 0, !ended else { return 0 }
        var written = 0
        if !pending.isEmpty {
            written = min(pending.count, buffer.count)
            out.copyMemory(from: pending, byteCount: written)
            pending.removeFirst(written)
        }
        if let memory {
            let got = min(buffer.count - written, memory.count - memoryOffset)
            if got > 0 {
                memory.withUnsafeBytes { src in
                    if let base = src.baseAddress { (out + written).copyMemory(from: base + memoryOffset, byteCount: got) }
                }
            }
            memoryOffset += got
            written += got
            ended = memoryOffset >= memory.count
        } else if let inflater {
            let (produced, finished) = try inflater.inflate(into: UnsafeMutableRawBufferPointer(rebasing: buffer[written...]))
            written += produced
            ended = finished
        } else if let file, written < buffer.count {
            let wanted = buffer.count - written
            let got = fread(out + written, 1, wanted, file)
            if ferror(file) != 0 { throw DataError.ioFailed(path: path, reason: "read error") }
            written += got
            ended = got < wanted
        }
        position += written
        return written
    }

    /// Up to `n` bytes, fewer only at the end. Allocates at most what the file announces up
    /// front and grows only as data arrives, so a header that promises more than the file holds
    /// cannot make it allocate that much.
    func read(_ n: Int) throws -> [UInt8] {
        let first = max(0, min(n, announced - position))
        var bytes = try [UInt8](unsafeUninitializedCapacity: first) { buffer, initialized in
            initialized = 0
            initialized = try read(into: UnsafeMutableRawBufferPointer(buffer))
        }
        var block = [UInt8]()
        while bytes.count < n && !ended {
            if block.isEmpty { block = [UInt8](repeating: 0, count: 1 << 22) }
            let want = min(block.count, n - bytes.count)
            let got = try block.withUnsafeMutableBytes { try read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want])) }
            bytes.append(contentsOf: block[0..<got])
        }
        return bytes
    }

    /// Reads the rest of a gzip stream, so its checksum is verified (a raw file has none).
    func finish() throws {
        if inflater != nil { _ = try skipToEnd() }
    }

    /// The stream's total size, reading (and dropping) what is left: for error messages.
    func totalSize() throws -> Int {
        try skipToEnd()
        return position
    }

    private func skipToEnd() throws {
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while !ended {
            _ = try block.withUnsafeMutableBytes { try read(into: $0) }
        }
    }
}
