#!/bin/sh
# TEST DOUBLE for the gluster CLI, named as such. Used only where the real
# gluster cannot produce the case: a command that hangs, a cluster lock
# that stays busy, a count of every invocation. Otherwise it answers with
# the real outputs recorded in tests/data.
#
# georepd runs it with a clean environment, so its state lives beside it:
# mode (answer | hang | locked), locked (how many more busy answers),
# calls (one line per invocation), data (the recorded outputs).
dir=$(dirname "$0")
echo "$*" >> "$dir/calls"
mode=$(cat "$dir/mode" 2>/dev/null)

if [ "$mode" = hang ]; then
  exec sleep 3600
fi
if [ "$mode" = locked ]; then
  left=$(cat "$dir/locked" 2>/dev/null || echo 0)
  if [ "$left" -gt 0 ]; then
    echo $((left - 1)) > "$dir/locked"
    cat "$dir/data/err-locked.xml"
    exit 1
  fi
fi

case "$*" in
  *--version*) cat "$dir/data/gluster-version.txt" ;;
  *"volume info"*) cat "$dir/data/volume-info-all.xml" ;;
  *geo-replication*status*) cat "$dir/data/geo-status-active-all.xml" ;;
  *geo-replication*config*) cat "$dir/data/geo-config-started.xml" ;;
  *) cat "$dir/data/geo-start.xml" ;;
esac
