#!/usr/bin/env python3
"""Times Keras (tensorflow-cpu) and PyTorch on the blog's work, for scripts/bench.

usage: bench-peers.py keras|torch nn|cnn train|infer
Prints one JSON object: the second training epoch's seconds (the first includes tracing and
warm-up), or inference images per second over the 10,000 test images at batch 256.
"""
import gzip, json, os, sys, time
import numpy as np

DATA = os.environ.get("FM_DATA", "/usr/share/datasets/fashion-mnist")


def idx(name):
    with gzip.open(os.path.join(DATA, name)) as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim).reshape(dims)


def data():
    x = idx("train-images-idx3-ubyte.gz").astype(np.float32) / 255
    y = idx("train-labels-idx1-ubyte.gz").astype(np.int64)
    tx = idx("t10k-images-idx3-ubyte.gz").astype(np.float32) / 255
    ty = idx("t10k-labels-idx1-ubyte.gz").astype(np.int64)
    return x, y, tx, ty


def keras(model_kind, task):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    x, y, tx, ty = data()
    L = tf.keras.layers
    if model_kind == "nn":
        m = tf.keras.Sequential([tf.keras.Input((28, 28)), L.Flatten(), L.Dense(256, activation="relu"),
                                 L.Dense(256, activation="relu"), L.Dense(10, activation="softmax")])
    else:
        x, tx = x[..., None], tx[..., None]
        m = tf.keras.Sequential([tf.keras.Input((28, 28, 1)), L.Conv2D(64, 3, padding="same", activation="relu"), L.MaxPooling2D(2),
                                 L.Conv2D(128, 3, padding="same", activation="relu"), L.MaxPooling2D(2),
                                 L.Conv2D(128, 3, padding="same", activation="relu"), L.GlobalAveragePooling2D(),
                                 L.Dense(10, activation="softmax")])
    m.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    if task == "train":
        times = []

        class Timer(tf.keras.callbacks.Callback):
            def on_epoch_begin(self, epoch, logs=None): self.t = time.perf_counter()
            def on_epoch_end(self, epoch, logs=None): times.append(time.perf_counter() - self.t)
        m.fit(x, y, batch_size=32, epochs=2, verbose=0, callbacks=[Timer()])
        return {"seconds": times[-1], "version": tf.__version__}
    m.predict(tx[:256], batch_size=256, verbose=0)
    t = time.perf_counter()
    m.predict(tx, batch_size=256, verbose=0)
    return {"images_per_second": len(tx) / (time.perf_counter() - t), "version": tf.__version__}


def torch_(model_kind, task):
    import torch
    from torch import nn
    torch.set_num_threads(os.cpu_count() or 2)
    x, y, tx, ty = data()
    if model_kind == "nn":
        m = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
    else:
        x, tx = x[:, None], tx[:, None]
        m = nn.Sequential(nn.Conv2d(1, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Conv2d(128, 128, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, 10))
    X, Y, TX = torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(tx)
    if task == "train":
        opt = torch.optim.Adam(m.parameters(), lr=1e-3, eps=1e-7)
        loss_fn = nn.CrossEntropyLoss()
        times = []
        for _ in range(2):
            t = time.perf_counter()
            perm = torch.randperm(len(X))
            for i in range(0, len(X), 32):
                idx_ = perm[i:i + 32]
                opt.zero_grad()
                loss = loss_fn(m(X[idx_]), Y[idx_])
                loss.backward()
                opt.step()
            times.append(time.perf_counter() - t)
        return {"seconds": times[-1], "version": torch.__version__}
    m.eval()
    with torch.no_grad():
        m(TX[:256])
        t = time.perf_counter()
        for i in range(0, len(TX), 256):
            torch.softmax(m(TX[i:i + 256]), 1)
    return {"images_per_second": len(TX) / (time.perf_counter() - t), "version": torch.__version__}


if __name__ == "__main__":
    framework, model_kind, task = sys.argv[1:4]
    result = (keras if framework == "keras" else torch_)(model_kind, task)
    print(json.dumps(result))
