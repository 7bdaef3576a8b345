#!/usr/bin/env bash
# Reproduces the model numbers in docs/benchmarks.md: builds the intra-patient dataset, trains every
# model with its defaults (the four deep ones, rf, dt, svm, both ensembles), and evaluates each on
# the test split. Usage: bench/model-accuracy.sh [DATA_DIR] [WORK_DIR]   (about 40 minutes on 2 cores)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
data=${1:-${ECGBEATS_DATA:-$here/../shared/mitdb}}
work=${2:-$here/out/model-accuracy}
dotnet build "$here/src/EcgBeats.Cli" -c Release -v quiet
ecgbeats() { dotnet "$here/src/EcgBeats.Cli/bin/Release/net10.0/EcgBeats.Cli.dll" "$@"; }
timed() { local start=$SECONDS; "$@"; echo "   ($(( SECONDS - start )) s: $*)" >&2; }

mkdir -p "$work"
[ -f "$work/data/dataset.json" ] || timed ecgbeats build-dataset --data "$data" --out "$work/data"
train="$work/data/mitbih_train.csv"
test="$work/data/mitbih_test.csv"
models="$work/models"
timed ecgbeats train --model all --train "$train" --out "$models"
for m in rf dt svm; do timed ecgbeats train --model $m --train "$train" --out "$models/$m"; done
timed ecgbeats train --model ensemble-weighted --train "$train" --out "$models/ensemble-weighted"
timed ecgbeats train --model ensemble-voting --train "$train" --out "$models/ensemble-voting-hard" --voting hard \
  --members "$models/ann" "$models/cnn" "$models/lstm" "$models/transformer" "$models/rf" "$models/dt" "$models/svm"
timed ecgbeats train --model ensemble-voting --train "$train" --out "$models/ensemble-voting-soft" --voting soft \
  --members "$models/ann" "$models/cnn" "$models/lstm" "$models/transformer" "$models/rf" "$models/dt" "$models/svm"
for m in ann cnn lstm transformer rf dt svm ensemble-weighted ensemble-voting-hard ensemble-voting-soft; do
  timed ecgbeats evaluate --model "$models/$m" --test "$test" --out "$work/evaluation/$m"
done
