import Foundation
import FMGraphics

/// A grey image kept with a result: one byte per pixel (0 = black … 255 = white), row-major.
/// A byte per pixel is the precision of the PNG the report draws, and a 28 × 28 image costs
/// 784 bytes (about 1 KB of JSON as base64) instead of 784 floats.
public struct KeptImage: Codable, Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var grey: Data

    /// The largest side a kept image may have; a payload claiming more is refused when read.
    public static let maximumSide = 4096

    /// From a `GrayImage` (values clamped to 0…1, non-finite ones black); sides above
    /// `maximumSide` are cut.
    public init(_ image: GrayImage) {
        let w = min(image.width, Self.maximumSide), h = min(image.height, Self.maximumSide)
        var bytes = Data(count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let v = image.pixels[y * image.width + x]
                bytes[y * w + x] = v.isFinite ? UInt8((min(max(v, 0), 1) * 255).rounded()) : 0
            }
        }
        self.width = w
        self.height = h
        self.grey = bytes
    }

    /// The pixels as a `GrayImage` (missing bytes black).
    public var grayImage: GrayImage {
        GrayImage(width: width, height: height, pixels: grey.map { Float($0) / 255 })
    }

    enum CodingKeys: String, CodingKey { case width, height, grey }

    /// Refuses sides outside 0…`maximumSide` (a damaged payload must not allocate without bound).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let w = try c.decode(Int.self, forKey: .width), h = try c.decode(Int.self, forKey: .height)
        guard (0...Self.maximumSide).contains(w), (0...Self.maximumSide).contains(h) else {
            throw DecodingError.dataCorruptedError(forKey: .width, in: c,
                debugDescription: "an image of \(w) × \(h) pixels: each side must be 0 to \(Self.maximumSide)")
        }
        self.width = w
        self.height = h
        self.grey = try c.decode(Data.self, forKey: .grey)
    }
}

extension Array where Element == KeptImage {
    /// Kept copies of `images`.
    public init(_ images: [GrayImage]) { self = images.map(KeptImage.init) }
}
