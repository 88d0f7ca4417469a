import CProcessor

/// The examples a network trains on or predicts: `[N, …]`, example `i` at offset `i·exampleSize`,
/// held either as float32 values or as bytes standing for `b / 255` (8-bit images, `ByteTensor`).
///
/// The engine reads examples only through `gather` (a shuffled training batch) and `withFloats`
/// (a contiguous inference chunk), which convert bytes on the way into a buffer the network
/// reuses. So a dataset of 8-bit images never has to exist as floats in full: Fashion-MNIST's
/// 60,000 training images take 47 MB instead of 188 MB.
public enum Examples: Sendable {
    case floats(Tensor)
    case bytes(ByteTensor)

    public var shape: [Int] {
        switch self {
        case let .floats(t): return t.shape
        case let .bytes(b): return b.shape
        }
    }

    /// N, the leading dimension.
    public var exampleCount: Int { shape.first ?? 0 }

    /// Values per example: the product of the dimensions after the first.
    public var exampleSize: Int { Tensor.elementCount(Array(shape.dropFirst())) }

    /// The values as a float32 tensor: the tensor itself, or the bytes converted (a new allocation).
    public var tensor: Tensor {
        switch self {
        case let .floats(t): return t
        case let .bytes(b): return b.floats
        }
    }

    /// Every value as a float (a copy).
    public var scalars: [Float] { tensor.scalars }

    /// The same examples seen with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) throws -> Examples {
        switch self {
        case let .floats(t): return .floats(try t.reshaped(newShape))
        case let .bytes(b): return .bytes(try b.reshaped(newShape))
        }
    }

    /// Examples `range` as a new value of the same kind (bytes stay bytes); the part of `range`
    /// outside `0..<exampleCount` is left out rather than read.
    public func examples(_ requested: Range<Int>) -> Examples {
        let range = requested.clamped(to: 0..<exampleCount)
        let size = exampleSize, shape = [range.count] + Array(self.shape.dropFirst())
        switch self {
        case let .floats(t):
            return .floats(t.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress, range.count > 0 else { return Tensor(shape: shape) }
                return Tensor(shape: shape, copying: s + range.lowerBound * size)
            })
        case let .bytes(b):
            let slice = Array(b.bytes[(range.lowerBound * size)..<(range.upperBound * size)])
            return .bytes((try? ByteTensor(shape: shape, bytes: slice)) ?? ByteTensor(shape: shape))
        }
    }

    /// Writes examples `indices[0..<count]` one after another into `out` as floats
    /// (`count·exampleSize` values). The caller checks every index against `exampleCount`.
    public func gather(_ indices: UnsafePointer<Int>, count: Int, into out: UnsafeMutablePointer<Float>) {
        let size = exampleSize
        switch self {
        case let .floats(t):
            t.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress else { return }
                for k in 0..<count { (out + k * size).update(from: s + indices[k] * size, count: size) }
            }
        case let .bytes(b):
            // Both cores fetch: the examples are scattered over the data set, so this waits on memory.
            b.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress else { return }
                Parallel.forEach(count, costPerItem: size) { range in
                    for k in range { ByteTensor.convert(s + indices[k] * size, count: size, into: out + k * size) }
                }
            }
        }
    }

    /// Asks the memory system for examples `indices[0..<count]` ahead of a `gather` (a hint:
    /// the cache lines arrive while the caller computes; indices are checked by the caller).
    /// A training step gathers 32 images scattered over the data set, each a wait on memory.
    public func prefetch(_ indices: UnsafePointer<Int>, count: Int) {
        let size = exampleSize
        switch self {
        case let .floats(t):
            t.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress else { return }
                for k in 0..<count { Self.prefetchLines(UnsafeRawPointer(s + indices[k] * size), bytes: size * 4) }
            }
        case let .bytes(b):
            b.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress else { return }
                for k in 0..<count { Self.prefetchLines(UnsafeRawPointer(s + indices[k] * size), bytes: size) }
            }
        }
    }

    private static func prefetchLines(_ start: UnsafeRawPointer, bytes: Int) {
        var offset = 0
        while offset < bytes { fm_prefetch(start + offset); offset += 64 }
        if bytes > 0 { fm_prefetch(start + (bytes - 1)) }
    }

    /// Calls `body` with examples `range` as contiguous floats: a float tensor's own memory (no
    /// copy), or the bytes converted into `scratch`. The caller checks that `range` lies within
    /// `0..<exampleCount`; the pointer is valid only inside `body`.
    public func withFloats<R>(_ range: Range<Int>, scratch: FloatBuffer,
                              _ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
        precondition(range.lowerBound >= 0 && range.upperBound <= exampleCount, "examples \(range) outside 0..<\(exampleCount)")
        let size = exampleSize
        switch self {
        case let .floats(t):
            return try t.withUnsafeBufferPointer { src in
                try body((src.baseAddress ?? UnsafePointer(scratch.pointer)) + range.lowerBound * size)
            }
        case let .bytes(b):
            scratch.reserve(range.count * size)
            b.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress else { return }
                ByteTensor.convert(s + range.lowerBound * size, count: range.count * size, into: scratch.pointer)
            }
            return try body(scratch.pointer)
        }
    }
}
