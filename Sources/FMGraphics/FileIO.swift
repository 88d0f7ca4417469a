#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `bytes` to `path` so that the file is complete or absent: the bytes go to a temporary
/// file in the same folder (`.NAME.tmp-PID-N`), are flushed to disk, and the temporary file is
/// renamed over `path` (atomic within one file system). On any failure the temporary file is removed.
public func writeFileAtomically(_ bytes: [UInt8], to path: String) throws {
    guard !path.isEmpty else { throw GraphicsError.cannotWrite(path: path, reason: "empty file name") }
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    guard !name.isEmpty else { throw GraphicsError.cannotWrite(path: path, reason: "the path names a folder") }
    let temporary = "\(folder).\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw GraphicsError.cannotWrite(path: path, reason: systemMessage()) }
    var failure: String? = nil
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count, let base = buffer.baseAddress {
            let n = write(fd, base + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = systemMessage(); return
            }
            offset += n
        }
    }
    if failure == nil && fsync(fd) != 0 { failure = systemMessage() }
    if close(fd) != 0 && failure == nil { failure = systemMessage() }
    if failure == nil && rename(temporary, path) != 0 { failure = systemMessage() }
    if let failure {
        unlink(temporary)
        throw GraphicsError.cannotWrite(path: path, reason: failure)
    }
}

/// The whole content of the file at `path`.
func readFile(_ path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw GraphicsError.cannotRead(path: path, reason: systemMessage()) }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            throw GraphicsError.cannotRead(path: path, reason: systemMessage())
        }
        if n == 0 { return out }
        out += chunk[0..<n]
    }
}

extension PNG {
    /// Reads and decodes the PNG file at `path`; errors name the file.
    public static func read(path: String) throws -> Raster {
        let bytes = try readFile(path)
        do {
            return try decode(bytes)
        } catch let error as GraphicsError {
            throw GraphicsError.cannotRead(path: path, reason: error.description)
        }
    }
}

/// `strerror(errno)`, e.g. "No such file or directory".
func systemMessage() -> String {
    String(cString: strerror(errno))
}
