/// An sRGB colour with alpha, 8 bits per channel.
public struct Colour: Sendable, Equatable, Hashable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8
    public var a: UInt8

    public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255) {
        self.r = r; self.g = g; self.b = b; self.a = a
    }

    /// From `0xRRGGBB`.
    public init(hex value: UInt32) {
        self.init(r: UInt8((value >> 16) & 0xFF), g: UInt8((value >> 8) & 0xFF), b: UInt8(value & 0xFF))
    }

    /// A grey of level `v` (0 = black … 1 = white; clamped, NaN is black).
    public init(grey v: Float) {
        let level = UInt8(clampUnit(Double(v)) * 255 + 0.5)
        self.init(r: level, g: level, b: level)
    }

    public static let white = Colour(r: 255, g: 255, b: 255)
    public static let black = Colour(r: 0, g: 0, b: 0)
    /// Axis lines and text on charts.
    public static let ink = Colour(hex: 0x222222)
    /// Grid lines.
    public static let gridLine = Colour(hex: 0xE2E2E2)
    /// Secondary text (tick labels, captions).
    public static let secondaryInk = Colour(hex: 0x555555)

    /// `#rrggbb` for SVG.
    public var svg: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for c in [r, g, b] { s.append(digits[Int(c >> 4)]); s.append(digits[Int(c & 15)]) }
        return s
    }

    /// Relative luminance in 0…1 (Rec. 709 weights on the stored values; good enough to pick text colour).
    public var luminance: Double {
        (0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)) / 255
    }

    /// Black or white, whichever reads better on top of this colour.
    public var contrastingText: Colour { luminance > 0.5 ? .black : .white }

    /// The colour of series number `index` (cycles): the Okabe–Ito palette, safe for colour-blind readers.
    public static func series(_ index: Int) -> Colour {
        let palette: [UInt32] = [0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0x000000, 0x999933]
        let i = ((index % palette.count) + palette.count) % palette.count
        return Colour(hex: palette[i])
    }

    /// A sequential colour scale (viridis, piecewise linear between 5 stops): 0 → dark purple, 1 → yellow.
    /// `t` is clamped to 0…1; NaN gives a neutral grey.
    public static func heat(_ t: Double) -> Colour {
        if t.isNaN { return Colour(hex: 0xBBBBBB) }
        let stops: [(Double, Double, Double)] = [
            (0x44, 0x01, 0x54), (0x3B, 0x52, 0x8B), (0x21, 0x91, 0x8C), (0x5E, 0xC9, 0x62), (0xFD, 0xE7, 0x25),
        ]
        let x = clampUnit(t) * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2)
        let f = x - Double(i)
        func mix(_ a: Double, _ b: Double) -> UInt8 { UInt8((a + (b - a) * f).rounded()) }
        return Colour(r: mix(stops[i].0, stops[i + 1].0), g: mix(stops[i].1, stops[i + 1].1), b: mix(stops[i].2, stops[i + 1].2))
    }
}

/// `v` clamped to 0…1, with NaN mapped to 0.
@inline(__always) func clampUnit(_ v: Double) -> Double {
    v.isNaN ? 0 : min(1, max(0, v))
}
