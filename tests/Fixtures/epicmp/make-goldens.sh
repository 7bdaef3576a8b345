#!/usr/bin/env bash
# Makes the golden epicmp AF reports in this folder with WFDB 10.7's own wrann, rdann and epicmp.
# usage: WFDB_BIN=/path/to/wfdb/bin make-goldens.sh ../shared/mitdb   (run from the repository root)
set -euo pipefail
mitdb=$(cd "$1" && pwd); here=$(cd "$(dirname "$0")" && pwd); bin=${WFDB_BIN:?set WFDB_BIN to WFDB 10.7s bin folder}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"; export WFDB=.
# record and perturb.py's case: 101, 108 and 116 have no AF in the reference (every test episode is false).
cases="101:default 108:early 116:at-zero 201:default 203:flutter-as-af 217:open-end"
for c in $cases; do
  r=${c%%:*}; ln -s "$mitdb/$r.hea" "$mitdb/$r.atr" .
  "$bin/rdann" -r "$r" -a atr -p + | python3 "$here/perturb.py" "$r" 360 650000 "${c##*:}" | "$bin/wrann" -r "$r" -a tst
done
for c in $cases; do
  r=${c%%:*}
  "$bin/epicmp" -r "$r" -a atr tst -A af.txt
  "$bin/epicmp" -r "$r" -a atr tst -l -A af-lines.txt
done
"$bin/epicmp" -r 203 -a atr tst -x -A af-x.txt 2>/dev/null   # EC38:1998's flutter exclusion (it warns on stderr)
"$bin/epicmp" -r 201 -a atr tst -f 0 -A af-f0.txt            # from the record's start
cp ./*.tst af.txt af-lines.txt af-x.txt af-f0.txt "$here/"
