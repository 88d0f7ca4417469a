import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The size and CRC-32 of a file's decompressed content: what identifies a Fashion-MNIST file
/// whoever compressed it (Debian recompresses the four files, so the checksums Zalando
/// publishes for its `.gz` files do not apply).
public struct ContentChecksum: Equatable, Sendable, CustomStringConvertible {
    public var size: Int
    public var crc32: UInt32

    public init(size: Int, crc32: UInt32) { self.size = size; self.crc32 = crc32 }

    public var description: String { "\(size) bytes with CRC-32 \(hex(crc32))" }

    /// Of `path`'s content. For gzip it is the last member's trailer: zlib has already checked
    /// the inflated bytes against it while loading, so this costs one 8-byte read. A raw file
    /// is read and summed.
    static func of(_ path: String) throws -> ContentChecksum {
        let (file, size) = try FileBytes.open(path)
        defer { fclose(file) }
        var magic = [UInt8](repeating: 0, count: 2)
        if size >= 18, fread(&magic, 1, 2, file) == 2, magic == [0x1f, 0x8b] {
            var trailer = [UInt8](repeating: 0, count: 8)
            guard fseek(file, -8, SEEK_END) == 0, fread(&trailer, 1, 8, file) == 8 else {
                throw DataError.truncatedGzip(path: path)
            }
            func word(_ at: Int) -> UInt32 { (0..<4).reduce(UInt32(0)) { $0 | UInt32(trailer[at + $1]) << (8 * $1) } }
            return ContentChecksum(size: Int(word(4)), crc32: word(0))
        }
        let bytes = try FileBytes.readRaw(path)
        let crc = bytes.withUnsafeBufferPointer { b in
            CZlib.crc32(0, b.baseAddress, UInt32(truncatingIfNeeded: b.count))
        }
        return ContentChecksum(size: bytes.count, crc32: UInt32(truncatingIfNeeded: crc))
    }
}

extension FashionMNIST {
    /// The four files' decompressed content, as Debian's `dataset-fashion-mnist` installs it.
    static let checksums: [String: ContentChecksum] = [
        stems.trainImages: ContentChecksum(size: 47_040_016, crc32: 0xb4f2_9f28),
        stems.trainLabels: ContentChecksum(size: 60_008, crc32: 0x741a_4657),
        stems.testImages: ContentChecksum(size: 7_840_016, crc32: 0x678f_e0b1),
        stems.testLabels: ContentChecksum(size: 10_008, crc32: 0x8014_2c1f),
    ]

    /// Throws `DataError.notFashionMNIST` when `path` (the file of `stem`) holds other content.
    static func verify(_ path: String, stem: String) throws {
        guard let expected = checksums[stem] else { return }
        let found = try ContentChecksum.of(path)
        if found != expected { throw DataError.notFashionMNIST(path: path, expected: expected, found: found) }
    }
}
