#!/usr/bin/env python3
"""Makes a test annotator's rhythm annotations from the reference's (rdann -p + output on stdin), for epicmp's golden
files: each onset and end moved by up to +-90 s (seeded), one episode in four dropped, a false AF episode added in
the first and in the last third of the record, and per-record edge cases named on the command line."""
import random, sys
record, fs, length, case = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rng = random.Random(int(record))
rows = []
for line in sys.stdin:
    parts = line.split()
    sample, aux = int(parts[1]), parts[-1] if len(parts) > 6 else ""
    rows.append([sample, aux])
out = []
for sample, aux in rows:
    if rng.random() < 0.25 and aux.startswith("(AFIB"):
        continue  # a missed episode: the rhythm before it goes on
    moved = max(1, min(length - 1, sample + int(rng.uniform(-90, 90) * fs)))
    out.append([moved, "(AFIB" if case == "flutter-as-af" and aux.startswith("(AFL") else aux])
if case != "no-af":
    for third in (0.2, 0.8):
        at = int(length * third + rng.uniform(0, 60) * fs)
        out += [[at, "(AFIB"], [at + int(rng.uniform(20, 200) * fs), "(N"]]
else:
    out = [r for r in out if not r[1].startswith("(AFIB")]
if case == "open-end":
    out = [r for r in out if r[0] < length * 0.9] + [[int(length * 0.9), "(AFIB"]]
if case == "early":
    out += [[int(100 * fs), "(AFIB"], [int(400 * fs), "(N"]]
if case == "at-zero":
    out = [r for r in out if r[0] > 0] + [[0, "(AFIB"], [int(30 * fs), "(N"]]
out.sort(key=lambda r: r[0])
for sample, aux in out:
    # wrann's input is rdann's own text layout: wrann skips a fixed 9 characters, then reads sample, type, sub, chan,
    # num, and takes the aux string after a tab.
    print(f"{'0:00.000':>12} {sample:>8}     +    0    0    0\t{aux}")
