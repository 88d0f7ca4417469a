#!/usr/bin/env python3
"""The body of scripts/bench: runs fm and its peers, prints medians and ratios."""
import json, os, platform, statistics, subprocess, sys, tempfile, time

FM = sys.argv[1]
FULL = "--full" in sys.argv
RUNS = int(os.environ.get("RUNS", "3"))
CNN_RUNS = int(os.environ.get("CNN_RUNS", "2"))   # a CNN run is two epochs of each system: minutes
HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = [os.path.join(os.path.dirname(HERE), ".venv/bin/python"), os.path.join(HERE, "bench-peers.py")]

NN = "model nn input=28x28; add flatten; add dense 256 relu; add dense 256 relu; add dense 10 softmax"
CNN = ("model cnn input=28x28x1; add conv2d 64 3x3 same relu; add maxpool 2x2; add conv2d 128 3x3 same relu; "
       "add maxpool 2x2; add conv2d 128 3x3 same relu; add globalavgpool; add dense 10 softmax")


def run(cmd, env=None, cwd=None):
    """Wall seconds, peak resident MB and standard output of one process."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} exited {p.returncode}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024, out.decode()


def fm(statements, home=None):
    home = home or tempfile.mkdtemp(prefix="fm-bench-")
    return run([FM, "--json", "-c", statements], env=dict(os.environ, FM_HOME=home))


def blog_session():
    """A store holding the session examples/blog.fm leaves (its datasets, translated sets, models
    and results), trained briefly: opening a session must not cost what it holds."""
    home = tempfile.mkdtemp(prefix="fm-bench-")
    script = open(os.path.join(os.path.dirname(HERE), "examples/blog.fm")).read()
    script = script.replace("epochs=30", "epochs=1 limit=2000").replace("range=-6..6", "range=-6..6 limit=100")
    path = os.path.join(home, "blog-brief.fm")
    open(path, "w").write(script)
    run([FM, "--session", "blog", path], env=dict(os.environ, FM_HOME=home), cwd=home)
    return home


def median(f, runs=RUNS):
    values, memory = [], []
    for _ in range(runs):
        v, m = f()
        values.append(v)
        memory.append(m)
    return statistics.median(values), max(memory)


def interleaved(tasks, runs=RUNS):
    """Runs the tasks in turn, A B C A B C …, so that a drift in the machine's speed (a shared
    host) hits each system alike; (median, peak memory) for each task."""
    results = [([], []) for _ in tasks]
    for _ in range(runs):
        for (values, memory), task in zip(results, tasks):
            v, m = task()
            values.append(v)
            memory.append(m)
    return [(statistics.median(v), max(m)) for v, m in results]


def fm_epoch(model, name):
    def once():
        _, mem, out = fm(f"seed 1; load fashion-mnist; {model}; train {name} epochs=2 batch=32")
        epochs = [json.loads(l) for l in out.splitlines() if '"statement":"train"' in l]
        return epochs[-1]["seconds"], mem
    return once


def fm_infer(model, name):
    def once():
        _, mem, out = fm(f"seed 1; load fashion-mnist; {model}; evaluate {name} on test; evaluate {name} on test")
        ev = [json.loads(l) for l in out.splitlines() if '"statement":"evaluate"' in l][-1]
        return ev["count"] / ev["seconds"], mem
    return once


def peer(framework, model, task):
    def once():
        _, mem, out = run(PEERS + [framework, model, task])
        r = json.loads(out.strip().splitlines()[-1])
        peer.versions[framework] = r["version"]
        return r.get("seconds", r.get("images_per_second")), mem
    return once


peer.versions = {}


def main():
    rows = []
    sgemm = float(subprocess.check_output([os.path.join(os.path.dirname(HERE), ".build/sgemm-rate")]).decode())
    flops = {}
    for name, model in (("nn", NN), ("cnn", CNN)):
        _, _, out = fm(f"{model}; summary {name} flops=true")
        per_image = json.loads([l for l in out.splitlines() if '"statement":"summary"' in l][0])["flops_per_image"]
        flops[name] = 3 * per_image * 60000   # forward + backward ≈ 3× forward
    load, load_mem = median(lambda: fm("load fashion-mnist")[:2], runs=5)
    home = tempfile.mkdtemp(prefix="fm-bench-")
    fm("help", home)   # start-up as people meet it: the store exists after the first run
    start, start_mem = median(lambda: fm("help", home)[:2], runs=5)
    rows.append(("load Fashion-MNIST (70,000 images), s", load, None, None, False))
    rows.append(("`fm -c 'help'` start-up, s", start, None, None, False))
    blog_home = blog_session()
    for statement in ("help", "models"):
        (t, m) = median(lambda: run([FM, "--session", "blog", "-c", statement], env=dict(os.environ, FM_HOME=blog_home))[:2], runs=5)
        rows.append((f"`fm --session blog -c {statement}` on the blog's session, s", t, None, None, False))
        rows.append((f"  its peak memory, MB", m, None, None, False))
    memory = {}
    for name, model in (("nn", NN), ("cnn", CNN)):
        runs = RUNS if name == "nn" else CNN_RUNS
        (f, fmem), (k, kmem), (t, tmem) = interleaved(
            [fm_epoch(model, name), peer("keras", name, "train"), peer("torch", name, "train")], runs)
        memory[name] = (fmem, kmem, tmem)
        rows.append((f"{name.upper()} training epoch (60,000 images, batch 32, Adam), s", f, k, t, False))
        rows.append((f"  {name.upper()} GFLOP/s achieved (of {sgemm:.0f} sgemm peak)", flops[name] / f / 1e9, flops[name] / k / 1e9, flops[name] / t / 1e9, True))
    for name, model in (("nn", NN), ("cnn", CNN)):
        (f, _), (k, _), (t, _) = interleaved([fm_infer(model, name), peer("keras", name, "infer"), peer("torch", name, "infer")])
        rows.append((f"{name.upper()} inference, images/s (batch 256)", f, k, t, True))
    for name in ("nn", "cnn"):
        f, k, t = memory[name]
        rows.append((f"peak memory while training the {name.upper()}, MB", f, k, t, False))
    # Memory stays flat over a long run: resident size after epoch 2 and after epoch 30 of the NN.
    rss = subprocess.check_output([sys.executable, os.path.join(HERE, "rss-per-epoch.py"), FM, "30", "nn"]).decode()
    sizes = [float(r.split("|")[2]) for r in rss.splitlines() if r.startswith("| ") and r.split("|")[1].strip().isdigit()]
    if len(sizes) >= 30:
        rows.append(("NN resident memory after epoch 2, MB", sizes[1], None, None, False))
        rows.append(("  after epoch 30, MB", sizes[29], None, None, False))
    if FULL:
        home = tempfile.mkdtemp(prefix="fm-bench-")
        # In a folder of its own: the script writes its pictures and report to the current one.
        seconds, mem, _ = run([FM, os.path.join(os.path.dirname(HERE), "examples/blog.fm")],
                              env=dict(os.environ, FM_HOME=home), cwd=home)
        rows.append(("full examples/blog.fm, s", seconds, None, None, False))
        rows.append(("full examples/blog.fm peak memory, MB", mem, None, None, False))

    cpu = platform.processor() or open("/proc/cpuinfo").read().split("model name")[1].split("\n")[0].strip(": \t")
    print(f"Machine: {cpu}, {os.cpu_count()} cores; OpenBLAS sgemm {sgemm:.0f} GFLOP/s; "
          f"Keras/TensorFlow {peer.versions.get('keras', '?')}, PyTorch {peer.versions.get('torch', '?')}; "
          f"medians of {RUNS} runs ({CNN_RUNS} for CNN training), the systems taking turns; "
          f"training time is the second epoch of two\n")
    print("| measure | fm | Keras | PyTorch | fm/Keras | fm/PyTorch |")
    print("|---|---:|---:|---:|---:|---:|")
    fmt = lambda v: "—" if v is None else (f"{v:,.0f}" if v >= 100 else f"{v:.3g}" if v < 1 else f"{v:.2f}")
    for label, f, k, t, higher in rows:
        ratio = lambda p: "—" if p is None else f"{f / p:.2f}×"
        print(f"| {label} | {fmt(f)} | {fmt(k)} | {fmt(t)} | {ratio(k)} | {ratio(t)} |")


if __name__ == "__main__":
    main()
