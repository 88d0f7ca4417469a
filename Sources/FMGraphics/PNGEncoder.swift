import CZlib

/// PNG files: our own encoder and decoder on zlib (see the PNG specification, ISO/IEC 15948).
public enum PNG {
    /// The 8 bytes every PNG starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// A non-interlaced 8-bit PNG of `raster`: grey (colour type 0) when every pixel is an opaque grey,
    /// RGB (2) when every pixel is opaque, RGBA (6) otherwise. Each row gets the filter (0–4) whose
    /// output has the smallest sum of absolute values (the heuristic the PNG specification suggests),
    /// then the rows are deflated at zlib's default level 6 (level 9 is several times slower for a
    /// few per cent). Missing bytes in `rgba` count as transparent black.
    public static func encode(_ raster: Raster) -> [UInt8] {
        let width = raster.width, height = raster.height
        var rgba = raster.rgba
        if rgba.count < 4 * width * height { rgba += [UInt8](repeating: 0, count: 4 * width * height - rgba.count) }

        var opaque = true, grey = true
        rgba.withUnsafeBufferPointer { p in
            var i = 0
            let end = 4 * width * height
            while i < end && (opaque || grey) {
                if p[i + 3] != 255 { opaque = false }
                if p[i] != p[i + 1] || p[i] != p[i + 2] { grey = false }
                i += 4
            }
        }
        let (colourType, channels): (UInt8, Int) = opaque ? (grey ? (0, 1) : (2, 3)) : (6, 4)

        // Raw scanlines: one filter-type byte, then the row's samples.
        let rowBytes = width * channels
        var raw = [UInt8](repeating: 0, count: height * (rowBytes + 1))
        var previous = [UInt8](repeating: 0, count: rowBytes)
        var current = [UInt8](repeating: 0, count: rowBytes)
        var candidate = [UInt8](repeating: 0, count: rowBytes)
        for y in 0..<height {
            rgba.withUnsafeBufferPointer { src in
                current.withUnsafeMutableBufferPointer { row in
                    var s = 4 * y * width
                    var d = 0
                    for _ in 0..<width {
                        for c in 0..<channels { row[d + c] = src[s + c] }
                        s += 4; d += channels
                    }
                }
            }
            var bestCost = Int.max
            let base = y * (rowBytes + 1)
            for type in UInt8(0)...4 {
                applyFilter(type, row: current, previous: previous, bpp: channels, into: &candidate)
                var cost = 0
                candidate.withUnsafeBufferPointer { p in
                    for b in p { cost += b < 128 ? Int(b) : 256 - Int(b) }
                }
                if cost < bestCost {
                    bestCost = cost
                    raw.withUnsafeMutableBufferPointer { dst in
                        candidate.withUnsafeBufferPointer { src in
                            dst[base] = type
                            for i in 0..<rowBytes { dst[base + 1 + i] = src[i] }
                        }
                    }
                }
            }
            swap(&previous, &current)
        }

        var header = [UInt8]()
        appendBigEndian(UInt32(width), to: &header)
        appendBigEndian(UInt32(height), to: &header)
        header += [8, colourType, 0, 0, 0]  // bit depth, colour type, deflate, filter method 0, no interlace

        var out = signature
        appendChunk("IHDR", header, to: &out)
        appendChunk("IDAT", zlibCompress(raw), to: &out)
        appendChunk("IEND", [], to: &out)
        return out
    }

    /// Filter `type` of the PNG specification applied to `row`, given the unfiltered `previous` row
    /// (zeros above the first row) and `bpp` bytes per pixel: 0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth.
    static func applyFilter(_ type: UInt8, row: [UInt8], previous: [UInt8], bpp: Int, into out: inout [UInt8]) {
        let n = min(row.count, previous.count, out.count)
        row.withUnsafeBufferPointer { r in
            previous.withUnsafeBufferPointer { up in
                out.withUnsafeMutableBufferPointer { o in
                    for i in 0..<n {
                        let a = i >= bpp ? r[i - bpp] : 0
                        let b = up[i]
                        let predictor: UInt8
                        switch type {
                        case 1: predictor = a
                        case 2: predictor = b
                        case 3: predictor = UInt8((Int(a) + Int(b)) / 2)
                        case 4: predictor = paeth(a, b, i >= bpp ? up[i - bpp] : 0)
                        default: predictor = 0
                        }
                        o[i] = r[i] &- predictor
                    }
                }
            }
        }
    }

    /// The Paeth predictor: of a (left), b (up), c (up-left), the one closest to a + b − c.
    @inline(__always) static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    static func appendBigEndian(_ v: UInt32, to out: inout [UInt8]) {
        out += [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    /// Length, type, data and CRC-32 (zlib's `crc32`) of type + data.
    static func appendChunk(_ type: String, _ data: [UInt8], to out: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        appendBigEndian(UInt32(data.count), to: &out)
        out += typeBytes
        out += data
        appendBigEndian(crc(typeBytes + data), to: &out)
    }

    static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { p in
            UInt32(crc32(0, p.baseAddress, uInt(p.count)))
        }
    }

    /// zlib format (RFC 1950) via `compress2` at level 6; should zlib fail (out of memory), the same
    /// data in stored (uncompressed) deflate blocks, which every reader accepts.
    static func zlibCompress(_ data: [UInt8]) -> [UInt8] {
        var capacity = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(capacity))
        let status = out.withUnsafeMutableBufferPointer { dst in
            data.withUnsafeBufferPointer { src in
                compress2(dst.baseAddress, &capacity, src.baseAddress, uLong(src.count), 6)
            }
        }
        if status == Z_OK { return Array(out[0..<Int(capacity)]) }
        return storedZlib(data)
    }

    /// RFC 1950/1951 stream of stored blocks (≤ 65 535 bytes each) with an Adler-32 trailer.
    static func storedZlib(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let n = min(65_535, data.count - start)
            let final: UInt8 = start + n == data.count ? 1 : 0
            out += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[start..<(start + n)]
            start += n
        } while start < data.count
        let checksum = data.withUnsafeBufferPointer { p in UInt32(adler32(1, p.baseAddress, uInt(p.count))) }
        appendBigEndian(checksum, to: &out)
        return out
    }
}
