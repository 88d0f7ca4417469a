#!/usr/bin/env python3
"""Golden values from Keras for the engine tests (Tests/FMNetTests/GoldenTests.swift).

For the blog's NN and CNN, and a small model using the remaining layers, with deterministic weights and inputs (formulas repeated in the Swift
test, so no weights need storing), dumps the softmax outputs, the loss, every gradient and the
weights after one Adam step (Keras defaults) into
  Tests/FMNetTests/Fixtures/golden.json  (manifest: name, shape, offset, count)
  Tests/FMNetTests/Fixtures/golden.bin   (little-endian float32, concatenated)

Run: /work/venv/bin/python scripts/make-golden-fixtures.py
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "FMNetTests", "Fixtures")
BATCH = 4
LABELS = np.array([3, 0, 7, 9], dtype=np.int32)
MIX_LABELS = np.array([2, 0, 1, 2], dtype=np.int32)


def weight_values(tensor_index, shape, limit):
    """w[i] = (2u - 1) * limit, u = ((i * 2654435761 + (t + 1) * 40503) mod 1000003) / 1000003."""
    n = int(np.prod(shape))
    i = np.arange(n, dtype=np.int64)
    u = ((i * 2654435761 + (tensor_index + 1) * 40503) % 1000003).astype(np.float64) / 1000003.0
    return ((2.0 * u - 1.0) * limit).astype(np.float32).reshape(shape)


def glorot_limit(shape):
    if len(shape) == 2:
        fan_in, fan_out = shape
    else:
        area = shape[0] * shape[1]
        fan_in, fan_out = area * shape[2], area * shape[3]
    return np.sqrt(6.0 / (fan_in + fan_out))


def images(shape):
    """x[j] = ((j * 7919 + 13) mod 1009) / 1008, j over the whole batch."""
    n = int(np.prod(shape))
    j = np.arange(n, dtype=np.int64)
    return (((j * 7919 + 13) % 1009).astype(np.float64) / 1008.0).astype(np.float32).reshape(shape)


def blog_nn():
    return keras.Sequential([
        keras.Input((28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]), ["2.dense", "3.dense", "4.dense"], (BATCH, 28, 28)


def blog_cnn():
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(128, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(128, 3, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(10, activation="softmax"),
    ]), ["1.conv2d", "3.conv2d", "5.conv2d", "7.dense"], (BATCH, 28, 28, 1)


def blog_mix():
    """Everything else the engine has that Keras can match deterministically: strided conv2d with
    asymmetric 'same' padding (4x4 stride 2 on 9x9; 2x2 stride 1), batchnorm in training mode,
    a LeakyReLU layer (slope 0.3), tanh and sigmoid, avgpool. Dropout is left out (random masks)."""
    return keras.Sequential([
        keras.Input((9, 9, 2)),
        keras.layers.Conv2D(4, 4, strides=2, padding="same", activation="tanh"),
        keras.layers.BatchNormalization(),
        keras.layers.LeakyReLU(negative_slope=0.3),
        keras.layers.Conv2D(3, 2, padding="same", activation="sigmoid"),
        keras.layers.AveragePooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(6, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ]), ["1.conv2d.kernel", "1.conv2d.bias", "2.batchnorm.gamma", "2.batchnorm.beta",
         "4.conv2d.kernel", "4.conv2d.bias", "7.dense.kernel", "7.dense.bias", "8.dense.kernel", "8.dense.bias"], (BATCH, 9, 9, 2)


def run(prefix, build, out, labels=LABELS):
    model, layer_names, input_shape = build()
    names, values = [], []
    for t, var in enumerate(model.trainable_variables):
        shape = tuple(var.shape)
        limit = glorot_limit(shape) if len(shape) > 1 else 0.1   # non-zero biases exercise their gradients
        values.append(weight_values(t, shape, limit))
        if len(layer_names) == len(model.trainable_variables):
            names.append(layer_names[t])
        else:
            names.append(f"{layer_names[t // 2]}.{'kernel' if len(shape) > 1 else 'bias'}")
    for var, v in zip(model.trainable_variables, values):
        var.assign(v)
    x = tf.constant(images(input_shape))
    y = tf.constant(labels)
    with tf.GradientTape() as tape:
        probs = model(x, training=True)
        loss = keras.losses.SparseCategoricalCrossentropy()(y, probs)
    grads = tape.gradient(loss, model.trainable_variables)
    opt = keras.optimizers.Adam()
    opt.apply_gradients(zip(grads, model.trainable_variables))
    out.append((f"{prefix}.probs", probs.numpy()))
    out.append((f"{prefix}.loss", np.array([loss.numpy()], dtype=np.float32)))
    for name, g in zip(names, grads):
        out.append((f"{prefix}.grad.{name}", g.numpy()))
    for name, v in zip(names, model.trainable_variables):
        out.append((f"{prefix}.after.{name}", v.numpy()))
    for layer_index, layer in enumerate(model.layers, start=1):
        if isinstance(layer, keras.layers.BatchNormalization):
            out.append((f"{prefix}.after.{layer_index}.batchnorm.moving_mean", layer.moving_mean.numpy()))
            out.append((f"{prefix}.after.{layer_index}.batchnorm.moving_variance", layer.moving_variance.numpy()))
    print(f"{prefix}: loss {float(loss):.6f}, {sum(int(np.prod(v.shape)) for v in values)} parameters", file=sys.stderr)


def main():
    out = []
    run("nn", blog_nn, out)
    run("cnn", blog_cnn, out)
    run("mix", blog_mix, out, labels=MIX_LABELS)
    manifest, offset = [], 0
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "golden.bin"), "wb") as f:
        for name, a in out:
            a = np.ascontiguousarray(a, dtype="<f4")
            f.write(a.tobytes())
            manifest.append({"name": name, "shape": list(a.shape), "offset": offset, "count": int(a.size)})
            offset += int(a.size)
    with open(os.path.join(OUT, "golden.json"), "w") as f:
        json.dump({"generator": f"keras {keras.__version__}, tensorflow {tf.__version__}",
                   "labels": LABELS.tolist(), "mixLabels": MIX_LABELS.tolist(), "tensors": manifest}, f, indent=1)


if __name__ == "__main__":
    main()
