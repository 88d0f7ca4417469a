/// Grey images with captions (class names, "pred 9 (97%)" …) laid out as a grid.
///
/// Captions may hold several lines separated by "\n". In the terminal the grid takes as many
/// columns as `style.width` allows (at most `columns`); in files it has `columns` columns, or by
/// default up to 8 per row, balanced (12 images → 2 rows of 6).
public struct ImageGrid: Picture, Sendable {
    public var images: [GrayImage]
    public var captions: [String]
    public var title: String?
    public var columns: Int?

    /// `captions` are matched to images by position; missing ones are empty, extra ones ignored.
    public init(images: [GrayImage], captions: [String], title: String? = nil, columns: Int? = nil) {
        self.images = images
        self.captions = (0..<images.count).map { $0 < captions.count ? captions[$0] : "" }
        self.title = title
        self.columns = columns.map { max(1, $0) }
    }

    /// Caption lines of image `i`.
    func captionLines(_ i: Int) -> [String] {
        captions[i].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Columns used in files: `columns`, else rows = ⌈n / 8⌉ and columns = ⌈n / rows⌉.
    var fileColumns: Int {
        let n = max(1, images.count)
        if let columns { return min(columns, n) }
        let rows = (n + 7) / 8
        return (n + rows - 1) / rows
    }
}

// MARK: - Files

extension ImageGrid {
    /// Pixel layout shared by PNG and SVG.
    struct Layout {
        static let margin = 16, gap = 20, captionScale = 2, titleScale = 3
        /// Each image is shown `scale` times its size after shrinking by `shrink`.
        var shrink = 1, scale = 1
        var imageWidth = 0, imageHeight = 0  // of the largest shown image
        var cellWidth = 0
        /// Top of each grid row; a row is as tall as the image plus its most caption lines.
        var rowTops: [Int] = []
        var columns = 1, rows = 0, titleHeight = 0
        var width = 0, height = 0

        /// Top-left corner of cell `i`.
        func origin(_ i: Int) -> (x: Int, y: Int) {
            (Layout.margin + (i % columns) * (cellWidth + Layout.gap), i / columns < rowTops.count ? rowTops[i / columns] : 0)
        }
    }

    /// Images are enlarged by the smallest whole factor that makes the largest one at least 112 px
    /// (28 px → ×4) without passing 256 px; images over 256 px are shrunk by block averaging. A cell is as wide as the widest image or
    /// caption (captions are cut at 1.6 × the image width).
    var layout: Layout {
        var l = Layout()
        let largest = images.reduce(0) { max($0, $1.width, $1.height) }
        l.shrink = largest > 256 ? (largest + 255) / 256 : 1
        let shrunk = max(1, (largest + l.shrink - 1) / l.shrink)
        l.scale = max(1, min((112 + shrunk - 1) / shrunk, 256 / shrunk))
        for image in images {
            l.imageWidth = max(l.imageWidth, (image.width + l.shrink - 1) / l.shrink * l.scale)
            l.imageHeight = max(l.imageHeight, (image.height + l.shrink - 1) / l.shrink * l.scale)
        }
        let widestCaption = (0..<images.count).flatMap(captionLines).reduce(0) { max($0, Raster.textWidth($1, scale: Layout.captionScale)) }
        l.cellWidth = max(l.imageWidth, min(widestCaption, l.imageWidth * 5 / 2), 24)
        l.columns = fileColumns
        l.rows = (images.count + l.columns - 1) / l.columns
        l.titleHeight = title == nil ? 0 : Raster.lineHeight(scale: Layout.titleScale) + 8
        var top = Layout.margin + l.titleHeight
        for row in 0..<l.rows {
            l.rowTops.append(top)
            let members = (row * l.columns)..<min(images.count, (row + 1) * l.columns)
            let lines = members.reduce(0) { max($0, captionLines($1).count) }
            top += l.imageHeight + (lines == 0 ? 0 : 8 + lines * Raster.lineHeight(scale: Layout.captionScale)) + Layout.gap
        }
        let gridWidth = l.columns * l.cellWidth + (l.columns - 1) * Layout.gap
        let titleWidth = title.map { Raster.textWidth($0, scale: Layout.titleScale) } ?? 0
        l.width = 2 * Layout.margin + max(gridWidth, titleWidth)
        l.height = l.rows == 0 ? 2 * Layout.margin + l.titleHeight : top - Layout.gap + Layout.margin
        return l
    }

