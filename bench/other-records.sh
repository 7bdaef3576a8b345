#!/usr/bin/env bash
# Reproduces docs/records.md's "DS1 made like other databases' records" table (issue #23): DS1's 22 records made by
# WFDB's own tools at 128 and 250 Hz (xform), with their leads renamed ECG1 and ECG2, stored the other way round
# (xform -s 1 0: V1 first), and with the noise of bench/noisy-records.sh; then the declared model's DS1 cross-validation
# predicting each fold's held-out records from each folder (bench other-rates-cv). DS2 is never read.
# Usage: WFDB_BIN=/path/to/wfdb/bin bench/other-records.sh [DATA_DIR] [WORK_DIR]   (WFDB 10.7's xform, rdsamp, wrsamp)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${WFDB_BIN:?set WFDB_BIN to WFDB 10.7s bin folder}
data=$(cd "${1:-${ECGBEATS_DATA:-$here/../shared/mitdb}}" && pwd)
work=${2:-$here/out/other-records}
ds1="101 106 108 109 112 114 115 116 118 119 122 124 201 203 205 207 208 209 215 220 223 230"
# Renames every signal of a header ECG1, ECG2, ... (xform writes CRLF lines).
rename() { awk 'NR==1{print; next} /^#/{print; next} {sub(/[A-Za-z0-9]+\r?$/, "ECG" (NR-1) "\r"); print}' "$1" > "$1.new" && mv "$1.new" "$1"; }
mkdir -p "$work" && cd "$work"
for rate in 128 250; do
  for kind in r n; do mkdir -p "$kind$rate"; done
  for r in $ds1; do
    # xform's prompts: signals, rate, folder, format, one file, then gain, resolution, zero per signal.
    (cd "r$rate" && printf "\n$rate\n\n\n\n\n\n\n\n\n\n\n" | WFDB="$data" "$bin/xform" -i "$r" -a atr -n "$r" > /dev/null 2>&1)
    cp "r$rate/$r".{hea,dat,atr} "n$rate/" && rename "n$rate/$r.hea"
  done
done
mkdir -p s128
for r in $ds1; do
  # With -s the signal count is not asked.
  (cd s128 && printf "128\n\n\n\n\n\n\n\n\n\n\n\n" | WFDB="$data" "$bin/xform" -i "$r" -a atr -n "$r" -s 1 0 > /dev/null 2>&1) && rename "s128/$r.hea"
done
mkdir -p noisy
for r in $ds1; do
  (cd noisy && WFDB="$data" "$bin/rdsamp" -r "$r" | python3 "$here/bench/add-noise.py" "$r" | WFDB=. "$bin/wrsamp" -o "$r" -F 360 -G 200 -O 16 0 1 && cp "$data/$r.atr" .)
done
ECGBEATS_DATA="$data" dotnet run -c Release --project "$here/bench/EcgBeats.Benchmarks" -- other-rates-cv \
  "$work/r128" "$work/n128" "$work/s128" "$work/r250" "$work/n250" "$work/noisy"
