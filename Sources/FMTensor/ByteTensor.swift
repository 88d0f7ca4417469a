/// A dense tensor of bytes, each standing for the float `b / 255` in [0, 1]: 8-bit images kept
/// at a quarter of the memory of their float32 values and converted as they are read.
///
/// Row-major like `Tensor`; `bytes` is an array, so copies share storage until one is written.
public struct ByteTensor: Sendable, Equatable {
    public private(set) var shape: [Int]
    public private(set) var bytes: [UInt8]

    /// `bytes` seen with `shape`; their count must match the shape.
    public init(shape: [Int], bytes: [UInt8]) throws {
        guard Tensor.elementCount(shape) == bytes.count else {
            throw TensorError.shapeMismatch(op: "init", expected: shape, actual: [bytes.count])
        }
        self.shape = shape
        self.bytes = bytes
    }

    /// A tensor of `shape` filled with zero bytes.
    public init(shape: [Int]) {
        self.shape = shape
        bytes = [UInt8](repeating: 0, count: Tensor.elementCount(shape))
    }

    /// Number of elements.
    public var count: Int { bytes.count }

    /// The float value of every byte value (what `convert` is tested against): `b / 255` computed in Double and rounded once to
    /// Float, as NumPy's `x / 255.0` cast to float32.
    public static let values: [Float] = (0...255).map { Float(Double($0) / 255) }

    /// Converts `count` bytes to their float values, as `Float(b) / 255` in float32: the same
    /// values as the table (every byte checked by the tests), and a loop the compiler vectorises.
    public static func convert(_ source: UnsafePointer<UInt8>, count: Int, into out: UnsafeMutablePointer<Float>) {
        for i in 0..<count { out[i] = Float(source[i]) / 255 }
    }

    /// The values as a float32 tensor of the same shape (a new allocation, 4 bytes per element).
    public var floats: Tensor {
        var t = Tensor(shape: shape)
        let n = count
        t.withUnsafeMutableBufferPointer { dst in
            bytes.withUnsafeBufferPointer { src in
                guard let d = dst.baseAddress, let s = src.baseAddress else { return }
                ByteTensor.convert(s, count: n, into: d)
            }
        }
        return t
    }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer(body)
    }

    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// The same bytes seen with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) throws -> ByteTensor {
        try Tensor.checkReshape(shape, count: count, to: newShape)
        var t = self
        t.shape = newShape
        return t
    }
}
