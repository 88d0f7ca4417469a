/// A grow-only, 64-byte-aligned scratch array of floats, owned by one layer or network.
///
/// The engine allocates these once per network and batch size and reuses them every step:
/// `reserve(n)` reallocates only when `n` exceeds the capacity (the old contents are dropped),
/// so pointers taken from `pointer` are valid until the next growing `reserve`.
public final class FloatBuffer {
    public private(set) var pointer: UnsafeMutablePointer<Float>
    public private(set) var capacity: Int

    public init(capacity: Int = 0) {
        self.capacity = max(capacity, 0)
        pointer = FloatBuffer.allocate(self.capacity)
    }

    /// Makes room for at least `count` floats; contents are undefined after a growth.
    @inline(__always)
    public func reserve(_ count: Int) {
        if count <= capacity { return }
        pointer.deallocate()
        capacity = count
        pointer = FloatBuffer.allocate(count)
    }

    /// Sets the first `count` floats to `value` (growing first if needed).
    public func fill(_ value: Float, count: Int) {
        reserve(count)
        pointer.update(repeating: value, count: count)
    }

    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64)
        let p = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        p.initialize(repeating: 0, count: max(count, 1))
        return p
    }

    deinit { pointer.deallocate() }
}

/// Grow-only aligned scratch of 32-bit indices (max-pool arg-max positions).
public final class IndexBuffer {
    public private(set) var pointer: UnsafeMutablePointer<Int32>
    public private(set) var capacity: Int

    public init() {
        capacity = 0
        pointer = .allocate(capacity: 1)
    }

    @inline(__always)
    public func reserve(_ count: Int) {
        if count <= capacity { return }
        pointer.deallocate()
        capacity = count
        pointer = .allocate(capacity: count)
    }

    deinit { pointer.deallocate() }
}
