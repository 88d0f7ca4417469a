import CJPEG

/// Baseline and progressive JPEG decoding through libjpeg-turbo's TurboJPEG API, with the EXIF
/// orientation applied, into the same 8-bit RGBA `Raster` that `PNG.decode` returns.
public enum JPEG {
    /// The first bytes of every JPEG file: SOI (`FF D8`) and the start of the next marker.
    static let signature: [UInt8] = [0xFF, 0xD8, 0xFF]

    /// The largest picture we agree to decode (pixels), checked against the frame header before
    /// any pixel memory is allocated (a 12-megapixel phone photo is 1/5 of it).
    public static let maximumPixels = PNG.maximumPixels

    /// Decodes a grey, YCbCr or RGB JPEG (baseline or progressive) and turns it upright by its
    /// EXIF orientation (tag 0x0112, values 1–8; absent or unreadable EXIF means 1).
    /// CMYK and YCCK files are refused (`unsupportedJPEG`); a file that ends inside its segments
    /// or its image data gives `truncatedJPEG`; anything libjpeg rejects gives `invalidJPEG`.
    public static func decode(_ bytes: [UInt8]) throws -> Raster {
        let layout = try JPEGLayout(bytes)
        guard let handle = tjInitDecompress() else { throw GraphicsError.invalidJPEG("libjpeg-turbo could not start") }
        defer { tjDestroy(handle) }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colourSpace: Int32 = 0
        let headerStatus = bytes.withUnsafeBufferPointer { p in
            tjDecompressHeader3(handle, p.baseAddress, UInt(p.count), &width, &height, &subsampling, &colourSpace)
        }
        guard headerStatus == 0 else { throw failure(handle) }
        if colourSpace == Int32(TJCS_CMYK.rawValue) || colourSpace == Int32(TJCS_YCCK.rawValue) {
            throw GraphicsError.unsupportedJPEG("CMYK colour (save the photo as RGB)")
        }
        let w = Int(width), h = Int(height)
        guard w > 0, h > 0 else { throw GraphicsError.invalidJPEG("image size \(w)×\(h)") }
        guard w * h <= maximumPixels else {
            throw GraphicsError.imageTooLarge(width: w, height: h, maximumPixels: maximumPixels)
        }
        var rgba = [UInt8](repeating: 0, count: 4 * w * h)
        // Warnings (such as "Premature end of JPEG file", after which libjpeg would paint the
        // rest grey) stop decoding; the scan limit keeps a hostile progressive file from taking minutes.
        let flags = Int32(TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS)
        let status = bytes.withUnsafeBufferPointer { src in
            rgba.withUnsafeMutableBufferPointer { dst in
                tjDecompress2(handle, src.baseAddress, UInt(src.count), dst.baseAddress, width, 0, height,
                              Int32(TJPF_RGBA.rawValue), flags)
            }
        }
        guard status == 0 else { throw failure(handle) }
        return orient(Raster(width: w, height: h, rgba: rgba), layout.orientation)
    }

    /// The error libjpeg-turbo reported, as one of ours: its end-of-data warning means truncated.
    private static func failure(_ handle: tjhandle) -> GraphicsError {
        let message = tjGetErrorStr2(handle).map { String(cString: $0) } ?? "unknown libjpeg error"
        if message.contains("Premature end") { return .truncatedJPEG(part: "the image data") }
        if message.contains("Unsupported color conversion") { return .unsupportedJPEG("its colour space") }
        return .invalidJPEG(message)
    }

    /// `raster` transformed as EXIF orientation `orientation` asks, so it shows upright:
    /// 2 mirror, 3 turn 180°, 4 flip, 5 transpose, 6 turn 90° clockwise, 7 transverse,
    /// 8 turn 90° anticlockwise; anything else leaves it as stored.
    public static func orient(_ raster: Raster, _ orientation: Int) -> Raster {
        guard (2...8).contains(orientation) else { return raster }
        let w = raster.width, h = raster.height
        let swapsSides = orientation >= 5
        let outW = swapsSides ? h : w, outH = swapsSides ? w : h
        var out = [UInt8](repeating: 0, count: raster.rgba.count)
        raster.rgba.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<outH {
                    for x in 0..<outW {
                        let (sx, sy): (Int, Int)
                        switch orientation {
                        case 2: (sx, sy) = (w - 1 - x, y)
                        case 3: (sx, sy) = (w - 1 - x, h - 1 - y)
                        case 4: (sx, sy) = (x, h - 1 - y)
                        case 5: (sx, sy) = (y, x)
                        case 6: (sx, sy) = (y, h - 1 - x)
                        case 7: (sx, sy) = (w - 1 - y, h - 1 - x)
                        default: (sx, sy) = (w - 1 - y, x)
                        }
                        let s = 4 * (sy * w + sx), d = 4 * (y * outW + x)
                        dst[d] = src[s]; dst[d + 1] = src[s + 1]; dst[d + 2] = src[s + 2]; dst[d + 3] = src[s + 3]
                    }
                }
            }
        }
        return Raster(width: outW, height: outH, rgba: out)
    }
}
