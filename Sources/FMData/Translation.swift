import FMTensor

/// Where `corner=` puts the image on the canvas.
public enum Corner: String, Codable, Sendable {
    case topLeft = "top-left", bottomRight = "bottom-right", random
}

/// A geometric change applied to every image of a dataset (`translate` in the language).
/// Pixels that come from outside the image are 0 (black, the Fashion-MNIST background).
public enum Translation: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The seed blog's transform: a `canvas`×`canvas` zero canvas, the H×W image at rows/columns
    /// 0…H−1 / 0…W−1 (top-left) or canvas−H…canvas−1 / canvas−W…canvas−1 (bottom-right), resized
    /// back to H×W with cv2 INTER_LINEAR (`LinearResize`). `random`: a seeded coin per image.
    /// A canvas smaller than the image is taken as max(H, W).
    case corner(Corner, canvas: Int)
    /// Whole-pixel shift, zero fill: `dst(x, y) = src(x − dx, y − dy)`; dx > 0 right, dy > 0 down.
    case shift(dx: Int, dy: Int)
    /// Each image its own seeded (dx, dy), both uniform in −N…N.
    case randomShift(Int)
    /// Bilinear rotation about the centre, zero fill; positive = counter-clockwise (cv2's sign).
    case rotate(degrees: Double)
    /// Bilinear scaling about the centre by a factor > 0, zero fill (0.8 shrinks).
    case scale(Double)

    /// The seed's canvas: 38×38 for 28×28 images, i.e. a 10-pixel move before resizing.
    public static let seedCanvas = 38

    /// The language's spelling: `corner=top-left`, `dx=3 dy=-2`, `random=4`, `rotate=15`, `scale=0.8`.
    public var description: String {
        switch self {
        case let .corner(corner, canvas):
            return canvas == Translation.seedCanvas ? "corner=\(corner.rawValue)" : "corner=\(corner.rawValue) canvas=\(canvas)"
        case let .shift(dx, dy): return "dx=\(dx) dy=\(dy)"
        case let .randomShift(n): return "random=\(n)"
        case let .rotate(degrees): return "rotate=\(trim(degrees))"
        case let .scale(factor): return "scale=\(trim(factor))"
        }
    }

    /// True when the result depends on the seed.
    public var isRandom: Bool {
        switch self {
        case .corner(.random, _), .randomShift: return true
        default: return false
        }
    }

    /// Throws `DataError.invalidTranslation` for parameters that make no sensible image.
    public func validate() throws {
        switch self {
        case let .corner(_, canvas) where canvas < 1 || canvas > 4096:
            throw DataError.invalidTranslation("canvas must be 1...4096, not \(canvas)")
        case let .randomShift(n) where n < 0:
            throw DataError.invalidTranslation("random=\(n): the shift range must be 0 or more")
        case let .rotate(degrees) where !degrees.isFinite:
            throw DataError.invalidTranslation("rotate=\(degrees): the angle must be a finite number of degrees")
        case let .scale(factor) where !(factor.isFinite && factor > 0):
            throw DataError.invalidTranslation("scale=\(factor): the factor must be greater than 0")
        default:
            return
        }
    }
}

/// `15` rather than `15.0`.
private func trim(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
}
