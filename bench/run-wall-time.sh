#!/usr/bin/env bash
# Wall time of `ecgbeats run` (quick profile unless PROFILE says otherwise) at two revisions, measured alternately
# in one session on the same machine (A B A B ...), each from an empty run folder, builds excluded.
# Usage: [PROFILE=quick] [ROUNDS=2] bench/run-wall-time.sh REV_A REV_B [DATA_DIR] [WORK_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
a=${1:?usage: bench/run-wall-time.sh REV_A REV_B [DATA_DIR] [WORK_DIR]}
b=${2:?usage: bench/run-wall-time.sh REV_A REV_B [DATA_DIR] [WORK_DIR]}
data=${3:-${ECGBEATS_DATA:-$here/../shared/mitdb}}
work=${4:-$here/out/run-wall-time}
profile=${PROFILE:-quick}
rounds=${ROUNDS:-2}
mkdir -p "$work"
for rev in "$a" "$b"; do
  src="$work/src-$rev"
  if [ ! -d "$src" ]; then
    mkdir -p "$src"
    git -C "$here" archive "$rev" | tar -x -C "$src"
  fi
  dotnet build "$src/src/EcgBeats.Cli" -c Release -v quiet > "$work/build-$rev.log"
done
for round in $(seq 1 "$rounds"); do
  for rev in "$a" "$b"; do
    out="$work/run-$rev-$round"
    rm -rf "$out"
    start=$(date +%s.%N)
    dotnet "$work/src-$rev/src/EcgBeats.Cli/bin/Release/net10.0/EcgBeats.Cli.dll" run --profile "$profile" --data "$data" --out "$out" > "$work/run-$rev-$round.log" 2>&1
    end=$(date +%s.%N)
    printf '%s round %s: %.1f s\n' "$rev" "$round" "$(echo "$end - $start" | bc)" | tee -a "$work/times.txt"
  done
done
