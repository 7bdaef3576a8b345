#!/usr/bin/env bash
# Annotate an archive of WFDB records with a Slurm job array: one shard of the record list per array task.
#
#   sbatch --array=1-16 --cpus-per-task=2 deploy/slurm/annotate-array.sh ARCHIVE MODEL OUT [annotate options...]
#
# ARCHIVE: what `ecgbeats annotate` takes (a folder with a RECORDS list or .hea files, a RECORDS file, a pattern);
# MODEL: a model folder (e.g. runs/latest/all-patients/models/ensemble-classwise); OUT: the results folder, shared by
# every task. The number of tasks is the array's size (give it once, in --array); task I annotates shard I of N.
# Each task annotates --jobs (its CPUs) records at once and writes OUT/summary.<ext>.shard-I-of-N.csv.
# A requeued or resubmitted task skips the records it finished (their three files are checked against their stamp);
# a task with records that failed ends FAILED with exit code 65, and its log and its summary name them.
# ECGBEATS (environment) is the command to run, `ecgbeats` by default (e.g. "dotnet /opt/ecgbeats/EcgBeats.Cli.dll").
#SBATCH --job-name=ecgbeats-annotate
#SBATCH --cpus-per-task=2
#SBATCH --time=04:00:00
#SBATCH --requeue
#SBATCH --open-mode=append
#SBATCH --output=ecgbeats-annotate-%A_%a.log
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: sbatch --array=1-N deploy/slurm/annotate-array.sh ARCHIVE MODEL OUT [annotate options...]" >&2
  exit 2
fi
archive=$1 model=$2 out=$3
shift 3
if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
  echo "annotate-array.sh: not an array task (SLURM_ARRAY_TASK_ID unset): submit it with sbatch --array=1-N" >&2
  exit 2
fi
# Shard I of N from the task's place in the array: --array=1-16 and --array=0-15 both give shards 1..16. A step or a
# list (1-16:2, 1,5,9) would leave shards unannotated, so it is refused.
count=${SLURM_ARRAY_TASK_COUNT:?}
first=${SLURM_ARRAY_TASK_MIN:?}
last=${SLURM_ARRAY_TASK_MAX:?}
if [ $((last - first + 1)) -ne "$count" ]; then
  echo "annotate-array.sh: the array must be one range without steps (--array=1-N); got $count task(s) from $first to $last" >&2
  exit 2
fi
shard=$((SLURM_ARRAY_TASK_ID - first + 1))
jobs=${SLURM_CPUS_PER_TASK:-1}

echo "annotate-array.sh: task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} (restart ${SLURM_RESTART_COUNT:-0}) on $(hostname): shard $shard/$count, $jobs job(s), $(date -u +%FT%TZ)" >&2
# Slurm sends SIGTERM to every process of a task it cancels or stops (scancel, a time limit): annotate stops, keeping
# what it finished, and writes its summary. The shell waits for it (a trapped signal does not end the wait for a
# command), so the task's last line and exit status are annotate's.
trap 'echo "annotate-array.sh: SIGTERM: annotate is stopping" >&2' TERM
# Not exec: the exit status is annotate's (0, 65 when records failed, 130 when interrupted), and Slurm reports it.
status=0
${ECGBEATS:-ecgbeats} annotate "$archive" --model "$model" --out "$out" --shard "$shard/$count" --jobs "$jobs" "$@" || status=$?
echo "annotate-array.sh: shard $shard/$count ended with exit status $status, $(date -u +%FT%TZ)" >&2
exit "$status"
