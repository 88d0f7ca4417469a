#!/usr/bin/env python3
"""Checks fm's model files against the Python frameworks (run with /work/venv/bin/python).

    check-interop.py safetensors FILE.safetensors [--npy-dir DIR]
        Loads an fm-exported file with the `safetensors` package; prints names, dtypes, shapes,
        value ranges and metadata keys. With --npy-dir (one NAME.npy per tensor, as the fm test
        dump writes), checks names, shapes and values exactly against it.

    check-interop.py onnx MODEL.onnx IMAGES.npy FM_PREDICTIONS.(npy|json)
        Validates the model with onnx.checker, runs it in onnxruntime on the images (fm's
        `export test to "x.npy"`: [N, 28, 28] floats, or uint8 scaled by 1/255) and compares the
        predicted classes with fm's: probabilities [N, C] or classes [N] as .npy, or JSON (a list
        of classes, of probability rows, or of objects with "predicted"; or the output of
        `fm --json -c '… predict cnn test[0..9999]'`, one object per line, --of MODEL to pick one).
        Reports the agreement.

    check-interop.py torch {nn,cnn,flat} OUT.safetensors [--seed S] [--images X.npy --predictions P.npy]
        Builds the blog model (or `flat`: conv, maxpool, flatten, dense) with torch.nn modules in
        fm's layer order and saves its state_dict (keys "0.weight", "1.bias", …; conv OIHW, linear (out, in)) for
        `import cnn3 from "OUT.safetensors" like cnn`; with --images, saves PyTorch's softmax
        probabilities to compare with fm's predictions after the import (`compare`).

    check-interop.py compare A.(npy|json) B.(npy|json)
        Class agreement (and largest probability difference) of two prediction files.

    check-interop.py fixture OUT.swift
        Writes Tests/FMInteropTests/TorchFixture.swift: a tiny PyTorch model (conv, batchnorm with
        running statistics, relu, flatten, linear, softmax) saved with safetensors, embedded as
        base64 with two input images and PyTorch's probabilities, so the Swift tests check a real
        PyTorch file without Python.

    check-interop.py images OUT.npy [--count N]
        The first N Fashion-MNIST test images as float32 [N, 28, 28] in [0, 1] (a stand-in for
        fm's `export test to`).

Exit status 1 when a check fails (names, shapes or values differ; agreement below --min-agreement).
"""
import argparse
import gzip
import json
import os
import sys

import numpy as np

DATA = os.environ.get("FM_DATA", "/usr/share/datasets/fashion-mnist")


def load_predictions(path, model=None):
    """Probabilities [N, C] or classes [N] from .npy, or from JSON: a list (of classes, of
    probability rows, or of objects with "predicted"), or fm's `--json` output, one object per
    line (`predict` objects, ordered by "index", only those of `model` when given)."""
    if not path.endswith((".json", ".jsonl")):
        return np.load(path)
    with open(path) as f:
        text = f.read()
    try:
        rows = json.loads(text)
    except json.JSONDecodeError:
        rows = [json.loads(line) for line in text.splitlines() if line.strip().startswith("{")]
    if isinstance(rows, dict):
        rows = rows.get("predictions", [rows])
    objects = [r for r in rows if isinstance(r, dict)]
    if objects:
        objects = [r for r in objects if r.get("statement", "predict") == "predict" and "predicted" in r
                   and (model is None or r.get("model") == model)]
        if all("index" in r for r in objects):
            objects.sort(key=lambda r: r["index"])
        return np.asarray([r["predicted"] for r in objects])
    return np.asarray(rows)


def classes_of(p):
    p = np.asarray(p)
    return p.argmax(axis=-1) if p.ndim >= 2 else p.astype(np.int64)


def agreement(a, b, label):
    ca, cb = classes_of(a), classes_of(b)
    if len(ca) != len(cb):
        print(f"{label}: {len(ca)} predictions against {len(cb)}")
        return 0.0
    agree = float((ca == cb).mean()) if len(ca) else 1.0
    line = f"{label}: {int((ca == cb).sum())}/{len(ca)} classes agree ({100 * agree:.2f}%)"
    a, b = np.asarray(a), np.asarray(b)
    if a.ndim >= 2 and a.shape == b.shape:
        line += f", largest probability difference {np.abs(a.astype(np.float64) - b).max():.3g}"
    print(line)
    return agree


