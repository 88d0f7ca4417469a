#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (Tests/FuzzCorpus/TARGET/): small valid files of
every variant each reader accepts, so libFuzzer starts from inputs that reach deep code.
Standard library only; run from the repository root. Deterministic: running it again writes the
same bytes."""
import gzip, json, os, struct, zlib

root = "Tests/FuzzCorpus"

def put(target, name, data):
    os.makedirs(f"{root}/{target}", exist_ok=True)
    with open(f"{root}/{target}/{name}", "wb") as f:
        f.write(data)

# IDX: bytes images, float32 images, labels; big-endian sizes.
def idx(type_code, sizes, payload):
    return bytes([0, 0, type_code, len(sizes)]) + b"".join(struct.pack(">I", s) for s in sizes) + payload

img_u8 = idx(0x08, [2, 4, 3], bytes(range(24)))
img_f4 = idx(0x0D, [1, 2, 2], struct.pack(">4f", 0.0, 0.5, 1.0, -2.0))
lab_u8 = idx(0x08, [5], bytes([0, 1, 2, 9, 3]))
for name, data in [("images-u8.idx", img_u8), ("images-f4.idx", img_f4), ("labels.idx", lab_u8),
                   ("empty-images.idx", idx(0x08, [0, 28, 28], b""))]:
    put("idx", name, data)
    # The gzip target compresses its input itself; its seeds are the raw files too.
    put("idx-gzip", name, data)
put("idx", "images-u8.idx.gz", gzip.compress(img_u8, mtime=0))
put("idx", "labels.idx.gz", gzip.compress(lab_u8, mtime=0))

# NPY: version 1 and 2 headers, u1 and f4 images, i8 and u1 labels.
def npy(descr, shape, payload, major=1):
    dims = "(%d,)" % shape[0] if len(shape) == 1 else "(" + ", ".join(map(str, shape)) + ")"
    d = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, dims)
    pre = 10 if major == 1 else 12
    d += " " * ((64 - (pre + len(d) + 1) % 64) % 64) + "\n"
    length = struct.pack("<H", len(d)) if major == 1 else struct.pack("<I", len(d))
    return b"\x93NUMPY" + bytes([major, 0]) + length + d.encode() + payload

put("npy", "images-u1.npy", npy("|u1", [2, 3, 2], bytes(range(12))))
put("npy", "images-f4.npy", npy("<f4", [1, 2, 2, 1], struct.pack("<4f", 0, 0.25, 0.5, 1)))
put("npy", "images-v2.npy", npy("<f4", [1, 1, 2], struct.pack("<2f", 1, 2), major=2))
put("npy", "labels-i8.npy", npy("<i8", [3], struct.pack("<3q", 0, 9, 4)))
put("npy", "labels-u1.npy", npy("|u1", [4, 1], bytes([1, 2, 3, 4])))

# PNG: each colour type and several depths and filters, small.
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

def png(width, height, depth, colour, rows, extra=b""):
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    raw = b"".join(bytes([f]) + r for f, r in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))

put("png", "grey8-filters.png", png(3, 5, 8, 0, [(f, bytes([10 * f, 20, 30 + f])) for f in range(5)]))
put("png", "grey1.png", png(9, 2, 1, 0, [(0, b"\xa5\x80"), (2, b"\x0f\x00")]))
put("png", "grey16.png", png(2, 1, 16, 0, [(1, b"\x12\x34\xff\xff")]))
put("png", "rgb8.png", png(2, 2, 8, 2, [(4, bytes(range(6))), (3, bytes(range(6, 12)))]))
put("png", "palette4-trns.png", png(4, 1, 4, 3, [(0, b"\x01\x23")],
                                    chunk(b"PLTE", bytes(range(12))) + chunk(b"tRNS", b"\x80\x00")))
put("png", "grey-alpha8.png", png(1, 2, 8, 4, [(0, b"\x40\x80"), (2, b"\x01\x01")]))
put("png", "rgba16.png", png(1, 1, 16, 6, [(0, bytes(range(8)))], chunk(b"tEXt", b"k\x00v")))

# safetensors: F32 and the other float widths, metadata, a skipped integer entry.
def safetensors(entries, metadata=None):
    header, data = {}, b""
    for name, dtype, shape, payload in entries:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(payload)]}
        data += payload
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, sort_keys=True).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + data

put("safetensors", "dense.safetensors", safetensors(
    [("1.dense.kernel", "F32", [2, 2], struct.pack("<4f", 1, 2, 3, 4)), ("1.dense.bias", "F32", [2], struct.pack("<2f", 0, 1))],
    {"format": "pt"}))
put("safetensors", "widths.safetensors", safetensors(
    [("a", "F64", [1], struct.pack("<d", 0.5)), ("b", "F16", [2], b"\x00\x3c\x00\xc0"),
     ("c", "BF16", [1], b"\x80\x3f"), ("n", "I64", [], struct.pack("<q", 7))]))
put("safetensors", "empty.safetensors", safetensors([]))

# The language: the example scripts, and a few lines of each construct.
for name in sorted(os.listdir("examples")):
    if name.endswith(".fm") and name != "blog.fm":
        with open(f"examples/{name}", "rb") as f:
            put("parser", name, f.read())
put("parser", "constructs.fm", b"""model m input=28x28x1
add conv2d 8 3x3 same relu; add maxpool 2x2; add flatten; add dense 10 softmax
compile m optimizer=sgd lr=0.01 momentum=0.9
train m epochs=1 limit=100 batch=32 # a comment
let x = "a string with \\"quotes\\""
show m to "m.png"
""")
