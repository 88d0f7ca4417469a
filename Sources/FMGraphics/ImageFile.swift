/// Reading a picture file whatever its format, for `load image` and `load images`.
public enum ImageFile {
    /// The formats recognised by their first bytes.
    public enum Format: String, Sendable { case png, jpeg }

    /// The format of `bytes` from its magic bytes (PNG's 8-byte signature, JPEG's `FF D8 FF`),
    /// nil for anything else. The file name's extension plays no part.
    public static func format(of bytes: [UInt8]) -> Format? {
        if bytes.starts(with: PNG.signature) { return .png }
        if bytes.starts(with: JPEG.signature) { return .jpeg }
        return nil
    }

    /// PNG or JPEG by content, as 8-bit RGBA (JPEGs turned upright by their EXIF orientation).
    /// Neither: `GraphicsError.unknownImageFormat`.
    public static func decode(_ bytes: [UInt8]) throws -> Raster {
        switch format(of: bytes) {
        case .png: return try PNG.decode(bytes)
        case .jpeg: return try JPEG.decode(bytes)
        case nil: throw GraphicsError.unknownImageFormat
        }
    }

    /// `decode` of the file at `path`; every failure is `GraphicsError.cannotRead(path:reason:)`,
    /// whose reason is the system's message or the decoder's error.
    public static func read(path: String) throws -> Raster {
        let bytes = try readFile(path)
        do {
            return try decode(bytes)
        } catch let error as GraphicsError {
            throw GraphicsError.cannotRead(path: path, reason: error.description)
        }
    }
}

extension Raster {
    /// A picture from 8-bit RGBA bytes; `rgba` is cut or padded with transparent black to
    /// `4 · width · height` bytes, so drawing can index it safely.
    public init(width: Int, height: Int, rgba: [UInt8]) {
        self.init(width: width, height: height, fill: Colour(r: 0, g: 0, b: 0, a: 0))
        let count = min(self.rgba.count, rgba.count)
        self.rgba.replaceSubrange(0..<count, with: rgba[0..<count])
    }
}
