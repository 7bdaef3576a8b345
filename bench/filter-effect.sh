#!/usr/bin/env bash
# What filtering the records before segmentation does to the CNN (docs/benchmarks.md): builds the
# intra-patient dataset raw and with --filter both (60 Hz notch, then 0.5-40 Hz band-pass), trains
# the CNN with its defaults on each, and evaluates each on its own test split. Both splits hold the
# same beats (same positions, labels and seed), so the comparison is paired.
# Usage: bench/filter-effect.sh [DATA_DIR] [WORK_DIR]   (about 20 minutes on 2 cores)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-${ECGBEATS_DATA:-$here/../shared/mitdb}}
work=${2:-$here/out/filter-effect}
dotnet build "$here/src/EcgBeats.Cli" -c Release -v quiet
ecgbeats() { dotnet "$here/src/EcgBeats.Cli/bin/Release/net10.0/EcgBeats.Cli.dll" "$@"; }
for filter in none both; do
  [ -f "$work/$filter/data/dataset.json" ] || ecgbeats build-dataset --data "$data" --out "$work/$filter/data" --filter $filter
  ecgbeats train --model cnn --train "$work/$filter/data/mitbih_train.csv" --out "$work/$filter/cnn"
  ecgbeats evaluate --model "$work/$filter/cnn" --test "$work/$filter/data/mitbih_test.csv" --out "$work/$filter/evaluation"
done
