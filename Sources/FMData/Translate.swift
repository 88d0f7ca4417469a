import FMTensor

extension Dataset {
    /// Every image transformed by `t` (see `Translation` for the formulas); labels and class
    /// names unchanged, `source` says what was done. `seed` drives `corner=random` (one coin per
    /// image, bottom-right when the top bit of `next()` is set) and `random=N` (per image
    /// `dx = next() mod (2N+1) − N`, then `dy` the same way). Parameters that `validate()` rejects
    /// give black images rather than a crash.
    public func translated(_ t: Translation, seed: UInt64) -> Dataset {
        let n = count, h = height, w = width, p = h * w
        var out = Tensor(shape: images.shape)
        var rng = SeededRandom(seed: seed)
        if n > 0 && p > 0 && images.shape.count == 3 {
            images.withUnsafeBufferPointer { source in
                out.withUnsafeMutableBufferPointer { destination in
                    guard let src = source.baseAddress, let dst = destination.baseAddress else { return }
                    switch t {
                    case let .corner(corner, canvas):
                        Dataset.corner(src, dst, count: n, width: w, height: h,
                                       corner: corner, canvas: canvas, rng: &rng)
                    case let .shift(dx, dy):
                        for i in 0..<n { Shift.apply(src + i * p, dst + i * p, width: w, height: h, dx: dx, dy: dy) }
                    case let .randomShift(range):
                        let offsets = Augment.drawShifts(count: n, maxShift: range, rng: &rng)
                        for i in 0..<n {
                            Shift.apply(src + i * p, dst + i * p, width: w, height: h, dx: offsets[2 * i], dy: offsets[2 * i + 1])
                        }
                    case let .rotate(degrees):
                        let warp = BilinearWarp.rotation(width: w, height: h, degrees: degrees)
                        for i in 0..<n { warp.apply(src + i * p, dst + i * p) }
                    case let .scale(factor):
                        let warp = BilinearWarp.scaling(width: w, height: h, factor: factor)
                        for i in 0..<n { warp.apply(src + i * p, dst + i * p) }
                    }
                }
            }
        }
        let seedNote = t.isRandom ? " seed=\(seed)" : ""
        return Dataset(images: out, labels: labels, classNames: classNames,
                       source: "\(source), translated \(t)\(seedNote)")
    }

    /// The seed's transform for `count` images: place each on a zero canvas, resize back.
    private static func corner(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>,
                               count n: Int, width w: Int, height h: Int,
                               corner: Corner, canvas: Int, rng: inout SeededRandom) {
        let size = max(canvas, h, w)
        let plan = LinearResize(width: size, height: size, toWidth: w, toHeight: h)
        let board = UnsafeMutablePointer<Float>.allocate(capacity: size * size)
        let rows = UnsafeMutablePointer<Float>.allocate(capacity: 2 * w)
        defer { board.deallocate(); rows.deallocate() }
        board.initialize(repeating: 0, count: size * size)
        rows.initialize(repeating: 0, count: 2 * w)
        for i in 0..<n {
            let bottomRight: Bool
            switch corner {
            case .topLeft: bottomRight = false
            case .bottomRight: bottomRight = true
            case .random: bottomRight = rng.next() >> 63 == 1
            }
            let top = bottomRight ? size - h : 0, left = bottomRight ? size - w : 0
            board.update(repeating: 0, count: size * size)
            let image = src + i * h * w
            for y in 0..<h { (board + (top + y) * size + left).update(from: image + y * w, count: w) }
            plan.apply(board, dst + i * h * w, rows: rows)
        }
    }
}
