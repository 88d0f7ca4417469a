import FMTensor

extension Dataset {
    /// Every image transformed by `t` (see `Translation` for the formulas); labels and class
    /// names unchanged, `source` says what was done. `seed` drives `corner=random` (one coin per
    /// image, bottom-right when the top bit of `next()` is set) and `random=N` (per image
    /// `dx = next() mod (2N+1) − N`, then `dy` the same way). All random choices are drawn in
    /// image order before the work is split across cores, so the result depends on the seed only.
    /// Parameters that `validate()` rejects give black images rather than a crash.
    /// The result is float32, whatever the source: its pixels are interpolated.
    public func translated(_ t: Translation, seed: UInt64) -> Dataset {
        let n = count, h = height, w = width, p = h * w
        var out = Tensor(shape: images.shape)
        var rng = SeededRandom(seed: seed)
        if n > 0 && p > 0 && images.shape.count == 3 {
            let job = TranslationJob(t, count: n, width: w, height: h, rng: &rng)
            out.withUnsafeMutableBufferPointer { destination in
                guard let dst = destination.baseAddress else { return }
                let parts = n >= 2048 ? 2 : 1
                _ = ParallelTasks.run(parts) { part in
                    // Byte images are read as floats a block at a time, through this part's own buffer.
                    let scratch = FloatBuffer()
                    var start = part * n / parts
                    let end = (part + 1) * n / parts
                    while start < end {
                        let block = start..<min(end, start + 256)
                        images.withFloats(block, scratch: scratch) { src in job.run(src, dst, images: block) }
                        start = block.upperBound
                    }
                }
            }
        }
        let seedNote = t.isRandom ? " seed=\(seed)" : ""
        return Dataset(images: .floats(out), labels: labels, classNames: classNames,
                       source: "\(source), translated \(t)\(seedNote)")
    }
}

/// One translation prepared for a dataset: sampling tables built once, random choices drawn.
private struct TranslationJob {
    enum Plan {
        /// Canvas side, resize plan, and per image whether it goes bottom-right.
        case corner(size: Int, resize: LinearResize, bottomRight: [Bool])
        /// Interleaved (dx, dy) per image.
        case shifts([Int])
        case warp(BilinearWarp)
    }

    let plan: Plan
    let width: Int, height: Int

    init(_ t: Translation, count n: Int, width w: Int, height h: Int, rng: inout SeededRandom) {
        width = w; height = h
        switch t {
        case let .corner(corner, canvas):
            // validate() allows canvases up to 4096; a larger one is clamped rather than allocated.
            let size = max(min(canvas, 4096), h, w)
            var choices = [Bool](repeating: corner == .bottomRight, count: n)
            if corner == .random { for i in 0..<n { choices[i] = rng.next() >> 63 == 1 } }
            plan = .corner(size: size, resize: LinearResize(width: size, height: size, toWidth: w, toHeight: h),
                           bottomRight: choices)
        case let .shift(dx, dy):
            var offsets = [Int](repeating: 0, count: 2 * n)
            for i in 0..<n { offsets[2 * i] = dx; offsets[2 * i + 1] = dy }
            plan = .shifts(offsets)
        case let .randomShift(range):
            plan = .shifts(Augment.drawShifts(count: n, maxShift: range, rng: &rng))
        case let .rotate(degrees):
            plan = .warp(BilinearWarp.rotation(width: w, height: h, degrees: degrees))
        case let .scale(factor):
            plan = .warp(BilinearWarp.scaling(width: w, height: h, factor: factor))
        }
    }

    /// Transforms `images` (a range of image indices) into `dst` (all images); `src` holds
    /// just those images, starting with `images.lowerBound`.
    func run(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, images: Range<Int>) {
        let w = width, h = height, p = w * h, first = images.lowerBound
        switch plan {
        case let .corner(size, resize, bottomRight):
            // Scratch space per call, so each core has its own canvas.
            let board = UnsafeMutablePointer<Float>.allocate(capacity: size * size)
            let rows = UnsafeMutablePointer<Float>.allocate(capacity: 2 * w)
            defer { board.deallocate(); rows.deallocate() }
            board.initialize(repeating: 0, count: size * size)
            rows.initialize(repeating: 0, count: 2 * w)
            for i in images {
                let top = bottomRight[i] ? size - h : 0, left = bottomRight[i] ? size - w : 0
                board.update(repeating: 0, count: size * size)
                for y in 0..<h { (board + (top + y) * size + left).update(from: src + (i - first) * p + y * w, count: w) }
                resize.apply(board, dst + i * p, rows: rows)
            }
        case let .shifts(offsets):
            for i in images {
                Shift.apply(src + (i - first) * p, dst + i * p, width: w, height: h, dx: offsets[2 * i], dy: offsets[2 * i + 1])
            }
        case let .warp(warp):
            for i in images { warp.apply(src + (i - first) * p, dst + i * p) }
        }
    }
}
