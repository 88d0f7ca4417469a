/// Everything that can go wrong while reading or writing a picture.
///
/// Each case names the file or the PNG part at fault, so the message can be shown as is.
public enum GraphicsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The first 8 bytes are not the PNG signature `89 50 4E 47 0D 0A 1A 0A`.
    case notPNG
    /// The data ends inside `part` (a chunk name, "signature", "image data" …).
    case truncatedPNG(part: String)
    /// The stored CRC of `chunk` differs from the CRC-32 of its type and data.
    case crcMismatch(chunk: String, stored: UInt32, computed: UInt32)
    /// A PNG that is well formed but uses a feature we do not read (interlacing, a colour type …).
    case unsupportedPNG(String)
    /// A PNG whose content contradicts itself (bad header values, a bad filter byte, bad zlib data …).
    case invalidPNG(String)
    /// The first bytes are not a JPEG's SOI marker `FF D8 FF`.
    case notJPEG
    /// The JPEG data ends inside `part` (a segment, "the image data" …).
    case truncatedJPEG(part: String)
    /// A JPEG fm does not read (CMYK colour …).
    case unsupportedJPEG(String)
    /// A JPEG that libjpeg-turbo or our segment reader rejects; the text says why.
    case invalidJPEG(String)
    /// Neither a PNG nor a JPEG by its first bytes.
    case unknownImageFormat
    /// A picture whose header announces more than `maximumPixels` pixels; refused before decoding.
    case imageTooLarge(width: Int, height: Int, maximumPixels: Int)
    /// `write(to:)` was given a path that is neither `.png` nor `.svg`.
    case unsupportedFormat(path: String)
    /// Writing `path` failed; `reason` is the system's message.
    case cannotWrite(path: String, reason: String)
    /// Reading `path` failed; `reason` is the system's message or the decoder's error.
    case cannotRead(path: String, reason: String)

    public var description: String {
        switch self {
        case .notPNG:
            return "not a PNG file (the signature is missing)"
        case .truncatedPNG(let part):
            return "truncated PNG: the data ends inside \(part)"
        case .crcMismatch(let chunk, let stored, let computed):
            return "corrupt PNG: CRC mismatch in chunk \(chunk) (stored \(hex(stored)), computed \(hex(computed)))"
        case .unsupportedPNG(let what):
            return "unsupported PNG: \(what)"
        case .invalidPNG(let what):
            return "invalid PNG: \(what)"
        case .notJPEG:
            return "not a JPEG file (it does not start with FF D8 FF)"
        case .truncatedJPEG(let part):
            return "truncated JPEG: the data ends inside \(part)"
        case .unsupportedJPEG(let what):
            return "unsupported JPEG: \(what)"
        case .invalidJPEG(let what):
            return "invalid JPEG: \(what)"
        case .unknownImageFormat:
            return "not a PNG or JPEG file (unknown first bytes)"
        case .imageTooLarge(let width, let height, let maximumPixels):
            return "image too large: \(width)×\(height) pixels (at most \(maximumPixels) pixels)"
        case .unsupportedFormat(let path):
            return "cannot write \"\(path)\": unsupported picture format (use .png or .svg)"
        case .cannotWrite(let path, let reason):
            return "cannot write \"\(path)\": \(reason)"
        case .cannotRead(let path, let reason):
            return "cannot read \"\(path)\": \(reason)"
        }
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