    /// A caption line shortened (with "...") to fit `width` pixels at `scale`.
    static func clipped(_ text: String, width: Int, scale: Int) -> String {
        var t = BitmapFont.asciiFold(text)
        if Raster.textWidth(t, scale: scale) <= width { return t }
        while !t.isEmpty && Raster.textWidth(t + "...", scale: scale) > width { t.removeLast() }
        return t + "..."
    }

    public func png() -> [UInt8] { PNG.encode(raster()) }

    /// The grid drawn on a white raster.
    public func raster() -> Raster {
        let l = layout
        var r = Raster(width: l.width, height: l.height)
        if let title { r.text(title, x: l.width / 2, y: Layout.margin, colour: .ink, scale: Layout.titleScale, anchor: .middle) }
        for (i, image) in images.enumerated() {
            let (x, y) = l.origin(i)
            let shown = image.downsampled(by: l.shrink)
            let w = shown.width * l.scale, h = shown.height * l.scale
            let ix = x + (l.cellWidth - w) / 2, iy = y + (l.imageHeight - h) / 2
            r.blit(shown, x: ix, y: iy, scale: l.scale)
            r.strokeRect(x: ix - 1, y: iy - 1, width: w + 2, height: h + 2, colour: Colour(hex: 0xBBBBBB))
            for (k, line) in captionLines(i).enumerated() {
                let text = ImageGrid.clipped(line, width: l.cellWidth, scale: Layout.captionScale)
                r.text(text, x: x + l.cellWidth / 2, y: y + l.imageHeight + 8 + k * Raster.lineHeight(scale: Layout.captionScale),
                       colour: k == 0 ? .ink : .secondaryInk, scale: Layout.captionScale, anchor: .middle)
            }
        }
        return r
    }

    public func svg() -> String {
        let l = layout
        var doc = SVGDocument(width: l.width, height: l.height)
        let titleSize = Double(Raster.textHeight(scale: Layout.titleScale)) * 0.95
        let captionSize = Double(Raster.textHeight(scale: Layout.captionScale)) * 0.95
        if let title {
            doc.text(title, x: Double(l.width) / 2, y: Double(Layout.margin) + titleSize * 0.8, size: titleSize, anchor: .middle, bold: true)
        }
        for (i, image) in images.enumerated() {
            let (x, y) = l.origin(i)
            let shown = image.downsampled(by: l.shrink)
            let w = shown.width * l.scale, h = shown.height * l.scale
            let ix = x + (l.cellWidth - w) / 2, iy = y + (l.imageHeight - h) / 2
            // Embedded at display size, so viewers that smooth scaled images still show crisp pixels.
            var tile = Raster(width: w, height: h)
            tile.blit(shown, x: 0, y: 0, scale: l.scale)
            doc.image(png: PNG.encode(tile), x: Double(ix), y: Double(iy), width: Double(w), height: Double(h), title: captions[i])
            doc.rect(x: Double(ix) - 0.5, y: Double(iy) - 0.5, width: Double(w) + 1, height: Double(h) + 1, fill: nil, stroke: Colour(hex: 0xBBBBBB))
            for (k, line) in captionLines(i).enumerated() {
                doc.text(line, x: Double(x + l.cellWidth / 2),
                         y: Double(y + l.imageHeight + 8 + k * Raster.lineHeight(scale: Layout.captionScale)) + captionSize * 0.8,
                         size: captionSize, fill: k == 0 ? .ink : .secondaryInk, anchor: .middle)
            }
        }
        return doc.render(title: title ?? "Images")
    }
}
