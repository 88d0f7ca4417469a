extension ImageOps {
    /// The side of a Fashion-MNIST image.
    public static let fashionSide = 28

    /// For `load image`: pixels of any size → one 28×28 grey image in [0, 1], row-major.
    ///
    /// `rgba` holds `width·height·c` bytes, c = 1 (grey), 2 (grey, alpha), 3 (RGB) or 4 (RGBA);
    /// any other length gives a black image. Steps:
    /// 1. grey `g = (0.299 R + 0.587 G + 0.114 B) / 255`, composited over white by alpha
    ///    (`g·a + (1 − a)`), so a transparent background reads as white paper;
    /// 2. background `bg` = mean of the one-pixel border; inverted (`g → 1 − g`) when `invert`
    ///    is true, or when it is nil and `bg > 0.5` (a dark shoe on white becomes light on black);
    /// 3. trimmed to the bounding box of the pixels that stand out, `v − bg > 0.2·(max − bg)`
    ///    (as Fashion-MNIST's own pipeline trims its product photos);
    /// 4. the longer side fitted to 28 keeping the aspect ratio (area averaging when shrinking,
    ///    cv2 INTER_LINEAR when enlarging), centred on a 28×28 canvas of `bg`;
    /// 5. contrast stretched so the background is 0 and the brightest pixel 1:
    ///    `v = clamp((v − bg) / (max − bg), 0, 1)` (all 0 when `max − bg < 1e-6`).
    public static func fashionImage(rgba: [UInt8], width: Int, height: Int, invert: Bool?) -> [Float] {
        let side = fashionSide
        let blank = [Float](repeating: 0, count: side * side)
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard width > 0, height > 0, !overflow, rgba.count % pixels == 0 else { return blank }
        let channels = rgba.count / (width * height)
        guard (1...4).contains(channels) else { return blank }
        var grey = greyLevels(rgba, count: width * height, channels: channels)

        var background = borderMean(grey, width: width, height: height)
        if invert ?? (background > 0.5) {
            for i in 0..<grey.count { grey[i] = 1 - grey[i] }
            background = 1 - background
        }

        let (cropped, cropW, cropH) = trim(grey, width: width, height: height, background: background)
        let scale = Double(side) / Double(max(cropW, cropH))
        let fitW = min(side, max(1, Int((Double(cropW) * scale).rounded())))
        let fitH = min(side, max(1, Int((Double(cropH) * scale).rounded())))
        let fitted = resample(cropped, width: cropW, height: cropH, toWidth: fitW, toHeight: fitH)
        var out = [Float](repeating: background, count: side * side)
        let top = (side - fitH) / 2, left = (side - fitW) / 2
        for y in 0..<fitH {
            for x in 0..<fitW { out[(top + y) * side + left + x] = fitted[y * fitW + x] }
        }

        let peak = out.max() ?? 0
        guard peak - background >= 1e-6 else { return blank }
        let range = peak - background
        for i in 0..<out.count { out[i] = min(1, max(0, (out[i] - background) / range)) }
        return out
    }

    /// Grey levels in [0, 1], alpha composited over white.
    static func greyLevels(_ bytes: [UInt8], count: Int, channels c: Int) -> [Float] {
        var grey = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let o = i * c
            var g: Float
            switch c {
            case 1, 2: g = Float(bytes[o])
            default: g = 0.299 * Float(bytes[o]) + 0.587 * Float(bytes[o + 1]) + 0.114 * Float(bytes[o + 2])
            }
            g /= 255
            if c == 2 || c == 4 {
                let a = Float(bytes[o + c - 1]) / 255
                g = g * a + (1 - a)
            }
            grey[i] = g
        }
        return grey
    }

    /// The part of the picture inside the bounding box of the pixels brighter than
    /// `bg + 0.2·(max − bg)`; the whole picture when nothing stands out.
    static func trim(_ grey: [Float], width w: Int, height h: Int, background bg: Float) -> ([Float], Int, Int) {
        let peak = grey.max() ?? 0
        guard peak - bg > 1e-6 else { return (grey, w, h) }
        let threshold = bg + 0.2 * (peak - bg)
        var left = w, right = -1, top = h, bottom = -1
        for y in 0..<h {
            for x in 0..<w where grey[y * w + x] > threshold {
                left = min(left, x); right = max(right, x); top = min(top, y); bottom = max(bottom, y)
            }
        }
        guard right >= left, bottom >= top else { return (grey, w, h) }
        let cw = right - left + 1, ch = bottom - top + 1
        var out = [Float](repeating: 0, count: cw * ch)
        for y in 0..<ch {
            for x in 0..<cw { out[y * cw + x] = grey[(top + y) * w + left + x] }
        }
        return (out, cw, ch)
    }

    /// Mean of the outermost rows and columns.
    static func borderMean(_ grey: [Float], width w: Int, height h: Int) -> Float {
        var sum: Float = 0, n = 0
        for y in 0..<h {
            for x in 0..<w where y == 0 || y == h - 1 || x == 0 || x == w - 1 {
                sum += grey[y * w + x]; n += 1
            }
        }
        return n > 0 ? sum / Float(n) : 0
    }

    /// Area averaging per axis when shrinking it, cv2 bilinear when both axes grow or stay.
    static func resample(_ grey: [Float], width: Int, height: Int, toWidth: Int, toHeight: Int) -> [Float] {
        if toWidth >= width && toHeight >= height {
            return grey.withUnsafeBufferPointer {
                resizeBilinear($0, width: width, height: height, toWidth: toWidth, toHeight: toHeight)
            }
        }
        // Horizontal pass: height × toWidth, then vertical: toHeight × toWidth.
        let xTaps = areaTaps(source: width, destination: toWidth)
        let yTaps = areaTaps(source: height, destination: toHeight)
        var rows = [Float](repeating: 0, count: height * toWidth)
        for y in 0..<height {
            for (x, taps) in xTaps.enumerated() {
                var v: Float = 0
                for (i, w) in taps { v += grey[y * width + i] * w }
                rows[y * toWidth + x] = v
            }
        }
        var out = [Float](repeating: 0, count: toHeight * toWidth)
        for (y, taps) in yTaps.enumerated() {
            for (i, w) in taps {
                for x in 0..<toWidth { out[y * toWidth + x] += rows[i * toWidth + x] * w }
            }
        }
        return out
    }

    /// Destination cell d covers source [d·S/D, (d+1)·S/D); each source pixel weighs its overlap
    /// divided by S/D (weights sum to 1). When D ≥ S this is nearest-neighbour-like, which is
    /// fine here: `resample` only uses it when at least one axis shrinks.
    static func areaTaps(source s: Int, destination d: Int) -> [[(Int, Float)]] {
        let step = Double(s) / Double(d)
        return (0..<d).map { k in
            let start = Double(k) * step, end = Double(k + 1) * step
            var taps = [(Int, Float)]()
            var i = Int(start.rounded(.down))
            while Double(i) < end && i < s {
                let overlap = min(end, Double(i + 1)) - max(start, Double(i))
                if overlap > 1e-12 { taps.append((i, Float(overlap / step))) }
                i += 1
            }
            return taps
        }
    }
}