def cmd_safetensors(args):
    from safetensors import safe_open
    from safetensors.numpy import load_file

    tensors = load_file(args.file)
    with safe_open(args.file, framework="numpy") as f:
        meta = f.metadata() or {}
    print(f"{args.file}: {len(tensors)} tensors, metadata keys {sorted(meta)}")
    for name in sorted(tensors, key=natural_key):
        t = tensors[name]
        print(f"  {name:32s} {str(t.dtype):8s} {str(list(t.shape)):20s} min {t.min():+.4f} max {t.max():+.4f} mean {t.mean():+.5f}")
    if not args.npy_dir:
        return 0
    expected = {f[:-4]: np.load(os.path.join(args.npy_dir, f)) for f in os.listdir(args.npy_dir) if f.endswith(".npy")}
    failures = []
    if set(expected) != set(tensors):
        failures.append(f"names differ: only in file {sorted(set(tensors) - set(expected))}, only in dump {sorted(set(expected) - set(tensors))}")
    for name in sorted(set(expected) & set(tensors), key=natural_key):
        t, e = tensors[name], expected[name]
        if t.dtype != np.float32 or t.shape != e.shape:
            failures.append(f"{name}: {t.dtype} {t.shape} in the file, float32 {e.shape} in the dump")
        elif not np.array_equal(t, e):
            failures.append(f"{name}: values differ (largest difference {np.abs(t - e).max()})")
    for f in failures:
        print("FAIL", f)
    if not failures:
        print(f"OK: {len(expected)} tensors match the dump in name, shape and every value")
    return 1 if failures else 0


def load_images(path):
    x = np.load(path)
    if np.issubdtype(x.dtype, np.integer):
        x = x.astype(np.float32) / 255
    return x.astype(np.float32)


def cmd_onnx(args):
    import onnx
    import onnxruntime as ort

    model = onnx.load(args.model)
    onnx.checker.check_model(model, full_check=True)
    opset = {o.domain or "ai.onnx": o.version for o in model.opset_import}
    print(f"{args.model}: valid ONNX (ir_version {model.ir_version}, opsets {opset}), "
          f"{len(model.graph.node)} nodes: {' → '.join(n.op_type for n in model.graph.node)}")
    session = ort.InferenceSession(args.model, providers=["CPUExecutionProvider"])
    inp = session.get_inputs()[0]
    x = load_images(args.images)
    x = x.reshape((x.shape[0],) + tuple(d for d in inp.shape[1:]))
    probabilities = np.concatenate([session.run(["probabilities"], {inp.name: x[i:i + 1000]})[0]
                                    for i in range(0, len(x), 1000)]) if len(x) else np.zeros((0,))
    print(f"onnxruntime {ort.__version__}: input {inp.name} {inp.shape}, ran {len(x)} images")
    fm = load_predictions(args.predictions, args.of)
    agree = agreement(probabilities, fm, "onnxruntime vs fm")
    if args.save:
        np.save(args.save, probabilities)
    return 0 if agree >= args.min_agreement else 1


def blog_model(kind):
    import torch.nn as nn

    if kind == "flat":
        # fm: conv2d 8 3x3 valid relu, maxpool 2x2, flatten, dense 10 softmax (flattens CHW vs HWC)
        return nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8 * 13 * 13, 10),
                             nn.Softmax(dim=-1))
    if kind == "nn":
        # fm: flatten, dense 256 relu, dense 256 relu, dense 10 softmax
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                             nn.Linear(256, 10), nn.Softmax(dim=-1))
    # fm: conv2d 64 3x3 same relu, maxpool 2x2, conv2d 128 3x3 same relu, maxpool 2x2,
    #     conv2d 128 3x3 same relu, globalavgpool, dense 10 softmax
    return nn.Sequential(nn.Conv2d(1, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(128, 128, 3, padding=1), nn.ReLU(),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, 10), nn.Softmax(dim=-1))


def cmd_torch(args):
    import torch
    from safetensors.torch import save_file

    torch.manual_seed(args.seed)
    model = blog_model(args.kind).eval()
    state = {k: v.contiguous() for k, v in model.state_dict().items()}
    save_file(state, args.out)
    print(f"wrote {args.out}: " + ", ".join(f"{k} {list(v.shape)}" for k, v in state.items()))
    if args.images:
        x = torch.from_numpy(load_images(args.images))
        x = x.reshape(x.shape[0], 1, 28, 28) if args.kind in ("cnn", "flat") else x.reshape(x.shape[0], 28, 28)
        with torch.no_grad():
            p = model(x).numpy()
        np.save(args.predictions, p)
        print(f"wrote {args.predictions}: PyTorch probabilities {list(p.shape)}")
    return 0


