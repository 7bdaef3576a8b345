#!/usr/bin/env bash
# Wall time of deploy/slurm/annotate-array.sh on a local single-node Slurm against one `annotate --jobs 2` process, the
# same archive and model, alternating, REPEATS times each (docs/benchmarks.md, issue #28). Every run starts from an empty
# output folder. ECGBEATS: the command (default: ecgbeats).
#   bench/slurm-array.sh ARCHIVE MODEL [TASKS=4] [CPUS_PER_TASK=2] [REPEATS=3]
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 ARCHIVE MODEL [TASKS] [CPUS_PER_TASK] [REPEATS]" >&2; exit 2; }
archive=$(cd "$1" && pwd) model=$(cd "$2" && pwd) tasks=${3:-4} cpus=${4:-2} repeats=${5:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'bash "$here/deploy/slurm/local-slurm.sh" stop "$work/slurm"; rm -rf "$work"' EXIT
eval "export $(bash "$here/deploy/slurm/local-slurm.sh" start "$work/slurm")"
now() { date +%s.%N; }
echo "run,array ($tasks tasks x $cpus cpus) s,one process (--jobs 2) s"
for r in $(seq "$repeats"); do
  rm -rf "$work/array" "$work/one"; mkdir -p "$work/logs"
  start=$(now)
  job=$(cd "$work/logs" && sbatch --parsable --array=1-"$tasks" --cpus-per-task="$cpus" "$here/deploy/slurm/annotate-array.sh" "$archive" "$model" "$work/array")
  while [ -n "$(squeue -h -j "$job")" ]; do sleep 0.1; done
  array=$(echo "$(now) - $start" | bc)
  start=$(now)
  ${ECGBEATS:-ecgbeats} annotate "$archive" --model "$model" --out "$work/one" --jobs 2 >/dev/null 2>&1 || true
  one=$(echo "$(now) - $start" | bc)
  printf '%s,%.1f,%.1f\n' "$r" "$array" "$one"
done
