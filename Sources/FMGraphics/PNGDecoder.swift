import CZlib

extension PNG {
    /// The fields of an IHDR chunk.
    struct Header {
        var width: Int, height: Int, bitDepth: Int, colourType: Int
        /// Samples per pixel: grey 1, RGB 3, palette 1, grey+alpha 2, RGBA 4.
        var channels: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colourType] ?? 1 }
        var rowBytes: Int { (width * channels * bitDepth + 7) / 8 }
        /// Bytes per complete pixel as the filters count them (at least 1).
        var filterStride: Int { max(1, channels * bitDepth / 8) }
    }

    /// The largest picture we agree to decode (pixels), so a hostile header cannot exhaust memory.
    static let maximumPixels = 1 << 26

    /// Decodes a non-interlaced PNG of any standard colour type and bit depth (grey 1–16 bits,
    /// RGB 8/16, palette 1–8 with optional tRNS alpha, grey+alpha and RGBA 8/16) into 8-bit RGBA.
    /// 16-bit samples keep their high byte. Chunk CRCs are checked; unknown ancillary chunks are skipped.
    public static func decode(_ bytes: [UInt8]) throws -> Raster {
        try decode(bytes, checkingCRC: true)
    }

    /// `decode` with the chunk CRC check optional: the fuzz targets turn it off so that mutated
    /// files reach the pixel decoding instead of stopping at the first checksum.
    @_spi(Fuzzing) public static func decode(_ bytes: [UInt8], checkingCRC: Bool) throws -> Raster {
        guard bytes.count >= 8 else {
            if Array(signature.prefix(bytes.count)) == bytes { throw GraphicsError.truncatedPNG(part: "the signature") }
            throw GraphicsError.notPNG
        }
        guard Array(bytes[0..<8]) == signature else { throw GraphicsError.notPNG }

        var header: Header? = nil
        var palette: [Colour] = []
        var transparency: [UInt8]? = nil
        var compressed: [UInt8] = []
        var sawIEND = false
        var position = 8
        var lastChunk = "the signature"
        while position < bytes.count {
            guard bytes.count - position >= 8 else { throw GraphicsError.truncatedPNG(part: "the chunk after \(lastChunk)") }
            let length = Int(readBigEndian(bytes, position))
            let typeBytes = Array(bytes[(position + 4)..<(position + 8)])
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard length <= Int(Int32.max) else { throw GraphicsError.invalidPNG("chunk \(type) claims \(length) bytes") }
            guard bytes.count - position - 8 >= length + 4 else { throw GraphicsError.truncatedPNG(part: "chunk \(type)") }
            let dataStart = position + 8, dataEnd = dataStart + length
            let stored = readBigEndian(bytes, dataEnd)
            let computed = bytes[(position + 4)..<dataEnd].withUnsafeBufferPointer { p in
                UInt32(crc32(0, p.baseAddress, uInt(p.count)))
            }
            guard stored == computed || !checkingCRC else { throw GraphicsError.crcMismatch(chunk: type, stored: stored, computed: computed) }
            guard typeBytes.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }) else {
                throw GraphicsError.invalidPNG("bad chunk type after \(lastChunk)")
            }
            let data = bytes[dataStart..<dataEnd]
            if header == nil && type != "IHDR" { throw GraphicsError.invalidPNG("the first chunk is \(type), not IHDR") }
            switch type {
            case "IHDR":
                guard header == nil else { throw GraphicsError.invalidPNG("more than one IHDR chunk") }
                header = try parseHeader(Array(data))
            case "PLTE":
                guard length % 3 == 0, length > 0, length <= 768 else {
                    throw GraphicsError.invalidPNG("PLTE chunk of \(length) bytes (must be 3 per entry, at most 256 entries)")
                }
                palette = stride(from: dataStart, to: dataEnd, by: 3).map { Colour(r: bytes[$0], g: bytes[$0 + 1], b: bytes[$0 + 2]) }
            case "tRNS":
                transparency = Array(data)
            case "IDAT":
                compressed += data
            case "IEND":
                sawIEND = true
            default:
                // Bit 5 of the first letter clear (upper case) marks a chunk a decoder must understand.
                if typeBytes[0] & 0x20 == 0 { throw GraphicsError.unsupportedPNG("critical chunk \(type)") }
            }
            lastChunk = "chunk \(type)"
            position = dataEnd + 4
            if sawIEND { break }
        }
        guard let header else { throw GraphicsError.truncatedPNG(part: "the header (no IHDR chunk)") }
        guard sawIEND else { throw GraphicsError.truncatedPNG(part: "the chunk list (no IEND chunk after \(lastChunk))") }
        guard !compressed.isEmpty else { throw GraphicsError.invalidPNG("no IDAT chunk (no image data)") }
        if header.colourType == 3 && palette.isEmpty { throw GraphicsError.invalidPNG("palette image without a PLTE chunk") }

        var raw = try inflate(compressed, expected: header.height * (header.rowBytes + 1))
        try unfilter(&raw, header)
        return try expand(raw, header, palette: palette, transparency: transparency)
    }

    static func readBigEndian(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    static func parseHeader(_ d: [UInt8]) throws -> Header {
        guard d.count == 13 else { throw GraphicsError.invalidPNG("IHDR chunk of \(d.count) bytes (must be 13)") }
        let width = Int(readBigEndian(d, 0)), height = Int(readBigEndian(d, 4))
        let depth = Int(d[8]), type = Int(d[9])
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw GraphicsError.invalidPNG("image size \(width)×\(height)")
        }
        let allowed: [Int: [Int]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        guard let depths = allowed[type] else { throw GraphicsError.invalidPNG("colour type \(type)") }
        guard depths.contains(depth) else { throw GraphicsError.invalidPNG("bit depth \(depth) with colour type \(type)") }
        guard d[10] == 0 else { throw GraphicsError.invalidPNG("compression method \(d[10])") }
        guard d[11] == 0 else { throw GraphicsError.invalidPNG("filter method \(d[11])") }
        switch d[12] {
        case 0: break
        case 1: throw GraphicsError.unsupportedPNG("interlaced (Adam7) images; save the image without interlacing")
        default: throw GraphicsError.invalidPNG("interlace method \(d[12])")
        }
        guard width * height <= maximumPixels else {
            throw GraphicsError.unsupportedPNG("an image of \(width)×\(height) pixels (at most \(maximumPixels) pixels)")
        }
        return Header(width: width, height: height, bitDepth: depth, colourType: type)
    }

    /// Inflates the zlib stream of the IDAT chunks into exactly `expected` bytes; extra data after
    /// them is ignored (as libpng does), fewer is an error.
    static func inflate(_ input: [UInt8], expected: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: expected)
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw GraphicsError.invalidPNG("zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        let (status, produced, message): (Int32, Int, String?) = input.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress)
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                let status = CZlib.inflate(&stream, Z_FINISH)
                return (status, dst.count - Int(stream.avail_out), stream.msg.map { String(cString: $0) })
            }
        }
        if produced == expected && (status == Z_STREAM_END || status == Z_BUF_ERROR || status == Z_OK) { return out }
        switch status {
        case Z_STREAM_END, Z_BUF_ERROR, Z_OK:
            throw GraphicsError.truncatedPNG(part: "image data (\(produced) of \(expected) bytes)")
        default:
            throw GraphicsError.invalidPNG("bad compressed image data (\(message ?? "zlib error \(status)"))")
        }
    }

    /// Undoes the per-row filters in place; `raw` holds `height` rows of 1 type byte + `rowBytes`.
    static func unfilter(_ raw: inout [UInt8], _ h: Header) throws {
        let rowBytes = h.rowBytes, bpp = h.filterStride, stride = rowBytes + 1
        try raw.withUnsafeMutableBufferPointer { p in
            for y in 0..<h.height {
                let row = y * stride + 1, up = row - stride
                let type = p[row - 1]
                switch type {
                case 0: break
                case 1:
                    for i in bpp..<max(bpp, rowBytes) { p[row + i] &+= p[row + i - bpp] }
                case 2:
                    if y > 0 { for i in 0..<rowBytes { p[row + i] &+= p[up + i] } }
                case 3:
                    for i in 0..<rowBytes {
                        let a = i >= bpp ? Int(p[row + i - bpp]) : 0
                        let b = y > 0 ? Int(p[up + i]) : 0
                        p[row + i] &+= UInt8((a + b) / 2)
                    }
                case 4:
                    for i in 0..<rowBytes {
                        let a = i >= bpp ? p[row + i - bpp] : 0
                        let b = y > 0 ? p[up + i] : 0
                        let c = (i >= bpp && y > 0) ? p[up + i - bpp] : 0
                        p[row + i] &+= paeth(a, b, c)
                    }
                default:
                    throw GraphicsError.invalidPNG("row \(y) has unknown filter type \(type)")
                }
            }
        }
    }
}
