@preconcurrency import FMTensor
import FMGraphics

/// Your own photos as Fashion-MNIST images: one PNG or JPEG file (`load image`), or a folder of
/// them with one sub-folder per class (`load images`), each prepared by `ImageOps.fashionImage`.
public enum Photos {
    /// The largest side of a `before` picture, in pixels (ImageGrid shows 112 px images unscaled).
    public static let beforeSide = 112

    /// The decoded picture of `path`, PNG or JPEG by its content, upright by its EXIF
    /// orientation. Errors: `fileNotFound`, `isDirectory`, `ioFailed`, or `badImage` naming the file.
    public static func picture(path: String) throws -> Raster {
        let bytes = try FileBytes.readRaw(path)
        do {
            return try ImageFile.decode(bytes)
        } catch let error as GraphicsError {
            throw DataError.badImage(path: path, reason: error.description)
        }
    }

    /// The 28×28 grey pixels `load image` makes of `picture` (see `ImageOps.fashionImage`);
    /// `invert` nil decides from the background.
    public static func prepared(_ picture: Raster, invert: Bool?) -> [Float] {
        ImageOps.fashionImage(rgba: picture.rgba, width: picture.width, height: picture.height, invert: invert)
    }

    /// `load image "FILE"`: a dataset of one prepared image without a label (-1), whose source is `path`.
    public static func loadImage(path: String, invert: Bool?) throws -> Dataset {
        let pixels = prepared(try picture(path: path), invert: invert)
        let tensor = try Tensor(shape: [1, ImageOps.fashionSide, ImageOps.fashionSide], scalars: pixels)
        return Dataset(images: .floats(tensor), labels: [-1], source: path)
    }

    /// The photo before preparation, for `show` to draw beside the prepared one: grey (BT.601
    /// luminance over white), not inverted, its own aspect ratio, shrunk by a whole factor
    /// (block averages) until its longer side is at most `maxSide` pixels.
    public static func before(_ picture: Raster, maxSide: Int = beforeSide) -> GrayImage {
        let grey = GrayImage(raster: picture)
        let longer = max(grey.width, grey.height), side = max(1, maxSide)
        return grey.downsampled(by: (longer + side - 1) / side)
    }

    /// The prepared image as a picture (28×28, white garment on black).
    public static func after(_ picture: Raster, invert: Bool?) -> GrayImage {
        GrayImage(width: ImageOps.fashionSide, height: ImageOps.fashionSide, pixels: prepared(picture, invert: invert))
    }
}
