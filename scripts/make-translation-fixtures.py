#!/usr/bin/env python3
"""Reference values for FMData's translations, resizing and .npy reader.

Run with the project venv (numpy, opencv):  /work/venv/bin/python scripts/make-translation-fixtures.py
Writes small .npy files to Tests/FMDataTests/Fixtures/. The Swift tests read them with fm's own
NPY reader and compare to 1e-5 per pixel; Python is never needed to run the tests.

corner=top-left/bottom-right is the seed blog's code exactly (a float64 38x38 zero canvas, the
image pasted at [0:28, 0:28] or [10:38, 10:38], cv2.resize(canvas, (28, 28)) INTER_LINEAR).
Rotation and scaling are computed here with plain numpy bilinear sampling, independently of the
Swift code. The cv2.warpAffine rotation is stored too: OpenCV 5.0 agrees with exact bilinear to
about 2e-6 on float32 (older versions quantised source positions to 1/32 pixel, INTER_TAB_SIZE,
and would differ by up to ~1e-2).
"""
import gzip
import os

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "FMDataTests", "Fixtures")
FASHION = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"


def synthetic_patterns():
    """Three deterministic 28x28 pictures in [0, 1] with edges, gradients and texture."""
    y, x = np.mgrid[0:28, 0:28].astype(np.float64)
    shirt = np.zeros((28, 28))
    shirt[5:25, 8:20] = 0.4 + 0.5 * (y[5:25, 8:20] - 5) / 20      # body with a vertical gradient
    shirt[5:12, 3:25] = 0.8                                        # sleeves
    shirt[5:8, 12:16] = 0.0                                        # neck
    ring = np.clip(1 - np.abs(np.hypot(x - 13.5, y - 13.5) - 8) / 3, 0, 1)
    rng = np.random.default_rng(7)
    stripes = (0.5 + 0.5 * np.sin((x + 2 * y) / 2.5)) * (x > 3) * (x < 26) * (y > 1)
    stripes = np.clip(stripes + 0.1 * rng.random((28, 28)), 0, 1)
    return [shirt, ring, stripes]


def real_images(count):
    """The first `count` Fashion-MNIST test images, when the dataset is installed."""
    if not os.path.exists(FASHION):
        return []
    with gzip.open(FASHION, "rb") as f:
        data = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    return [data[i * 784:(i + 1) * 784].reshape(28, 28) / 255.0 for i in range(count)]


def corner(img, bottom_right):
    """The blog's translate_object, without the coin."""
    new_img = np.zeros((38, 38))
    if bottom_right:
        new_img[10:38, 10:38] = img
    else:
        new_img[0:28, 0:28] = img
    return cv2.resize(new_img, (28, 28))


def shift(img, dx, dy):
    out = np.zeros_like(img)
    h, w = img.shape
    for yy in range(h):
        for xx in range(w):
            sx, sy = xx - dx, yy - dy
            if 0 <= sx < w and 0 <= sy < h:
                out[yy, xx] = img[sy, sx]
    return out


def bilinear(img, sx, sy):
    """Sample img at float positions, neighbours outside the image count as 0."""
    h, w = img.shape
    x0, y0 = np.floor(sx).astype(int), np.floor(sy).astype(int)
    a, b = sx - x0, sy - y0
    out = np.zeros(sx.shape)
    for ox, oy, wt in ((0, 0, (1 - a) * (1 - b)), (1, 0, a * (1 - b)), (0, 1, (1 - a) * b), (1, 1, a * b)):
        xi, yi = x0 + ox, y0 + oy
        inside = (xi >= 0) & (xi < w) & (yi >= 0) & (yi < h)
        out += np.where(inside, wt * img[np.clip(yi, 0, h - 1), np.clip(xi, 0, w - 1)], 0)
    return out


def rotate(img, degrees):
    h, w = img.shape
    cx, cy = (w - 1) / 2, (h - 1) / 2
    t = np.deg2rad(degrees)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    sx = cx + np.cos(t) * (x - cx) - np.sin(t) * (y - cy)
    sy = cy + np.sin(t) * (x - cx) + np.cos(t) * (y - cy)
    return bilinear(img, sx, sy)


def rotate_cv2(img, degrees):
    h, w = img.shape
    m = cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), degrees, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)


def scale(img, factor):
    h, w = img.shape
    cx, cy = (w - 1) / 2, (h - 1) / 2
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    return bilinear(img, cx + (x - cx) / factor, cy + (y - cy) / factor)


def save(name, array):
    np.save(os.path.join(OUT, name), array)


def main():
    os.makedirs(OUT, exist_ok=True)
    images = synthetic_patterns() + real_images(3)
    base = np.stack(images).astype(np.float32)
    f64 = base.astype(np.float64)   # what the blog feeds to cv2 (np.zeros is float64)
    save("patterns.npy", base)
    save("corner-top-left.npy", np.stack([corner(i, False) for i in f64]).astype(np.float32))
    save("corner-bottom-right.npy", np.stack([corner(i, True) for i in f64]).astype(np.float32))
    # The same in float32, to show the element type does not matter at 1e-5.
    tl32 = np.stack([cv2.resize(np.pad(i, ((0, 10), (0, 10))), (28, 28)) for i in base])
    print("float32 vs float64 top-left, max diff:", np.abs(tl32 - np.load(os.path.join(OUT, "corner-top-left.npy"))).max())
    save("shift-3-m2.npy", np.stack([shift(i, 3, -2) for i in f64]).astype(np.float32))
    save("rotate-15.npy", np.stack([rotate(i, 15) for i in f64]).astype(np.float32))
    save("rotate-15-cv2.npy", np.stack([rotate_cv2(i, 15) for i in base]).astype(np.float32))
    save("scale-0.8.npy", np.stack([scale(i, 0.8) for i in f64]).astype(np.float32))
    print("rotate exact vs cv2.warpAffine, max diff:",
          np.abs(np.load(os.path.join(OUT, "rotate-15.npy")) - np.load(os.path.join(OUT, "rotate-15-cv2.npy"))).max())

    # Resizing other sizes, up and down, for edge clamping: 13x9 -> 30x21 and 28x28 -> 17x40.
    small = (np.arange(13 * 9, dtype=np.float32).reshape(13, 9) % 7) / 6
    save("resize-src-13x9.npy", small[None])
    save("resize-13x9-to-30x21.npy", cv2.resize(small, (21, 30))[None])
    save("resize-28x28-to-17x40.npy", cv2.resize(base[0], (40, 17))[None])

    # .npy reader cases.
    labels = np.array([9, 0, 3, 1, 7, 2], dtype=np.uint8)
    save("labels-u1.npy", labels)
    save("labels-i8.npy", labels.astype(np.int64))
    save("labels-i4.npy", labels.astype(np.int32))
    save("images-u1.npy", (base[:2] * 255).round().astype(np.uint8))
    with open(os.path.join(OUT, "images-v2.npy"), "wb") as f:
        np.lib.format.write_array(f, base[:2], version=(2, 0))
    save("images-f8.npy", base[:2].astype(np.float64))
    save("images-big-endian.npy", base[:2].astype(">f4"))
    save("images-fortran.npy", np.asfortranarray(base[:2]))
    print("wrote", len(os.listdir(OUT)), "files to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
