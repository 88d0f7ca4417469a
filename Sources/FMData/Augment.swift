import FMTensor

/// Training-time augmentation (`train … augment=shift:2`).
public enum Augment {
    /// Fresh random whole-pixel shifts in −maxShift…maxShift (dx and dy independent, uniform)
    /// for every image of an `[N, H, W]` tensor, zero fill, into a new tensor of the same shape.
    /// The offsets are drawn from `rng` in image order first, so the result does not depend on
    /// how the copying is split across cores.
    public static func randomShifts(_ images: Tensor, maxShift: Int, rng: inout SeededRandom) -> Tensor {
        var out = Tensor(shape: [0])
        randomShifts(images, maxShift: maxShift, rng: &rng, into: &out)
        return out
    }

    /// The same, writing into `output` (reshaped to the images' shape when it differs), so a
    /// training loop can reuse one buffer every epoch instead of allocating 188 MB each time.
    /// Anything but an `[N, H, W]` tensor is copied unchanged.
    public static func randomShifts(_ images: Tensor, maxShift: Int, rng: inout SeededRandom, into output: inout Tensor) {
        if output.shape != images.shape { output = Tensor(shape: images.shape) }
        guard images.shape.count == 3 else {
            output = images
            return
        }
        let n = images.shape[0], h = images.shape[1], w = images.shape[2], p = h * w
        guard n > 0, p > 0 else { return }
        let offsets = drawShifts(count: n, maxShift: maxShift, rng: &rng)
        images.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                guard let src = source.baseAddress, let dst = destination.baseAddress else { return }
                let parts = n >= 4096 ? 2 : 1
                _ = ParallelTasks.run(parts) { part in
                    for i in (part * n / parts)..<((part + 1) * n / parts) {
                        Shift.apply(src + i * p, dst + i * p, width: w, height: h,
                                    dx: offsets[2 * i], dy: offsets[2 * i + 1])
                    }
                }
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
