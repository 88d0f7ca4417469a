#!/usr/bin/python3
"""Remakes the photo fixtures of the JPEG and photo-folder tests (Debian: python3-pil).

Tests/FMGraphicsTests/Fixtures:
  orientation-N.jpg (N = 1..8): a 24x16 picture of six 8x8 colour blocks (upper row red, green,
    blue; lower row white, black, grey), stored transformed so that applying EXIF orientation N
    shows it upright again; 4:4:4 at quality 95 so block centres keep their colours.
  grey.jpg: a one-channel JPEG; cmyk.jpg: a CMYK JPEG (fm refuses those).
Tests/FMDataTests/Fixtures/photos: "photographs" of garments drawn on a cream table with light
  and noise, in the image_dataset_from_directory layout (one folder per class):
  Ankle_boot/boot-upright.jpg, Ankle_boot/boot-exif6.jpg (stored turned 90 degrees anticlockwise,
  EXIF orientation 6), trouser/trouser.png, T-shirt_top/tshirt.jpg.

examples/photos: a small class's photo collection for `load images "examples/photos" as ours`,
  JPEG only, one folder per class: Ankle_boot (one upright, one stored sideways with EXIF
  orientation 6 as a phone does), Sneaker, Trouser (EXIF orientation 8), T-shirt_top, Dress, Bag.

Run from the repository root: /usr/bin/python3 scripts/make-photo-fixtures.py (Debian's python, which sees python3-pil)
"""
import os
import random
from PIL import Image, ImageDraw, ImageFilter

GRAPHICS = "Tests/FMGraphicsTests/Fixtures"
PHOTOS = "Tests/FMDataTests/Fixtures/photos"
BLOCKS = [[(255, 0, 0), (0, 255, 0), (0, 0, 255)], [(255, 255, 255), (0, 0, 0), (128, 128, 128)]]
# The transform that, undone by EXIF orientation N, gives back the upright picture.
STORED = {1: None, 2: Image.FLIP_LEFT_RIGHT, 3: Image.ROTATE_180, 4: Image.FLIP_TOP_BOTTOM,
          5: Image.TRANSPOSE, 6: Image.ROTATE_90, 7: Image.TRANSVERSE, 8: Image.ROTATE_270}


def save_jpeg(image, path, orientation=None):
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(path, "JPEG", quality=95, subsampling=0, exif=exif.tobytes())


def orientation_fixtures():
    upright = Image.new("RGB", (24, 16))
    draw = ImageDraw.Draw(upright)
    for row, colours in enumerate(BLOCKS):
        for column, colour in enumerate(colours):
            draw.rectangle([column * 8, row * 8, column * 8 + 7, row * 8 + 7], fill=colour)
    for n, transform in STORED.items():
        stored = upright if transform is None else upright.transpose(transform)
        save_jpeg(stored, f"{GRAPHICS}/orientation-{n}.jpg", n)
    upright.convert("L").save(f"{GRAPHICS}/grey.jpg", "JPEG", quality=95)
    upright.convert("CMYK").save(f"{GRAPHICS}/cmyk.jpg", "JPEG", quality=95)


def table(size, seed):
    """A cream table lit from the upper left, with sensor noise."""
    rng = random.Random(seed)
    w, h = size
    image = Image.new("RGB", size)
    pixels = image.load()
    for y in range(h):
        for x in range(w):
            light = 1.0 - 0.12 * (x / w + y / h) / 2
            noise = rng.randint(-6, 6)
            pixels[x, y] = tuple(max(0, min(255, int(c * light) + noise)) for c in (246, 236, 214))
    return image


def garment(size, seed, shape, colour):
    image = table(size, seed)
    shadow = Image.new("L", size, 0)
    ImageDraw.Draw(shadow).polygon([(x + 5, y + 6) for x, y in shape], fill=90)
    shadow = shadow.filter(ImageFilter.GaussianBlur(5))
    image.paste((120, 110, 95), mask=shadow)
    ImageDraw.Draw(image).polygon(shape, fill=colour)
    return image.filter(ImageFilter.GaussianBlur(0.8))


