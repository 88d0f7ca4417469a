/// A dense float32 tensor, row-major (the last dimension varies fastest).
///
/// `Tensor` is a value type with copy-on-write storage: copies are cheap until one
/// of them is written. Images are stored channels-last: `[N, H, W]` or `[N, H, W, C]`.
public struct Tensor {
    public private(set) var shape: [Int]
    @usableFromInline var storage: TensorStorage

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        self.shape = shape
        self.storage = TensorStorage(count: Tensor.elementCount(shape), repeating: value)
    }

    /// A tensor of `shape` holding `scalars`; their count must match the shape.
    public init(shape: [Int], scalars: [Float]) throws {
        guard Tensor.elementCount(shape) == scalars.count else {
            throw TensorError.shapeMismatch(op: "init", expected: shape, actual: [scalars.count])
        }
        self.shape = shape
        self.storage = TensorStorage(scalars)
    }

    /// Number of elements.
    @inlinable public var count: Int { storage.count }

    /// The elements as an array (a copy).
    public var scalars: [Float] {
        withUnsafeBufferPointer { Array($0) }
    }

    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return try body(UnsafeMutableBufferPointer(start: storage.base, count: storage.count))
    }

    /// The same elements seen with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        try Tensor.checkReshape(shape, count: count, to: newShape)
        var t = self
        t.shape = newShape
        return t
    }

    @inlinable
    public static func elementCount(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Throws unless `count` elements of `shape` can be seen as `newShape` (`Tensor`, `ByteTensor`).
    static func checkReshape(_ shape: [Int], count: Int, to newShape: [Int]) throws {
        guard elementCount(newShape) == count else {
            throw TensorError.shapeMismatch(op: "reshape", expected: shape, actual: newShape)
        }
    }
}

/// Heap storage behind a tensor; 64-byte aligned for SIMD and BLAS.
public final class TensorStorage {
    public let base: UnsafeMutablePointer<Float>
    public let count: Int

    init(count: Int, repeating value: Float = 0) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64)
        base = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        base.initialize(repeating: value, count: count)
    }

    convenience init(_ scalars: [Float]) {
        self.init(count: scalars.count)
        scalars.withUnsafeBufferPointer { src in
            if let s = src.baseAddress { base.update(from: s, count: count) }
        }
    }

    @usableFromInline func copy() -> TensorStorage {
        let c = TensorStorage(count: count)
        c.base.update(from: base, count: count)
        return c
    }

    deinit { base.deallocate() }
}

/// Errors the engine reports; each names the operation and the shapes involved.
public enum TensorError: Error, CustomStringConvertible, Equatable {
    case shapeMismatch(op: String, expected: [Int], actual: [Int])

    public var description: String {
        switch self {
        case let .shapeMismatch(op, expected, actual):
            return "[\(op)] shape \(Tensor.describe(actual)) does not fit \(Tensor.describe(expected))"
        }
    }
}

extension Tensor {
    /// `28x28x1`-style text for a shape.
    public static func describe(_ shape: [Int]) -> String {
        shape.map(String.init).joined(separator: "x")
    }
}

extension Tensor {
    /// A tensor of `shape` holding a copy of `count(shape)` floats read from `source`.
    public init(shape: [Int], copying source: UnsafePointer<Float>) {
        self.init(shape: shape)
        let n = count
        withUnsafeMutableBufferPointer { dst in
            if let d = dst.baseAddress { d.update(from: source, count: n) }
        }
    }
}

/// A tensor shared between threads is only read: every write goes through
/// `withUnsafeMutableBufferPointer`, which copies storage that is not uniquely referenced.
extension Tensor: @unchecked Sendable {}
