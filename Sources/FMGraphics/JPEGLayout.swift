/// What fm reads of a JPEG's segments itself, before libjpeg-turbo decodes it: that the segments
/// up to the image data are complete (so a cut file is named as truncated, not as "corrupt"),
/// and the EXIF orientation, which libjpeg ignores.
struct JPEGLayout {
    /// EXIF orientation 1…8 (1 when there is no EXIF block or it cannot be read).
    var orientation = 1

    /// Walks the markers from SOI to the first SOS (start of scan).
    init(_ bytes: [UInt8]) throws {
        guard bytes.count >= 3 else {
            if Array(JPEG.signature.prefix(bytes.count)) == bytes { throw GraphicsError.truncatedJPEG(part: "the signature") }
            throw GraphicsError.notJPEG
        }
        guard Array(bytes[0..<3]) == JPEG.signature else { throw GraphicsError.notJPEG }
        var position = 2
        var sawFrame = false
        while true {
            // A marker is one or more 0xFF bytes (the extra ones are fill), then its code.
            let markerStart = position
            while position < bytes.count && bytes[position] == 0xFF { position += 1 }
            guard position < bytes.count else { throw GraphicsError.truncatedJPEG(part: "the headers (no image data)") }
            guard position > markerStart else { throw GraphicsError.invalidJPEG("expected a marker at byte \(position)") }
            let marker = bytes[position]
            position += 1
            switch marker {
            case 0x01, 0xD0...0xD7:
                continue   // markers without a length
            case 0xD9:
                throw GraphicsError.invalidJPEG("the file ends (EOI) before any image data")
            default:
                break
            }
            guard bytes.count - position >= 2 else { throw GraphicsError.truncatedJPEG(part: Self.name(marker)) }
            let length = Int(bytes[position]) << 8 | Int(bytes[position + 1])
            guard length >= 2 else { throw GraphicsError.invalidJPEG("\(Self.name(marker)) of length \(length)") }
            guard bytes.count - position >= length else { throw GraphicsError.truncatedJPEG(part: Self.name(marker)) }
            let data = bytes[(position + 2)..<(position + length)]
            if (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC { sawFrame = true }
            if marker == 0xE1, let value = Self.exifOrientation(Array(data)) { orientation = value }
            position += length
            if marker == 0xDA {
                guard sawFrame else { throw GraphicsError.invalidJPEG("image data (SOS) before the frame header (SOF)") }
                guard position < bytes.count else { throw GraphicsError.truncatedJPEG(part: "the image data") }
                return
            }
        }
    }

    /// "the APP1 segment", "the SOF0 segment", "segment 0xFFxx".
    static func name(_ marker: UInt8) -> String {
        switch marker {
        case 0xC0...0xC3, 0xC5...0xC7, 0xC9...0xCB, 0xCD...0xCF: return "the SOF\(marker - 0xC0) segment (frame header)"
        case 0xC4: return "the DHT segment (Huffman tables)"
        case 0xDB: return "the DQT segment (quantisation tables)"
        case 0xDA: return "the SOS segment (scan header)"
        case 0xE0...0xEF: return "the APP\(marker - 0xE0) segment"
        default: return "segment 0xFF" + String(marker, radix: 16, uppercase: true)
        }
    }

    /// The orientation (tag 0x0112) in IFD0 of an APP1 "Exif\0\0" block, nil when the block is not
    /// EXIF, is cut short, or holds a value outside 1…8: a damaged EXIF block leaves the photo as
    /// stored rather than refusing it.
    static func exifOrientation(_ data: [UInt8]) -> Int? {
        let tiff = 6
        guard data.count >= tiff + 8, Array(data[0..<6]) == Array("Exif\0\0".utf8) else { return nil }
        let little: Bool
        switch (data[tiff], data[tiff + 1]) {
        case (0x49, 0x49): little = true    // "II": Intel byte order
        case (0x4D, 0x4D): little = false   // "MM": Motorola byte order
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= data.count else { return nil }
            let a = Int(data[at]), b = Int(data[at + 1])
            return little ? a | b << 8 : a << 8 | b
        }
        func u32(_ at: Int) -> Int? {
            guard let lo = u16(little ? at : at + 2), let hi = u16(little ? at + 2 : at) else { return nil }
            return hi << 16 | lo
        }
        guard u16(tiff + 2) == 42, let ifd = u32(tiff + 4), let count = u16(tiff + ifd) else { return nil }
        for i in 0..<count {
            let entry = tiff + ifd + 2 + 12 * i
            guard let tag = u16(entry) else { return nil }
            // Type 3 is SHORT; one value sits in the first two bytes of the value field.
            if tag == 0x0112, u16(entry + 2) == 3, let value = u16(entry + 8) {
                return (1...8).contains(value) ? value : nil
            }
        }
        return nil
    }
}
