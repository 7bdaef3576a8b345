#!/usr/bin/env bash
# Makes the golden bxb / sumstats reports in this folder with WFDB 10.7's own tools, from the synthetic test annotators
# of tests/EcgBeats.Tests/Metrics/SyntheticTestAnnotator.cs on all 48 MIT-BIH records. Not run by the tests or CI.
# Usage: WFDB_BIN=/path/to/wfdb/bin tests/Fixtures/bxb/make-goldens.sh [MITDB_DIR]
#   WFDB_BIN: where WFDB 10.7's bxb and sumstats are (built from its public source, see README.md here).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
mitdb=${1:-${ECGBEATS_DATA:-$root/../shared/mitdb}}
bin=${WFDB_BIN:?set WFDB_BIN to the folder of WFDB 10.7 bxb and sumstats}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. The inputs: headers, reference annotations, and the two test annotators' files, written by the test project.
ECGBEATS_DATA="$mitdb" ECGBEATS_WRITE_BXB_INPUTS="$work" dotnet test --project "$root/tests/EcgBeats.Tests" \
  --filter-method "*WriteTheInputsOfTheGoldenReportsWhenAsked" > "$work/write.log"
records=$(ls "$work"/*.hea | xargs -n1 basename | sed 's/\.hea$//' | sort)

# 2. bxb's reports, record by record, and sumstats on the line report.
cd "$work"
export WFDB="$work"
run() {   # run ANNOTATOR SUFFIX [bxb options...]
  local ann=$1 suffix=$2; shift 2
  local out="$here/$ann$suffix"
  rm -f "$out".*.txt
  for r in $records; do
    "$bin/bxb" -r "$r" -a atr "$ann" "$@" -S "$out.standard.txt" >> "$out.standard-shutdown.txt" 2>> "$work/bxb.log"
    "$bin/bxb" -r "$r" -a atr "$ann" "$@" -L "$out.lines.txt" "$out.lines-shutdown.txt" 2>> "$work/bxb.log"
  done
  "$bin/sumstats" "$out.lines.txt" > "$out.sumstats.txt"
}
run tsa ""
run tsb ""
run tsa -f0 -f 0
echo "golden reports written to $here"
