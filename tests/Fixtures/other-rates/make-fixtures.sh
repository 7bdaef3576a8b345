#!/usr/bin/env bash
# Makes the records in this folder from the 5-minute MIT-BIH fixtures (tests/Fixtures/mitdb) with WFDB 10.7's own xform
# (resampled, annotations moved to the new rate by xform itself) and gqrs (it writes its command line into the .qrs file:
# called by name, so no local path is in it), then edits the headers by hand as other databases' headers read (lead
# names, gain 0). usage: WFDB_BIN=/path/to/wfdb/bin make-fixtures.sh   (from the repository root)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); mitdb=$(cd "$here/../mitdb" && pwd); bin=${WFDB_BIN:?set WFDB_BIN to WFDB 10.7s bin folder}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"; export WFDB=.
cp "$mitdb"/100.* "$mitdb"/208.* .
# xform asks for the new rate, then each output setting (the empty answers keep the input's: format 212, gain 200, ...).
printf '\n250\n\n\n\n\n\n\n\n\n\n\n' | "$bin/xform" -i 100 -a atr -n x100 > /dev/null 2>&1
printf '\n128\n\n\n\n\n\n\n\n\n\n\n' | "$bin/xform" -i 208 -a atr -n x208 > /dev/null 2>&1
# xform writes CRLF headers; kept. x100: lead 0 named D3 (V5 stays). x208: leads ECG1 and ECG2, gain 0 (WFDB reads 200).
sed -i 's/ 0 MLII\r$/ 0 D3\r/' x100.hea
sed -i 's/212 200 11 1024 1003 -4577 0 MLII\r$/212 0 11 1024 1003 -4577 0 ECG1\r/; s/212 200 11 1024 1062 -6101 0 V1\r$/212 0 11 1024 1062 -6101 0 ECG2\r/' x208.hea
grep -q ' D3' x100.hea && grep -q ' ECG2' x208.hea
PATH="$bin:$PATH" gqrs -r x100 > /dev/null 2>&1
PATH="$bin:$PATH" gqrs -r x208 > /dev/null 2>&1
cp x100.hea x100.dat x100.atr x100.qrs x208.hea x208.dat x208.atr x208.qrs "$here/"
