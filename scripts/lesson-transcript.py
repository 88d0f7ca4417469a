#!/usr/bin/env python3
"""Drives `lesson nn-vs-cnn` at a real prompt (tmux), typing each task the lesson shows and the
first answer of each question (then the next, if it was wrong); logs the screen and the time of
each step. Usage: scripts/lesson-transcript.py FM FM_HOME OUT.txt (LIMIT=N: load N images only)."""
import re, subprocess, sys, time, os
FM, HOME, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
LIMIT = os.environ.get("LIMIT")          # e.g. 1000 for a trial on a subset
S = "lessondrive"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[PX^_].*?\x1b\\\\|\r")
log = OUT + ".raw"
def tmux(*a): return subprocess.run(["tmux", *a], capture_output=True, text=True).stdout
subprocess.run(["tmux", "kill-session", "-t", S], capture_output=True)
open(log, "w").close()
tmux("new-session", "-d", "-s", S, "-x", "160", "-y", "50", f"env FM_HOME={HOME} TERM=xterm-256color {FM} --session lesson")
tmux("pipe-pane", "-t", S, "-o", f"cat >> {log}")
def text(): return ANSI.sub("", open(log, errors="replace").read())
def wait_prompt(since, timeout=3600):
    t0 = time.time()
    while time.time() - t0 < timeout:
        s = text()[since:]
        if re.search(r"\n?fm:[^\n]*> $", s) or re.search(r"fm:[^\n]*> $", s): return s
        time.sleep(0.5)
    raise SystemExit("timed out waiting for the prompt")
def send(line):
    n = len(text())
    tmux("send-keys", "-t", S, "-l", line); tmux("send-keys", "-t", S, "Enter")
    time.sleep(0.3)
    return n
timing = []
wait_prompt(0)
pos = send("lesson nn-vs-cnn")
t_start = time.time()
step_start, current, current_title = time.time(), None, ""
answers_tried = {}   # step -> how many answers were sent
tasks_typed = set()  # (step, commands): a task typed twice means the lesson did not move on
while True:
    out = wait_prompt(pos)
    full = text()
    if "finished" in out.lower() and "lesson" in out.lower() and "[" not in out.split("\n")[-1] and "(nn-vs-cnn" not in full[-200:]:
        break
    heads = re.findall(r"\[(\d+)/(\d+)\] ([^\n]*)", full)
    if heads:
        k = heads[-1]
        if current != k[0]:
            if current is not None: timing.append((current_title, time.time() - step_start))
            current, current_title, step_start = k[0], k[2], time.time()
    q = re.findall(r"Answer with (`answer [A-Z]`(?:, `answer [A-Z]`)*)", out)
    if not q and "is not it. Try again" in out:
        q = re.findall(r"Answer with (`answer [A-Z]`(?:, `answer [A-Z]`)*)", full)
    if q:
        letters = re.findall(r"answer ([A-Z])", q[-1])
        i = answers_tried.get(current, 0)
        answers_tried[current] = i + 1
        pos = send(f"answer {letters[min(i, len(letters)-1)]}")
        continue
    # the last Type: block of the current step
    block = full[full.rfind("Type:\n"):]
    cmds = []
    for line in block.split("\n")[1:]:
        if line.startswith("    "): cmds.append(line.strip())
        else: break
    if "(nn-vs-cnn" not in full[-300:]:
        break
    if not cmds: raise SystemExit("no task found:\n" + out[-2000:])
    key = (current, tuple(cmds))
    if key in tasks_typed:
        raise SystemExit("task repeated without progress:\n" + out[-2000:])
    tasks_typed.add(key)
    for c in cmds:
        if LIMIT and c == "load fashion-mnist": c += f" limit={LIMIT}"
        t0 = time.time()
        pos = send(c)
        wait_prompt(pos)
        print(f"{time.time()-t0:8.1f} s  {c}", flush=True)
timing.append((current_title, time.time() - step_start))
with open(OUT + ".times", "w") as f:
    for title, sec in timing: f.write(f"{sec:8.1f} s  {title}\n")
    f.write(f"{time.time()-t_start:8.1f} s  total\n")
open(OUT, "w").write(text())
tmux("send-keys", "-t", S, "quit", "Enter")