def cmd_compare(args):
    agree = agreement(load_predictions(args.a, args.of), load_predictions(args.b, args.of), f"{args.a} vs {args.b}")
    return 0 if agree >= args.min_agreement else 1


def cmd_images(args):
    with gzip.open(os.path.join(DATA, "t10k-images-idx3-ubyte.gz")) as f:
        raw = f.read()
    x = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 28, 28)[: args.count]
    np.save(args.out, x.astype(np.float32) / 255)
    print(f"wrote {args.out}: {x.shape[0]} test images, float32 [N, 28, 28] in [0, 1]")
    return 0


def cmd_fixture(args):
    import base64

    import torch
    import torch.nn as nn
    from safetensors.torch import save

    torch.manual_seed(11)
    model = nn.Sequential(nn.Conv2d(1, 2, 2), nn.BatchNorm2d(2), nn.ReLU(), nn.Flatten(), nn.Linear(18, 3), nn.Softmax(-1))
    with torch.no_grad():
        bn = model[1]
        bn.weight.copy_(torch.tensor([1.5, 0.5]))
        bn.bias.copy_(torch.tensor([0.1, -0.2]))
        bn.running_mean.copy_(torch.tensor([0.3, -0.4]))
        bn.running_var.copy_(torch.tensor([0.5, 2.0]))
        bn.num_batches_tracked.fill_(5)
        model[4].weight.mul_(3)
    model.eval()
    x = torch.rand(2, 1, 4, 4, generator=torch.Generator().manual_seed(12))
    with torch.no_grad():
        p = model(x)
    blob = base64.b64encode(save({k: v.contiguous() for k, v in model.state_dict().items()})).decode()
    bits = lambda t: ", ".join(f"0x{b:08X}" for b in t.numpy().astype(np.float32).ravel().view(np.uint32))
    lines = [
        "// Generated by `scripts/check-interop.py fixture` (PyTorch " + torch.__version__ + "); do not edit.",
        "/// A PyTorch state_dict of Sequential(Conv2d(1, 2, 2), BatchNorm2d(2), ReLU(), Flatten(), Linear(18, 3),",
        "/// Softmax(-1)) in safetensors, two 4×4 images and PyTorch's probabilities (float32 bit patterns).",
        "enum TorchFixture {",
        f'    static let safetensorsBase64 = "{blob}"',
        f"    static let imageBits: [UInt32] = [{bits(x)}]",
        f"    static let probabilityBits: [UInt32] = [{bits(p)}]",
        "}",
    ]
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {args.out}: {len(blob)} base64 characters, keys {list(model.state_dict())}")
    return 0


def natural_key(name):
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in name.split(".")]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("safetensors")
    s.add_argument("file")
    s.add_argument("--npy-dir")
    s.set_defaults(run=cmd_safetensors)
    o = sub.add_parser("onnx")
    o.add_argument("model")
    o.add_argument("images")
    o.add_argument("predictions")
    o.add_argument("--save", help="also save onnxruntime's probabilities to this .npy")
    o.add_argument("--min-agreement", type=float, default=0.99)
    o.add_argument("--of", help="in fm --json output, the predictions of this fm model only")
    o.set_defaults(run=cmd_onnx)
    t = sub.add_parser("torch")
    t.add_argument("kind", choices=["nn", "cnn", "flat"])
    t.add_argument("out")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--images")
    t.add_argument("--predictions")
    t.set_defaults(run=cmd_torch)
    c = sub.add_parser("compare")
    c.add_argument("a")
    c.add_argument("b")
    c.add_argument("--min-agreement", type=float, default=0.99)
    c.add_argument("--of", help="in fm --json output, the predictions of this fm model only")
    c.set_defaults(run=cmd_compare)
    fx = sub.add_parser("fixture")
    fx.add_argument("out")
    fx.set_defaults(run=cmd_fixture)
    i = sub.add_parser("images")
    i.add_argument("out")
    i.add_argument("--count", type=int, default=10000)
    i.set_defaults(run=cmd_images)
    args = ap.parse_args()
    if getattr(args, "images", None) and args.command == "torch" and not args.predictions:
        ap.error("--images needs --predictions")
    sys.exit(args.run(args))


if __name__ == "__main__":
    main()
