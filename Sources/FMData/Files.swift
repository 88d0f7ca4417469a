import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// True when `path` names an existing regular file (or a link to one).
func isFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
}

/// Writes `bytes` to `path` completely or not at all: the data goes to a temporary file in the
/// same folder first, which is then renamed over `path` (rename is atomic on POSIX).
func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    var info = stat()
    if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw DataError.isDirectory(path: path) }
    let temporary = path + ".tmp-\(getpid())"
    guard let file = fopen(temporary, "wb") else {
        throw DataError.ioFailed(path: path, reason: String(cString: strerror(errno)))
    }
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    let closed = fclose(file)
    guard written == bytes.count, closed == 0 else {
        unlink(temporary)
        throw DataError.ioFailed(path: path, reason: "write failed (disk full?)")
    }
    guard rename(temporary, path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        throw DataError.ioFailed(path: path, reason: reason)
    }
}

/// Runs `count` independent jobs on the machine's cores and returns their results in order.
enum ParallelTasks {
    static func run<T>(_ count: Int, _ job: (Int) -> T) -> [T] {
        let slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        defer { slots.deinitialize(count: count); slots.deallocate() }
        // Each job writes only its own slot, so no lock is needed.
        DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = job(i) }
        return (0..<count).compactMap { slots[$0] }
    }
}
