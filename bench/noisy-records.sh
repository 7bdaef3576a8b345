#!/usr/bin/env bash
# Reproduces docs/records.md's noise table (issue #23): twelve MIT-BIH records with seeded white noise (sd 30 adu = 0.15 mV)
# and a 0.25 Hz baseline wander (100 adu = 0.5 mV) added to both leads, written back by WFDB's own tools; then WFDB's gqrs
# and our detectors on them, whole records, 150 ms. A stand-in for the Noise Stress Test, whose noise records come from
# another database, which this project does not use.
# Usage: WFDB_BIN=/path/to/wfdb/bin bench/noisy-records.sh [DATA_DIR] [WORK_DIR]   (WFDB 10.7's rdsamp, wrsamp, gqrs)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${WFDB_BIN:?set WFDB_BIN to WFDB 10.7s bin folder}
data=$(cd "${1:-${ECGBEATS_DATA:-$here/../shared/mitdb}}" && pwd)
work=${2:-$here/out/noisy-records}
records="100 101 103 105 106 108 116 119 200 203 207 208"
mkdir -p "$work" && cd "$work"
for r in $records; do
  WFDB="$data" "$bin/rdsamp" -r "$r" | python3 "$here/bench/add-noise.py" "$r" | WFDB=. "$bin/wrsamp" -o "$r" -F 360 -G 200 -O 16 0 1
  cp "$data/$r.atr" .
  WFDB=. PATH="$bin:$PATH" gqrs -r "$r" > /dev/null 2>&1
done
printf '%s\n' $records > RECORDS
dotnet build "$here/src/EcgBeats.Cli" -c Release -v quiet > /dev/null
echo "gqrs (WFDB 10.7):"
dotnet "$here/src/EcgBeats.Cli/bin/Release/net10.0/EcgBeats.Cli.dll" score $records --data . --test qrs --start 0 | tail -4
echo "ours:"
ECGBEATS_DATA="$work" dotnet run -c Release --project "$here/bench/EcgBeats.Benchmarks" -- detector-variants
