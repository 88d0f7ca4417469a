import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening and reading whole files as stored, with clear errors; and the zlib inflater behind
/// `ByteStream`, which loaders read through (a file is gzip when its first two bytes are
/// `1f 8b`, whatever its name; `windowBits` 15+32: gzip or zlib header, checksum verified;
/// concatenated gzip members one after the other, as `gunzip` does).
enum FileBytes {
    /// The bytes of `path` exactly as stored; a clear error when it is missing or a folder.
    static func readRaw(_ path: String) throws -> [UInt8] {
        let (file, size) = try open(path)
        defer { fclose(file) }
        return try readRest(of: file, after: [], expected: size, path: path)
    }

    /// `path` opened for reading, with its size (0 for a pipe); a clear error when it is
    /// missing or a folder.
    static func open(_ path: String) throws -> (UnsafeMutablePointer<FILE>, Int) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw DataError.fileNotFound(path: path) }
            throw DataError.ioFailed(path: path, reason: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw DataError.isDirectory(path: path) }
        guard let file = fopen(path, "rb") else {
            throw DataError.ioFailed(path: path, reason: String(cString: strerror(errno)))
        }
        return (file, max(Int(info.st_size), 0))
    }

    /// `head` followed by everything left in `file`, read straight into one array of the
    /// `expected` size (the file's size), then in blocks for whatever is beyond it (a file that
    /// grew, or a pipe whose size was 0).
    static func readRest(of file: UnsafeMutablePointer<FILE>, after head: [UInt8], expected: Int,
                         path: String) throws -> [UInt8] {
        let size = max(expected, head.count)
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            guard let base = buffer.baseAddress else { initialized = 0; return }
            base.initialize(from: head, count: head.count)
            initialized = head.count + (size > head.count ? fread(base + head.count, 1, size - head.count, file) : 0)
        }
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while ferror(file) == 0 && feof(file) == 0 {
            let n = block.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            bytes.append(contentsOf: block[0..<n])
        }
        if ferror(file) != 0 { throw DataError.ioFailed(path: path, reason: "read error") }
        return bytes
    }
}

/// One zlib inflate stream over an in-memory input; `inflate(into:)` fills a buffer at a time.
/// A class, because zlib keeps a pointer back to its `z_stream`: the stream must stay put.
final class Inflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: [UInt8]
    private var consumed = 0
    private let path: String
    private var started = false

    init(_ input: [UInt8], path: String) throws {
        self.input = input
        self.path = path
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DataError.ioFailed(path: path, reason: "zlib could not start")
        }
        started = true
    }

    deinit {
        if started { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates into `buffer` until it is full or the stream ends; returns the bytes written and
    /// whether the (last) stream ended. A stream that stops early is `truncatedGzip`.
    func inflate(into buffer: UnsafeMutableRawBufferPointer) throws -> (Int, Bool) {
        guard let out = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count > 0 else { return (0, false) }
        var produced = 0
        while produced < buffer.count {
            let room = min(buffer.count - produced, Int(UInt32.max))
            let available = min(input.count - consumed, Int(UInt32.max))
            let (status, used, written) = input.withUnsafeBufferPointer { src -> (Int32, Int, Int) in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: src.baseAddress.map { $0 + consumed })
                stream.pointee.avail_in = uInt(available)
                stream.pointee.next_out = out + produced
                stream.pointee.avail_out = uInt(room)
                let status = CZlib.inflate(stream, Z_NO_FLUSH)
                return (status, available - Int(stream.pointee.avail_in), room - Int(stream.pointee.avail_out))
            }
            consumed += used
            produced += written
            switch status {
            case Z_STREAM_END:
                // Another gzip member may follow (a concatenated .gz); anything else is ignored.
                guard consumed < input.count, input[consumed] == 0x1F else { return (produced, true) }
                guard inflateReset(stream) == Z_OK else { throw DataError.corruptGzip(path: path, detail: "reset failed") }
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress possible: either the output is full, or the input ended too soon.
                if consumed >= input.count { throw DataError.truncatedGzip(path: path) }
                if used == 0 && written == 0 { throw DataError.corruptGzip(path: path, detail: "no progress") }
            case Z_DATA_ERROR, Z_NEED_DICT:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
                throw DataError.corruptGzip(path: path, detail: message)
            case Z_MEM_ERROR:
                throw DataError.ioFailed(path: path, reason: "out of memory while inflating")
            default:
                throw DataError.corruptGzip(path: path, detail: "zlib status \(status)")
            }
        }
        return (produced, false)
    }
}
