import FMGraphics
import Foundation
import XCTest
@testable import FMData

/// The photo fixtures come from scripts/make-photo-fixtures.py.
final class PhotoTests: DataTestCase {
    func photos() throws -> String {
        try XCTUnwrap(Bundle.module.url(forResource: "photos", withExtension: nil, subdirectory: "Fixtures")).path
    }

    /// The boot stored sideways with EXIF orientation 6 prepares to the same image as the upright one.
    func testAnEXIFTurnedPhotoPreparesAsTheUprightOne() throws {
        let upright = try Photos.loadImage(path: photos() + "/Ankle_boot/boot-upright.jpg", invert: nil)
        let turned = try Photos.loadImage(path: photos() + "/Ankle_boot/boot-exif6.jpg", invert: nil)
        XCTAssertEqual(upright.count, 1); XCTAssertEqual(upright.labels, [-1])
        let a = upright.image(at: 0), b = turned.image(at: 0)
        XCTAssertEqual(a.count, 784)
        // JPEG loss differs between the two stored layouts, so edge pixels differ a little; a
        // picture left sideways would differ in a third of its pixels.
        let meanDifference = zip(a, b).map { abs($0 - $1) }.reduce(0, +) / Float(a.count)
        XCTAssertLessThan(meanDifference, 0.02)
        let sideways = try Photos.prepared(JPEG.orient(Photos.picture(path: photos() + "/Ankle_boot/boot-upright.jpg"), 6), invert: nil)
        XCTAssertGreaterThan(zip(a, sideways).map { abs($0 - $1) }.reduce(0, +) / Float(a.count), 0.1)
        // Light garment on black: the corners are background, the middle of the sole is bright.
        XCTAssertEqual(a[0], 0); XCTAssertEqual(a[783], 0)
        XCTAssertGreaterThan(a[20 * 28 + 14], 0.8)
    }

    func testBeforeKeepsTheAspectAndShrinksByAWholeFactor() throws {
        let picture = try Photos.picture(path: photos() + "/Ankle_boot/boot-exif6.jpg")
        XCTAssertEqual([picture.width, picture.height], [240, 180])   // upright: landscape
        let before = Photos.before(picture)
        XCTAssertEqual([before.width, before.height], [80, 60])     // factor 3 brings 240 under 112
        XCTAssertGreaterThan(before.pixels[0], 0.8)                 // cream table, not inverted
        let after = Photos.after(picture, invert: nil)
        XCTAssertEqual([after.width, after.height], [28, 28])
    }

    func testAFolderLoadsWithTheClassesOfItsSubfolders() throws {
        let folder = try PhotoFolder.load(path: photos(), invert: nil)
        let names = folder.files.map { $0.split(separator: "/").suffix(2).joined(separator: "/") }
        XCTAssertEqual(names, ["T-shirt_top/tshirt.jpg", "trouser/trouser.png",
                               "Ankle_boot/boot-exif6.jpg", "Ankle_boot/boot-upright.jpg"])
        XCTAssertEqual(folder.dataset.labels, [0, 1, 9, 9])
        XCTAssertEqual(folder.dataset.images.shape, [4, 28, 28])
        XCTAssertEqual(folder.dataset.source, try photos())
        // Each image is the one `load image` makes of the same file.
        let single = try Photos.loadImage(path: folder.files[1], invert: nil)
        XCTAssertEqual(folder.dataset.image(at: 1), single.image(at: 0))
    }

    func testClassFolderNames() {
        let accepted = ["T-shirt_top": 0, "tshirt-top": 0, "T_SHIRT_TOP": 0, "Ankle_boot": 9, "ankle-boot": 9,
                        "ankleboot": 9, "Ankle boot": 9, "trouser": 1, "Sneaker": 7, "bag": 8]
        for (name, label) in accepted { XCTAssertEqual(ClassFolder.label(of: name), label, name) }
        XCTAssertNil(ClassFolder.label(of: "shoes"))
        XCTAssertEqual(ClassFolder.suggestion(for: "sneakers"), "Sneaker")
        XCTAssertEqual(ClassFolder.suggestion(for: "Ankle_bots"), "Ankle_boot")
        XCTAssertNil(ClassFolder.suggestion(for: "xyzzyxyzzy"))
    }

    func testOneBadFileFailsTheFolderAndIsNamed() throws {
        try FileManager.default.createDirectory(atPath: path("Sneaker"), withIntermediateDirectories: true)
        let good = try Data(contentsOf: URL(fileURLWithPath: photos() + "/Ankle_boot/boot-upright.jpg"))
        try good.write(to: URL(fileURLWithPath: path("Sneaker/a.jpg")))
        try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: path("Sneaker/b.jpg")))
        XCTAssertThrowsError(try PhotoFolder.load(path: folder, invert: nil)) { error in
            XCTAssertEqual("\(error)", "\(self.path("Sneaker/b.jpg")): truncated JPEG: the data ends inside the image data")
        }
        try Data("not a picture".utf8).write(to: URL(fileURLWithPath: path("Sneaker/b.jpg")))
        XCTAssertThrowsError(try PhotoFolder.load(path: folder, invert: nil)) { error in
            XCTAssertEqual("\(error)", "\(self.path("Sneaker/b.jpg")): not a PNG or JPEG file (unknown first bytes)")
        }
    }

    func testFolderErrors() throws {
        XCTAssertThrowsError(try PhotoFolder.load(path: folder, invert: nil)) { error in
            XCTAssertEqual(error as? DataError, .noImages(path: self.folder))
        }
        try FileManager.default.createDirectory(atPath: path("sneakers"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try PhotoFolder.load(path: folder, invert: nil)) { error in
            XCTAssertEqual("\(error)", "\(self.path("sneakers")): the folder name is not a Fashion-MNIST class; did you mean "
                + "`Sneaker`? (class folders: T-shirt_top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle_boot)")
        }
        XCTAssertThrowsError(try PhotoFolder.load(path: path("missing"), invert: nil)) { error in
            XCTAssertEqual(error as? DataError, .fileNotFound(path: self.path("missing")))
        }
        XCTAssertThrowsError(try Photos.loadImage(path: folder, invert: nil)) { error in
            XCTAssertEqual(error as? DataError, .isDirectory(path: self.folder))
        }
    }

    /// With FM_GRAPHICS_SAMPLES=DIR, writes DIR/photos-before-after.png: each fixture photo before
    /// and after preparation, to look at.
    func testWritesBeforeAndAfterSamples() throws {
        guard let out = ProcessInfo.processInfo.environment["FM_GRAPHICS_SAMPLES"] else { return }
        let folder = try PhotoFolder.load(path: photos(), invert: nil)
        var images: [GrayImage] = [], captions: [String] = []
        for (i, file) in folder.files.enumerated() {
            let picture = try Photos.picture(path: file)
            let name = String(file.split(separator: "/").last ?? "")
            images += [Photos.before(picture), Photos.after(picture, invert: nil).upsampled(by: 4)]
            captions += [name, folder.dataset.classNames[Int(folder.dataset.labels[i])]]
        }
        try ImageGrid(images: images, captions: captions, columns: 4).write(to: out + "/photos-before-after.png")
    }
}
