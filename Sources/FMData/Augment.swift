import FMTensor

/// Training-time augmentation (`train … augment=shift:2`).
public enum Augment {
    /// Fresh random whole-pixel shifts in −maxShift…maxShift (dx and dy independent, uniform)
    /// for every image of `[N, H, W]` examples, zero fill, into new examples of the same shape
    /// and kind: a shift only moves pixels, so bytes stay bytes (47 MB a Fashion-MNIST epoch
    /// instead of 188 MB). The offsets are drawn from `rng` in image order first, so the result
    /// does not depend on how the copying is split across cores. Anything but `[N, H, W]` is
    /// returned unchanged.
    public static func randomShifts(_ images: Examples, maxShift: Int, rng: inout SeededRandom) -> Examples {
        guard images.shape.count == 3 else { return images }
        let n = images.shape[0], h = images.shape[1], w = images.shape[2]
        guard n > 0, h * w > 0 else { return images }
        let offsets = drawShifts(count: n, maxShift: maxShift, rng: &rng)
        switch images {
        case let .floats(source):
            var out = Tensor(shape: source.shape)
            source.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in shift(src, dst, width: w, height: h, offsets: offsets) }
            }
            return .floats(out)
        case let .bytes(source):
            var out = ByteTensor(shape: source.shape)
            source.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in shift(src, dst, width: w, height: h, offsets: offsets) }
            }
            return .bytes(out)
        }
    }

    /// Shifts image i of `src` by `offsets[2i], offsets[2i+1]` into `dst`, on two cores for 4,096 images or more.
    private static func shift<Pixel: Numeric>(_ src: UnsafeBufferPointer<Pixel>, _ dst: UnsafeMutableBufferPointer<Pixel>,
                                              width w: Int, height h: Int, offsets: [Int]) {
        guard let s = src.baseAddress, let d = dst.baseAddress else { return }
        let p = w * h, n = src.count / p
        let parts = n >= 4096 ? 2 : 1
        _ = ParallelTasks.run(parts) { part in
            for i in (part * n / parts)..<((part + 1) * n / parts) {
                Shift.apply(s + i * p, d + i * p, width: w, height: h, dx: offsets[2 * i], dy: offsets[2 * i + 1])
            }
        }
    }

    /// "shift:2" → 2 (also "shift:0"); anything else → nil.
    public static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "shift", let n = Int(parts[1]), n >= 0, n <= 1000 else { return nil }
        return n
    }

    /// `count` (dx, dy) pairs, interleaved: `dx = next() mod (2m+1) − m`, then dy likewise,
    /// with m = |maxShift| capped at 1,000,000.
    static func drawShifts(count: Int, maxShift: Int, rng: inout SeededRandom) -> [Int] {
        let m = Int(min(maxShift.magnitude, 1_000_000))
        let span = UInt64(2 * m + 1)
        var offsets = [Int](repeating: 0, count: 2 * count)
        for k in 0..<(2 * count) { offsets[k] = Int(rng.next() % span) - m }
        return offsets
    }
}
