"""Adds docs/records.md's noise to a two-lead MIT-BIH record in rdsamp's text (sample number, then two values in adu):
seeded white noise of sd 30 adu (0.15 mV) and a 0.25 Hz baseline wander of 100 adu (0.5 mV) on both leads. The record
number seeds the noise. Usage: rdsamp -r REC | python3 add-noise.py REC | wrsamp -o REC -F 360 -G 200 -O 16 0 1"""
import math, random, sys

rng = random.Random(int(sys.argv[1]))  # the record number seeds its noise
for line in sys.stdin:
    f = line.split()
    if len(f) < 3: continue
    wander = 100 * math.sin(2 * math.pi * 0.25 * int(f[0]) / 360.0)
    print("%d\t%d" % (round(int(f[1]) + rng.gauss(0, 30) + wander), round(int(f[2]) + rng.gauss(0, 30) + wander)))
