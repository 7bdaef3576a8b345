#!/usr/bin/env bash
# A single-node Slurm on this machine, for trying annotate-array.sh and for its test (tests: SlurmArrayTests).
#   local-slurm.sh start DIR   install Debian's slurm-wlm daemons and munge where missing (needs root and apt-get),
#                              then start munged, slurmctld and slurmd with everything (config, key, state, logs) in DIR
#                              and wait until the node takes jobs; prints SLURM_CONF=DIR/slurm.conf for the clients
#   local-slurm.sh stop DIR    stop what start started
# Nothing outside DIR is configured: the daemons listen on two free ports of 127.0.0.1, munge on a socket in DIR. The node has this
# machine's CPUs; jobs run as the user who started it (root here). Exit 3 when Slurm cannot be installed or started here.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
mkdir -p "$2"
dir=$(cd "$2" && pwd)
cannot() { echo "local-slurm: $*" >&2; exit 3; }

stop() {
  for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munged.pid"; do
    [ -s "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

install() {
  command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null && command -v munged >/dev/null && return 0
  [ "$(id -u)" -eq 0 ] || cannot "slurmctld, slurmd, sbatch or munged missing, and installing them needs root"
  command -v apt-get >/dev/null || cannot "slurmctld, slurmd, sbatch or munged missing, and there is no apt-get to install Debian's slurm-wlm packages"
  local packages="slurmctld slurmd slurm-client munge"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get install -y -qq --no-install-recommends $packages >/dev/null 2>&1 \
    || (apt-get update -qq && apt-get install -y -qq --no-install-recommends $packages >/dev/null)) \
    || cannot "could not install $packages with apt-get"
}

free_port() {
  # Two ports nothing listens on, from the dynamic range.
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

start() {
  install
  stop
  chmod 700 "$dir"
  mkdir -p "$dir/state" "$dir/spool"
  local host cpus ctld_port slurmd_port
  host=$(hostname -s)
  cpus=$(nproc)
  ctld_port=$(free_port)
  slurmd_port=$(free_port)
  [ "$ctld_port" != "$slurmd_port" ] || slurmd_port=$((slurmd_port + 1))

  [ -s "$dir/munge.key" ] || mungekey --create --keyfile "$dir/munge.key" >/dev/null 2>&1 || dd if=/dev/urandom of="$dir/munge.key" bs=1024 count=1 2>/dev/null
  chmod 400 "$dir/munge.key"
  munged --force --socket "$dir/munge.socket" --key-file "$dir/munge.key" --pid-file "$dir/munged.pid" \
    --log-file "$dir/munged.log" --seed-file "$dir/munged.seed" >/dev/null 2>&1 || cannot "munged did not start ($dir/munged.log)"

  cat > "$dir/slurm.conf" <<CONF
# Written by deploy/slurm/local-slurm.sh: one node, this machine.
ClusterName=ecgbeats-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=$(id -un)
SlurmdUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.log
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
MinJobAge=3600
KillWait=10
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -f "$SLURM_CONF" >/dev/null 2>&1 || cannot "slurmctld did not start ($dir/slurmctld.log)"
  slurmd -f "$SLURM_CONF" >/dev/null 2>&1 || cannot "slurmd did not start ($dir/slurmd.log)"
  for _ in $(seq 300); do
    state=$(sinfo -h -N -o '%T' 2>/dev/null | head -1 || true)
    case "$state" in idle|mixed|allocated) echo "SLURM_CONF=$SLURM_CONF"; return 0 ;; esac
    sleep 0.2
  done
  cannot "the node did not come up within 60 s (state '${state:-none}'; $dir/slurmctld.log, $dir/slurmd.log)"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
