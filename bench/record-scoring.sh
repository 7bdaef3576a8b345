#!/usr/bin/env bash
# Reproduces the record-level numbers in docs/benchmarks.md ("Whole records"):
#  1. QRS detection (Pan-Tompkins) over all 48 MIT-BIH records, scored beat by beat against the
#     reference annotations, whole records and EC57's interval (from 5 minutes);
#  2. end-to-end classification of the DS2 records (de Chazal 2004) by models trained on DS1 only:
#     annotate each raw record (detect, cut, classify), then score per class.
# Usage: [DETECTORS="pantompkins1985 elgendi2010"] [MODELS="cnn ensemble-weighted"] bench/record-scoring.sh RUN_DIR [DATA_DIR] [WORK_DIR]
#   RUN_DIR: a folder from './ecgbeats run --profile full' (its inter/models/* were trained on DS1 only).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
run=${1:?usage: bench/record-scoring.sh RUN_DIR [DATA_DIR] [WORK_DIR]}
data=${2:-${ECGBEATS_DATA:-$here/../shared/mitdb}}
work=${3:-$here/out/record-scoring}
dotnet build "$here/src/EcgBeats.Cli" -c Release -v quiet
ecgbeats() { dotnet "$here/src/EcgBeats.Cli/bin/Release/net10.0/EcgBeats.Cli.dll" "$@"; }
all=$(grep -v '^\s*$' "$data/RECORDS" | tr '\n' ' ')
ds2="100 103 105 111 113 117 121 123 200 202 210 212 213 214 219 221 222 228 231 232 233 234"
mkdir -p "$work"

for detector in ${DETECTORS:-pantompkins1985 elgendi2010}; do
  echo "== QRS detection by $detector, all 48 records (the model does not change where beats are found)"
  ecgbeats annotate $all --data "$data" --detector $detector --model "$run/inter/models/ann" --out "$work/all-$detector" > "$work/annotate-all-$detector.log"
  ecgbeats score $all --data "$data" --test-dir "$work/all-$detector" --start 0 --json "$work/qrs-whole-$detector.json" | tail -6
  ecgbeats score $all --data "$data" --test-dir "$work/all-$detector" --json "$work/qrs-ec57-$detector.json" | tail -6

  for model in ${MODELS:-cnn ensemble-weighted}; do
    echo "== DS2 records found by $detector, classified by $model trained on DS1 (EC57: from 5 minutes)"
    ecgbeats annotate $ds2 --data "$data" --detector $detector --model "$run/inter/models/$model" --out "$work/ds2-$model-$detector" > "$work/annotate-ds2-$model-$detector.log"
    ecgbeats score $ds2 --data "$data" --test-dir "$work/ds2-$model-$detector" --json "$work/ds2-$model-$detector.json" | tail -17
  done
done
