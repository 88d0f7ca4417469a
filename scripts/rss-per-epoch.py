#!/usr/bin/env python3
"""Resident memory of fm at the end of each training epoch: memory must stay flat.
Usage: scripts/rss-per-epoch.py FM [EPOCHS] [MODEL]   (MODEL: nn or cnn; prints one row per epoch)"""
import os, re, subprocess, sys, tempfile

FM = sys.argv[1]
EPOCHS = int(sys.argv[2]) if len(sys.argv) > 2 else 30
MODEL = sys.argv[3] if len(sys.argv) > 3 else "nn"
LAYERS = {
    "nn": "model m input=28x28; add flatten; add dense 256 relu; add dense 256 relu; add dense 10 softmax",
    "cnn": ("model m input=28x28x1; add conv2d 64 3x3 same relu; add maxpool 2x2; add conv2d 128 3x3 same relu; "
            "add maxpool 2x2; add conv2d 128 3x3 same relu; add globalavgpool; add dense 10 softmax"),
}[MODEL]
LIMIT = "" if MODEL == "nn" else " limit=6000"


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1)) / 1024


home = tempfile.mkdtemp(prefix="fm-rss-")
statements = f"load fashion-mnist; {LAYERS}; train m epochs={EPOCHS} validation=test{LIMIT}"
p = subprocess.Popen([FM, "-c", statements], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                     env=dict(os.environ, FM_HOME=home), text=True)
rows = []
for line in p.stdout:
    m = re.match(r"m epoch (\d+)/", line)
    if m:
        rows.append((int(m.group(1)), rss_mb(p.pid)))
p.wait()
print("| epoch | resident MB |\n|---:|---:|")
for epoch, mb in rows:
    print(f"| {epoch} | {mb:.1f} |")
if len(rows) >= 3:
    print(f"\ngrowth from epoch 2 to epoch {rows[-1][0]}: {rows[-1][1] - rows[1][1]:+.1f} MB")