def photo_fixtures():
    for folder in ("Ankle_boot", "trouser", "T-shirt_top"):
        os.makedirs(f"{PHOTOS}/{folder}", exist_ok=True)
    # An ankle boot seen from the side, toe to the left as in Fashion-MNIST, off-centre to the
    # right on a landscape photo.
    boot = [(150, 38), (200, 34), (206, 118), (210, 146), (84, 146), (78, 136), (86, 122),
            (112, 112), (146, 100)]
    photo = garment((240, 180), 1, boot, (62, 40, 28))
    save_jpeg(photo, f"{PHOTOS}/Ankle_boot/boot-upright.jpg")
    save_jpeg(photo.transpose(Image.ROTATE_90), f"{PHOTOS}/Ankle_boot/boot-exif6.jpg", 6)
    # Trousers: a waistband and two legs, dark blue, as PNG.
    trouser = [(70, 20), (130, 20), (138, 170), (112, 170), (100, 60), (88, 170), (62, 170)]
    garment((200, 190), 2, trouser, (30, 40, 80)).save(f"{PHOTOS}/trouser/trouser.png")
    # A T-shirt: body and short sleeves, red.
    tshirt = [(80, 30), (100, 38), (120, 38), (140, 30), (175, 55), (160, 80), (145, 70), (145, 160),
              (75, 160), (75, 70), (60, 80), (45, 55)]
    save_jpeg(garment((220, 190), 3, tshirt, (170, 30, 40)), f"{PHOTOS}/T-shirt_top/tshirt.jpg")


EXAMPLES = "examples/photos"
# Stored turned so that EXIF orientation 6 (8) turns it back: as a phone held sideways saves it.
TURNED = {6: Image.ROTATE_90, 8: Image.ROTATE_270}


def example_photos():
    boot = [(150, 38), (200, 34), (206, 118), (210, 146), (84, 146), (78, 136), (86, 122),
            (112, 112), (146, 100)]
    sneaker = [(40, 122), (58, 104), (110, 98), (140, 82), (188, 86), (202, 128), (196, 140), (40, 140)]
    trouser = [(70, 20), (130, 20), (138, 170), (112, 170), (100, 60), (88, 170), (62, 170)]
    tshirt = [(80, 30), (100, 38), (120, 38), (140, 30), (175, 55), (160, 80), (145, 70), (145, 160),
              (75, 160), (75, 70), (60, 80), (45, 55)]
    dress = [(100, 20), (140, 20), (146, 62), (186, 176), (54, 176), (94, 62)]
    bag = [(60, 80), (92, 80), (96, 40), (144, 40), (148, 80), (180, 80), (190, 160), (50, 160), (60, 80),
           (102, 80), (136, 80), (134, 52), (106, 52), (102, 80)]
    photos = [("Ankle_boot/boot-side.jpg", (240, 180), 11, boot, (62, 40, 28), None),
              ("Ankle_boot/boot-phone.jpg", (240, 180), 12, [(x - 20, y + 10) for x, y in boot], (30, 30, 34), 6),
              ("Sneaker/sneaker.jpg", (240, 180), 13, sneaker, (40, 60, 120), None),
              ("Trouser/jeans.jpg", (200, 190), 14, trouser, (36, 52, 96), 8),
              ("T-shirt_top/red-tee.jpg", (220, 190), 15, tshirt, (170, 30, 40), None),
              ("Dress/dress.jpg", (240, 200), 16, dress, (40, 90, 60), None),
              ("Bag/bag.jpg", (240, 200), 17, bag, (120, 70, 30), None)]
    for name, size, seed, shape, colour, orientation in photos:
        os.makedirs(os.path.dirname(f"{EXAMPLES}/{name}"), exist_ok=True)
        photo = garment(size, seed, shape, colour)
        if orientation is not None:
            photo = photo.transpose(TURNED[orientation])
        save_jpeg(photo, f"{EXAMPLES}/{name}", orientation)


if __name__ == "__main__":
    os.makedirs(GRAPHICS, exist_ok=True)
    orientation_fixtures()
    photo_fixtures()
    example_photos()
