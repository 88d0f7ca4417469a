import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading whole files, transparently un-gzipped.
///
/// A file is gzip when its first two bytes are `1f 8b` (the name does not matter); it is then
/// inflated in memory with zlib (`windowBits` 15+32: gzip or zlib header, checksum verified).
/// Concatenated gzip members are inflated one after the other, as `gunzip` does.
enum FileBytes {
    /// The bytes of `path`, inflated when they are gzip.
    static func read(_ path: String) throws -> [UInt8] {
        let raw = try readRaw(path)
        guard raw.count >= 2, raw[0] == 0x1F, raw[1] == 0x8B else { return raw }
        return try gunzip(raw, path: path)
    }

    /// The bytes of `path` exactly as stored; a clear error when it is missing or a folder.
    static func readRaw(_ path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw DataError.fileNotFound(path: path) }
            throw DataError.ioFailed(path: path, reason: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw DataError.isDirectory(path: path) }
        guard let file = fopen(path, "rb") else {
            throw DataError.ioFailed(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        // Read in blocks until end of file, so pipes and files that change size still work.
        var bytes = [UInt8]()
        bytes.reserveCapacity(max(Int(info.st_size), 0))
        let block = 1 << 20
        var chunk = [UInt8](repeating: 0, count: block)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, block, file) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < block {
                if ferror(file) != 0 { throw DataError.ioFailed(path: path, reason: "read error") }
                break
            }
        }
        return bytes
    }

    /// Inflates a gzip (or zlib) stream; `path` only names the file in errors.
    static func gunzip(_ input: [UInt8], path: String) throws -> [UInt8] {
        // ISIZE, the last four bytes (little-endian), is the uncompressed size modulo 2^32:
        // a good first guess for the output's capacity.
        var output = [UInt8]()
        if input.count >= 18 {
            let n = input.count
            let isize = Int(input[n - 4]) | Int(input[n - 3]) << 8 | Int(input[n - 2]) << 16 | Int(input[n - 1]) << 24
            output.reserveCapacity(min(isize, 1 << 31))
        }
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DataError.ioFailed(path: path, reason: "zlib could not start")
        }
        defer { inflateEnd(&stream) }

        let chunkSize = 1 << 22
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        try input.withUnsafeBufferPointer { src in
            guard let base = src.baseAddress else { throw DataError.truncatedGzip(path: path) }
            var offset = 0
            var finished = false
            while true {
                if stream.avail_in == 0 && offset < src.count {
                    let n = min(src.count - offset, 1 << 30)
                    stream.next_in = UnsafeMutablePointer(mutating: base + offset)
                    stream.avail_in = uInt(n)
                    offset += n
                }
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunkSize - Int(stream.avail_out)
                if produced > 0 { output.append(contentsOf: chunk[0..<produced]) }
                switch status {
                case Z_STREAM_END:
                    finished = true
                    // Another gzip member may follow (a concatenated .gz); trailing zeros do not count.
                    let rest = Int(stream.avail_in) + (src.count - offset)
                    let restStart = src.count - rest
                    if rest > 0, src[restStart] == 0x1F {
                        guard inflateReset(&stream) == Z_OK else { throw DataError.corruptGzip(path: path, detail: "reset failed") }
                        finished = false
                        continue
                    }
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    // No progress possible: the input is used up before the end marker.
                    if stream.avail_in == 0 && offset >= src.count { break }
                    continue
                case Z_DATA_ERROR, Z_NEED_DICT:
                    let message = stream.msg.map { String(cString: $0) } ?? "invalid data"
                    throw DataError.corruptGzip(path: path, detail: message)
                case Z_MEM_ERROR:
                    throw DataError.ioFailed(path: path, reason: "out of memory while inflating")
                default:
                    throw DataError.corruptGzip(path: path, detail: "zlib status \(status)")
                }
                break
            }
            if !finished { throw DataError.truncatedGzip(path: path) }
        }
        return output
    }
}
