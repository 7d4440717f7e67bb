#!/bin/bash
# How the real gsyncd.log lines and CLI outputs in this directory were
# recorded: real sessions made to fail in the sandbox (scripts/sandbox up
# must have been run; its env is read from $GEOREP_SANDBOX_DIR/env).
# Usage: tests/data/gsyncd-log/record.sh OUTDIR [all|failures]
# ("failures": only the sessions that fail while running, steps 2 to 5)
# Volumes are named grsb*, so `scripts/sandbox down` removes them and their
# sessions.
set -uo pipefail

OUT=${1:?usage: record.sh OUTDIR [all|failures]}
WHAT=${2:-all}
SB=${GEOREP_SANDBOX_DIR:-/var/tmp/georep-sandbox}
# shellcheck disable=SC1091
source "$SB/env"
PORT=$GEOREP_SSH_PORT
G="gluster --mode=script"
X="gluster --mode=script --xml"
H=$(hostname)
B=$SB/bricks/why
P=grsbwhyp
S=grsbwhys
S2=grsbwhyfull
LOGDIR=/var/log/glusterfs/geo-replication
mkdir -p "$OUT" "$B"

say () { printf 'record: %s\n' "$*" >&2; }
session_log () { echo "$LOGDIR/${1}_127.0.0.1_${2}/gsyncd.log"; }
# Waits up to $2 seconds for the pattern $3 in the file $1.
wait_log () {
  local deadline=$((SECONDS + $2))
  until grep -q -- "$3" "$1" 2>/dev/null; do
    ((SECONDS < deadline)) || { say "no '$3' in $1 after $2 s"; return 1; }
    sleep 1
  done
}
geo () { $G volume geo-replication "$@"; }
# Waits up to $2 seconds for $4 lines matching $3 in the file $1.
wait_count () {
  local deadline=$((SECONDS + $2))
  until (($(grep -c -- "$3" "$1" 2>/dev/null) >= $4)); do
    ((SECONDS < deadline)) || { say "fewer than $4 '$3' in $1 after $2 s"; return 1; }
    sleep 1
  done
}

for v in $P $S $S2; do
  $G volume create $v "$H:$B/$v" force >/dev/null
  $G volume start $v >/dev/null
done
gluster system:: execute gsec_create >/dev/null

L=$(session_log $P $S)
if [[ $WHAT == failures ]]; then
  geo $P 127.0.0.1::$S create ssh-port "$PORT" push-pem
else
# Inputs of the CheckSecondary findings.
$X volume info $S >"$OUT/volume-info-secondary.xml"
$X volume status $S detail >"$OUT/volume-status-detail-secondary.xml"
$X volume info grsbnosuch >"$OUT/volume-info-missing.xml"

# A non-empty secondary: what create (gverify.sh) answers.
mkdir -p /mnt/grsbwhy && mount -t glusterfs 127.0.0.1:/$S2 /mnt/grsbwhy &&
  echo data >/mnt/grsbwhy/existing && umount /mnt/grsbwhy
$X volume geo-replication $P 127.0.0.1::$S2 create ssh-port "$PORT" push-pem \
  >"$OUT/cli-create-not-empty.xml" 2>&1

# 1. The ssh port is not kept by create (glusterfs#2819): gsyncd dials 22.
geo $P 127.0.0.1::$S create ssh-port "$PORT" push-pem
geo $P 127.0.0.1::$S start
wait_log "$L" 60 "Connection refused"
sleep 3
cp "$L" "$OUT/v10-ssh-refused.log"
geo $P 127.0.0.1::$S stop force
fi

# 2. rsync missing on this node (rsync-command names a missing program).
geo $P 127.0.0.1::$S config ssh-port "$PORT"
geo $P 127.0.0.1::$S config rsync-command /nonexistent/rsync
mkdir -p /mnt/grsbwhyp && mount -t glusterfs 127.0.0.1:/$P /mnt/grsbwhyp
for i in 1 2 3; do echo "file $i" >/mnt/grsbwhyp/f$i; done
: >"$L"
geo $P 127.0.0.1::$S start
wait_log "$L" 90 "Faulty" || true
sleep 3
cp "$L" "$OUT/v10-rsync-missing-local.log"
geo $P 127.0.0.1::$S stop force

# 3. rsync missing on the secondary (its rsync path names a missing one).
geo $P 127.0.0.1::$S config '!rsync-command'
geo $P 127.0.0.1::$S config rsync-options "--rsync-path=/nonexistent/rsync"
echo more >/mnt/grsbwhyp/f4
: >"$L"
geo $P 127.0.0.1::$S start
wait_log "$L" 90 "Faulty" || true
sleep 3
cp "$L" "$OUT/v10-rsync-missing-remote.log"
geo $P 127.0.0.1::$S stop force

# 4. It works, then recovers after its worker is killed.
geo $P 127.0.0.1::$S config '!rsync-options'
: >"$L"
geo $P 127.0.0.1::$S start
wait_log "$L" 60 "status=Active" || true
for pid in $(pgrep -f "gsyncd.py.* worker $P "); do kill -KILL "$pid"; done
wait_count "$L" 60 "status=Active" 2 || true
sleep 2
cp "$L" "$OUT/v10-worker-killed.log"

# 5. The secondary volume stopped under a running session.
: >"$L"
$G volume stop $S force >/dev/null
echo again >/mnt/grsbwhyp/f5
wait_log "$L" 40 "Faulty" || true
sleep 3
cp "$L" "$OUT/v10-secondary-stopped.log"
$X volume info $S >"$OUT/volume-info-secondary-stopped.xml"
$X volume status $S detail >"$OUT/volume-status-detail-secondary-stopped.xml" 2>&1
geo $P 127.0.0.1::$S stop force
umount /mnt/grsbwhyp
say done
