# shellcheck shell=bash
# scripts/sandbox-cluster.sh — the two-cluster sandbox (issue 12), sourced
# by scripts/sandbox, which provides say, die, wait_for, pid_alive,
# daemon_pid, stop_pids, gluster_cli, the record helpers and the
# session/volume clean-up used here.
#
# Host A is the sandbox of scripts/sandbox itself (root namespaces: its
# glusterd, bus, polkitd, sshd, georepd). Every other host runs in a
# network namespace of its own, joined to A by the bridge CL_BRIDGE, and in
# a mount and UTS namespace of its own, where private directories cover
# /var/lib/glusterd, /run (so /var/run too), /var/log/glusterfs,
# /etc/glusterfs (mountbroker edits glusterd.vol there), /root/.ssh and
# /etc/hosts. Each runs its own glusterd (port 24007 of its namespace)
# and sshd (port 22). A `sleep infinity` per host holds the namespaces;
# `scripts/sandbox on HOST CMD...` runs CMD inside them.
#
#   primary cluster:   A (10.213.0.1, the bridge) + B (10.213.0.2), peers
#   secondary cluster: C (10.213.0.3), alone
#
# The 10.213.0.0/24 range is used for the bridge and these namespaces only.

CL_DIR=$SB/cluster
CL_BRIDGE=grsb-br0
CL_NET=10.213.0
CL_HOSTS=(B C)
# The non-root account on C that a mountbroker session writes as.
CL_GEO_USER=georep-geo
# Its group, for `gluster-mountbroker setup ROOT GROUP` on C: not created
# here, SetupMountbroker creates it (test-cluster, /cluster/non-root).
CL_GEO_GROUP=georep-geogroup

cl_addr () {
  case $1 in
    A) echo "$CL_NET.1" ;;
    B) echo "$CL_NET.2" ;;
    C) echo "$CL_NET.3" ;;
    *) die "unknown cluster host '$1' (hosts: A ${CL_HOSTS[*]})" ;;
  esac
}

cl_host_name () { echo "grsb-${1,,}"; }
cl_netns () { echo "grsb-$1"; }
cl_holder_pid () { daemon_pid "cluster/$1/holder"; }

# --- namespaces -------------------------------------------------------------

cl_make_bridge () {
  ip link show "$CL_BRIDGE" >/dev/null 2>&1 && return 0
  record cluster-bridge
  ip link add "$CL_BRIDGE" type bridge
  ip addr add "$(cl_addr A)/24" dev "$CL_BRIDGE"
  ip link set "$CL_BRIDGE" up
}

# A network namespace with one end of a veth pair (eth0 inside), the
# other end in the bridge.
cl_make_netns () {
  local host=$1 ns
  ns=$(cl_netns "$host")
  ip netns list | grep -qw "^$ns" && return 0
  record "cluster-netns-$host"
  ip netns add "$ns"
  ip link add "grsb-$host-br" type veth peer name "grsb-$host-ns"
  ip link set "grsb-$host-br" master "$CL_BRIDGE" up
  ip link set "grsb-$host-ns" netns "$ns"
  ip -n "$ns" link set "grsb-$host-ns" name eth0
  ip -n "$ns" addr add "$(cl_addr "$host")/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
}

# The private directories of HOST: a copy of the package's glusterd state
# (hook scripts, option groups) and configuration, empty logs and /run.
cl_make_host_dirs () {
  local host=$1 dir=$CL_DIR/$1
  [[ -d $dir/lib ]] && return 0
  mkdir -p "$dir"/{lib,run,log,etc,ssh,bricks,profile.d,local-sbin}
  cp -a /var/lib/glusterd/hooks /var/lib/glusterd/groups "$dir/lib/"
  cp -a /etc/glusterfs/. "$dir/etc/"
  cl_write_profile_d "$dir/profile.d"
  cl_write_systemctl "$host" >"$dir/local-sbin/systemctl"
  chmod 0755 "$dir/local-sbin/systemctl"
  chmod 0700 "$dir/ssh"
  mkdir -p "$dir/run/sshd" "$dir/run/gluster" "$dir/lib/events"
  chmod 0755 "$dir/run/sshd"
  cl_write_hosts_file >"$dir/hosts"
}

# gverify.sh runs "source /etc/profile && gluster --version" as the
# secondary user, and Debian's /etc/profile gives non-root users a PATH
# without /usr/sbin, where gluster is ("gluster command not found on HOST
# for user USER"): the admin of a Debian secondary adds it, as here.
cl_write_profile_d () {
  cp -a /etc/profile.d/. "$1/"
  # shellcheck disable=SC2016 # expanded by the shell that reads it
  echo 'PATH=$PATH:/usr/sbin' >"$1/grsb-gluster-path.sh"
}

# A test double for systemctl (the hosts run no systemd): georepd's
# SetupMountbroker runs `systemctl restart glusterd` over ssh as root, as
# on a real secondary; this one restarts the host's glusterd the way
# cl_start_glusterd does and keeps its pid where the sandbox looks. It
# also reloads the host's glustereventsd, as the admin of a node without
# georepd does after a webhook was added (README.md, "Events across the
# cluster").
cl_write_systemctl () {
  local host=$1 dir=$CL_DIR/$1
  cat <<EOF
#!/bin/sh
# systemctl stand-in of the georepd sandbox's host $host: no systemd here.
case "\$1 \$2" in
  "restart glusterd"|"stop glusterd"|"start glusterd") ;;
  # What glustereventsd's unit does on reload (ExecReload).
  "reload glustereventsd") exec kill -USR2 "\$(cat $dir/glustereventsd.pid)" ;;
  *) echo "systemctl stand-in (georepd sandbox): only start, stop or restart glusterd, reload glustereventsd" >&2
     exit 1 ;;
esac
if [ "\$1" != start ] && pid=\$(cat $dir/glusterd.pid 2>/dev/null); then
  kill "\$pid" 2>/dev/null
  i=0
  while kill -0 "\$pid" 2>/dev/null && [ \$i -lt 150 ]; do sleep 0.2; i=\$((i+1)); done
fi
[ "\$1" = stop ] && exit 0
setsid /usr/sbin/glusterd -N </dev/null >>$dir/glusterd.log 2>&1 &
echo \$! >$dir/glusterd.pid
EOF
}

# A has no name here: glusterd then knows A by its address, which A
# resolves too (the shared storage's hook script creates its volume with
# the names the peers know; "grsb-a" would not resolve on A, whose
# /etc/hosts is the machine's).
cl_write_hosts_file () {
  local host
  echo "127.0.0.1 localhost"
  for host in "${CL_HOSTS[@]}"; do
    echo "$(cl_addr "$host") $(cl_host_name "$host")"
  done
}

# `ip netns exec` enters the network namespace, unshare makes the mount
# and UTS namespaces; sleep holds them for nsenter.
cl_start_holder () {
  local host=$1 pid
  cl_holder_pid "$host" >/dev/null && return 0
  (cd / && exec setsid ip netns exec "$(cl_netns "$host")" \
     unshare --mount --uts --propagation private /usr/bin/sleep infinity \
     </dev/null >/dev/null 2>&1 9>&-) &
  pid=$!
  echo "$pid" >"$CL_DIR/$host/holder.pid"
  echo /usr/bin/sleep >"$CL_DIR/$host/holder.exe"
  wait_for "the namespaces of $host" 5 cl_holder_pid "$host" ||
    die "the namespace holder of $host did not start"
  cl_mount_private "$host"
}

cl_mount_private () {
  local host=$1 dir=$CL_DIR/$1 pair
  for pair in lib:/var/lib/glusterd run:/run log:/var/log/glusterfs \
    etc:/etc/glusterfs ssh:/root/.ssh hosts:/etc/hosts profile.d:/etc/profile.d \
    local-sbin:/usr/local/sbin; do
    cl_on "$host" mount --bind "$dir/${pair%%:*}" "${pair#*:}"
  done
  cl_on "$host" hostname "$(cl_host_name "$host")"
}

# Run CMD... in HOST's namespaces with the daemons' clean environment.
cl_on () {
  local host=$1 pid
  shift
  if [[ $host == A ]]; then
    env -i "${BASE_ENV[@]}" "$@"
    return
  fi
  pid=$(cl_holder_pid "$host") || die "cluster host $host is not up"
  nsenter -t "$pid" -n -m -u -- env -i "${BASE_ENV[@]}" "$@"
}

# Start daemon NAME of HOST in its namespaces: PROGRAM runs in front, its
# pid and program recorded like scripts/sandbox's spawn does.
cl_spawn () {
  local host=$1 name=$2 program pid
  program=$(readlink -f "$3")
  shift 2
  (cd / && exec setsid nsenter -t "$(cl_holder_pid "$host")" -n -m -u -- \
     env -i "${BASE_ENV[@]}" "$@" </dev/null >>"$CL_DIR/$host/$name.log" 2>&1 9>&-) &
  pid=$!
  echo "$pid" >"$CL_DIR/$host/$name.pid"
  echo "$program" >"$CL_DIR/$host/$name.exe"
  wait_for "$name on $host to start" 5 exec_done "$pid" "$program" || true
}

# --- daemons of the hosts ---------------------------------------------------

cl_gluster () {
  local host=$1
  shift
  cl_on "$host" timeout 180 "$GLUSTER" --mode=script "$@" </dev/null
}

cl_start_glusterd () {
  local host=$1
  daemon_pid "cluster/$host/glusterd" >/dev/null && return 0
  cl_spawn "$host" glusterd /usr/sbin/glusterd -N
  wait_for "glusterd on $host" 60 cl_gluster "$host" pool list ||
    die "glusterd on $host does not answer; see $CL_DIR/$host/log/glusterd.log"
}

# Stop HOST's glusterd only (its bricks and gsyncd keep running), as
# `systemctl stop glusterd` does on a real host.
cl_stop_glusterd () {
  local host=$1 pid
  pid=$(daemon_pid "cluster/$host/glusterd") || return 0
  stop_pids "glusterd on $host" "$pid"
}

cl_write_sshd_config () {
  local host=$1 dir=$CL_DIR/$1
  cat >"$dir/sshd_config" <<EOF
# georepd sandbox, cluster host $host: its own address only.
Port 22
ListenAddress $(cl_addr "$host")
HostKey $dir/ssh_host_ed25519_key
PidFile none
LogLevel VERBOSE
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM yes
AuthorizedKeysFile .ssh/authorized_keys
AllowUsers root $CL_GEO_USER
X11Forwarding no
PrintMotd no
Subsystem sftp /usr/lib/openssh/sftp-server
# Debian's sshd gives non-root users a PATH without /usr/sbin, where
# gluster is (see cl_write_profile_d for commands that read /etc/profile).
SetEnv PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
EOF
}

cl_start_sshd () {
  local host=$1 dir=$CL_DIR/$1
  daemon_pid "cluster/$host/sshd" >/dev/null && return 0
  [[ -e $dir/ssh_host_ed25519_key ]] ||
    ssh-keygen -q -t ed25519 -N '' -C "$(cl_host_name "$host")" -f "$dir/ssh_host_ed25519_key"
  cl_write_sshd_config "$host"
  cl_on "$host" /usr/sbin/sshd -t -f "$dir/sshd_config"
  cl_spawn "$host" sshd /usr/sbin/sshd -D -f "$dir/sshd_config" -E "$dir/sshd.log"
  wait_for "sshd on $host" 10 cl_on "$host" sh -c "ss -Htln 'sport = :22' | grep -q ." ||
    die "sshd on $host does not listen; see $dir/sshd.log"
}

# glustereventsd of HOST, as on a real node (GLUSTER.md): gsyncd there
# sends its events to it (UDP 24009 of HOST's namespace), and it posts
# them to the webhooks of HOST's copy of webhooks.json, which
# gluster-eventsapi keeps the same on every peer. Started from its
# script (its name is then glustereventsd, as georepd looks for it when
# it reloads it, service/gr-events-reload.c), with a pid file in HOST's
# /run, which it removes once started.
cl_start_eventsd () {
  local host=$1 dir=$CL_DIR/$1 pid
  daemon_pid "cluster/$host/glustereventsd" >/dev/null && return 0
  (cd / && exec setsid nsenter -t "$(cl_holder_pid "$host")" -n -m -u -- \
     env -i "${BASE_ENV[@]}" /usr/sbin/glustereventsd --pid-file /run/glustereventsd.pid \
     </dev/null >>"$dir/glustereventsd.log" 2>&1 9>&-) &
  pid=$!
  echo "$pid" >"$dir/glustereventsd.pid"
  readlink -f /usr/bin/python3 >"$dir/glustereventsd.exe"
  wait_for "glustereventsd on $host" 20 cl_on "$host" sh -c "ss -Hulpn | grep -q glustereventsd" ||
    die "glustereventsd on $host does not listen; see $dir/glustereventsd.log"
}

# --- trust and peers --------------------------------------------------------

# Root of A reaches root of every host with its own key (gluster's
# push-pem and gverify.sh need it on the secondary); A's known_hosts gets
# marked entries that `down` removes with the sandbox's own.
cl_authorize_root () {
  local host=$1 dir=$CL_DIR/$1 pub
  for pub in /root/.ssh/id_ed25519.pub /root/.ssh/id_rsa.pub; do
    [[ -e $pub ]] && break
  done
  cut -d' ' -f1,2 "$pub" >"$dir/ssh/authorized_keys"
  chmod 0600 "$dir/ssh/authorized_keys"
  cl_remove_known_host "$host"
  echo "$(cl_addr "$host"),$(cl_host_name "$host") $(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub") $(cl_key_marker "$host")" \
    >>/root/.ssh/known_hosts
  ssh -o BatchMode=yes -o LogLevel=ERROR "root@$(cl_addr "$host")" true ||
    die "root of A cannot log in to $host (see $dir/sshd.log)"
}

# The failback's reverse session runs on C (docs/disaster-recovery.md):
# its `create push-pem` logs in from C to a node of the primary cluster
# as root, which the admin sets up beforehand. C's root gets a key of its
# own that B's root accepts (A's sshd listens on loopback only; the
# failback test names B as the primary host).
cl_authorize_c_to_b () {
  local key=$CL_DIR/C/ssh/id_ed25519
  [[ -e $key ]] || ssh-keygen -q -t ed25519 -N '' -C "root@$(cl_host_name C)" -f "$key"
  cut -d' ' -f1,2 "$key.pub" >>"$CL_DIR/B/ssh/authorized_keys"
  cl_on C ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o LogLevel=ERROR \
    "root@$(cl_addr B)" true || die "root of C cannot log in to B"
}

# Ends in the sandbox's marker, so that `down` removes these lines too.
cl_key_marker () { echo "grsb-cluster-$1 $KEY_MARKER"; }

cl_remove_known_host () {
  local kept marker
  marker=$(cl_key_marker "$1")
  [[ -e /root/.ssh/known_hosts ]] || return 0
  kept=$(grep -vF " $marker" /root/.ssh/known_hosts || true)
  printf '%s\n' "$kept" | sed '/^$/d' >/root/.ssh/known_hosts
}

peer_state () {
  cl_gluster "$1" peer status 2>/dev/null | grep -c 'State: Peer in Cluster (Connected)'
}

peers_connected () {
  [[ $(peer_state A) -ge 1 && $(peer_state B) -ge 1 ]]
}

# B joins A's cluster with no geo-replication keys of its own: georepd's
# CreateSession (push-pem) runs gsec_create, which makes them (the cluster
# test's sessions prove it: B's worker logs in to C with its key).
cl_probe_b () {
  gluster_cli peer probe "$(cl_addr B)" >/dev/null
  wait_for "A and B to see each other connected" 60 peers_connected ||
    die "B did not join A's cluster: $(gluster_cli peer status 2>&1 | tr '\n' ' ')"
}

# --- gluster's shared storage ----------------------------------------------

# cluster.enable-shared-storage makes glusterd create the volume
# gluster_shared_storage over A and B (bricks in each one's
# /var/lib/glusterd/ss_brick) and its hook script
# (hooks/1/set/post/S32gluster_enable_shared_storage.sh) mount it at
# /run/gluster/shared_storage on each node (A's real /run, B's private
# one) and add it to /etc/fstab, which is the machine's for both: the
# sandbox keeps a copy and puts it back. georepd shares its workers'
# reasons there (service/gr-reasons-shared.c).
CL_SHARED=/run/gluster/shared_storage

cl_shared_mounted () {
  cl_on "$1" mountpoint -q "$CL_SHARED"
}

cl_enable_shared_storage () {
  [[ -e $CL_DIR/fstab.orig ]] || cp -a /etc/fstab "$CL_DIR/fstab.orig"
  record cluster-shared-storage
  gluster_cli volume set all cluster.enable-shared-storage enable >/dev/null ||
    { say "WARNING: cannot enable shared storage"; return 0; }
  if wait_for "shared storage mounted on A and B" 90 \
      sh -c "mountpoint -q $CL_SHARED && nsenter -t $(cl_holder_pid B) -m mountpoint -q $CL_SHARED"; then
    echo 1 >"$CL_DIR/shared-storage"
  else
    say "WARNING: shared storage is not mounted on A and B (see the glusterd logs)"
    echo 0 >"$CL_DIR/shared-storage"
  fi
}

cl_disable_shared_storage () {
  recorded cluster-shared-storage || return 0
  if gluster_cli volume info gluster_shared_storage >/dev/null 2>&1; then
    say "disabling gluster's shared storage"
    gluster_cli volume set all cluster.enable-shared-storage disable >/dev/null ||
      say "WARNING: could not disable shared storage"
  fi
  ! mountpoint -q "$CL_SHARED" || umount -l "$CL_SHARED" || true
  ! cl_holder_pid B >/dev/null || ! cl_shared_mounted B || cl_on B umount -l "$CL_SHARED" || true
  rmdir "$CL_SHARED" 2>/dev/null || true
  rm -rf /var/lib/glusterd/ss_brick
  [[ ! -e $CL_DIR/fstab.orig ]] || cp "$CL_DIR/fstab.orig" /etc/fstab
  unrecord cluster-shared-storage
}

# --- events across the cluster ---------------------------------------------

# A's georepd (the sandbox's) listens for gluster's events on A's bridge
# address, and its webhook is registered as an admin would (README.md,
# "Events across the cluster"): EventsListener and EventsListenAddress
# in its georepd.conf, `georepctl events register` (polkit: the sandbox's
# admin), then `systemctl reload glustereventsd` on B, which runs no
# georepd of its own. It polls every 300 s, so that only events and the
# shared storage explain what it learns of B sooner (the cluster suite
# refreshes where it waits for the CLI's view).
CL_EVENTS_PORT=24010

cl_georepctl_admin () {
  runuser -u "$ADMIN_USER" -- env "DBUS_SYSTEM_BUS_ADDRESS=$DBUS_SYSTEM_BUS_ADDRESS" \
    "$BUILD_DIR/clients/georepctl/georepctl" --no-ask-password "$@"
}

cl_setup_events () {
  local url
  cat >"$CL_DIR/georepd.conf" <<EOF
# Added by the two-cluster sandbox (scripts/sandbox-cluster.sh).
EventsListener=true
EventsListenAddress=$(cl_addr A)
EventsPort=$CL_EVENTS_PORT
PollInterval=300
PollIntervalMin=300
EOF
  stop_daemon georepd
  start_service
  url=$(cl_georepctl_admin events register | sed -n 's/^Registered //p') ||
    die "georepctl events register failed"
  [[ -n $url ]] || die "georepctl events register printed no URL"
  echo "$url" >>"$CL_DIR/webhooks"
  echo "$url" >>"$SB/webhooks"
  cl_on B /usr/local/sbin/systemctl reload glustereventsd
  say "events: A's webhook registered, B's glustereventsd reloaded"
}

# Back to the sandbox's own georepd configuration, when it runs.
cl_remove_events () {
  local url
  if [[ -s $CL_DIR/webhooks ]]; then
    while read -r url; do
      gluster-eventsapi webhook-del "$url" >/dev/null 2>&1 || true
    done <"$CL_DIR/webhooks"
    rm -f "$CL_DIR/webhooks"
  fi
  [[ -e $CL_DIR/georepd.conf ]] || return 0
  rm -f "$CL_DIR/georepd.conf"
  if daemon_pid georepd >/dev/null; then
    stop_daemon georepd
    start_service
  fi
}

# --- commands ---------------------------------------------------------------

cl_up_host () {
  local host=$1
  cl_make_netns "$host"
  cl_make_host_dirs "$host"
  cl_start_holder "$host"
  cl_start_glusterd "$host"
  cl_start_sshd "$host"
  cl_start_eventsd "$host"
  cl_authorize_root "$host"
  say "cluster host $host up: $(cl_addr "$host") ($(cl_host_name "$host"))"
}

# The secondary's non-root account (users are shared by all hosts: one
# /etc/passwd), reachable by A's root key as the admin of C would set up
# before creating a session for it.
cl_create_geo_user () {
  local home pub
  getent group "$CL_GEO_GROUP" >/dev/null && groupdel "$CL_GEO_GROUP"
  getent passwd "$CL_GEO_USER" >/dev/null ||
    useradd -m -s /bin/bash "$CL_GEO_USER"
  home=$(getent passwd "$CL_GEO_USER" | cut -d: -f6)
  for pub in /root/.ssh/id_ed25519.pub /root/.ssh/id_rsa.pub; do
    [[ -e $pub ]] && break
  done
  install -d -m 0700 -o "$CL_GEO_USER" -g "$CL_GEO_USER" "$home/.ssh"
  cut -d' ' -f1,2 "$pub" >"$home/.ssh/authorized_keys"
  chown "$CL_GEO_USER:" "$home/.ssh/authorized_keys"
  chmod 0600 "$home/.ssh/authorized_keys"
  ssh -o BatchMode=yes -o LogLevel=ERROR "$CL_GEO_USER@$(cl_addr C)" true ||
    die "root of A cannot log in to $CL_GEO_USER@C"
}

cl_delete_geo_user () {
  local pid
  if getent passwd "$CL_GEO_USER" >/dev/null; then
    for pid in $(ps -o pid= -u "$CL_GEO_USER" 2>/dev/null); do
      kill -KILL "$pid" 2>/dev/null || true
    done
    userdel -r "$CL_GEO_USER" 2>/dev/null || userdel "$CL_GEO_USER" ||
      say "WARNING: could not delete user $CL_GEO_USER"
  fi
  if getent group "$CL_GEO_GROUP" >/dev/null; then
    groupdel "$CL_GEO_GROUP" || say "WARNING: could not delete group $CL_GEO_GROUP"
  fi
}

cl_write_env () {
  {
    printf 'export GEOREP_CLUSTER_A=%q\n' "$(cl_addr A)"
    printf 'export GEOREP_CLUSTER_B=%q\n' "$(cl_addr B)"
    printf 'export GEOREP_CLUSTER_C=%q\n' "$(cl_addr C)"
    printf 'export GEOREP_CLUSTER_DIR=%q\n' "$CL_DIR"
    printf 'export GEOREP_CLUSTER_GEO_USER=%q\n' "$CL_GEO_USER"
    printf 'export GEOREP_CLUSTER_GEO_GROUP=%q\n' "$CL_GEO_GROUP"
    printf 'export GEOREP_SANDBOX_SCRIPT=%q\n' "$REPO/scripts/sandbox"
    printf 'export GEOREP_CLUSTER_SHARED_STORAGE=%q\n' "$(cat "$CL_DIR/shared-storage" 2>/dev/null || echo 0)"
  } >"$CL_DIR/env"
  grep -v '^export GEOREP_CLUSTER_\|^export GEOREP_SANDBOX_SCRIPT=' "$SB/env" >"$SB/env.tmp" || true
  cat "$CL_DIR/env" >>"$SB/env.tmp"
  mv "$SB/env.tmp" "$SB/env"
}

cmd_cluster_up () {
  local host started=$SECONDS
  [[ -e $SB/env ]] || die "the sandbox is not up: run '$0 up' first"
  trap '[[ $? -eq 0 ]] || say "cluster-up failed; clean up with: $0 cluster-down"' EXIT
  mkdir -p "$CL_DIR"
  cl_make_bridge
  for host in "${CL_HOSTS[@]}"; do
    cl_up_host "$host"
  done
  cl_authorize_c_to_b
  cl_probe_b
  cl_enable_shared_storage
  cl_setup_events
  cl_create_geo_user
  cl_write_env
  trap - EXIT
  say "cluster up in $((SECONDS - started))s"
  cat "$SB/env"
}

# --- teardown ---------------------------------------------------------------

cl_host_known () {
  [[ -e $CL_DIR/$1/holder.pid ]] || recorded "cluster-netns-$1"
}

# The sandbox's sessions and volumes go first, while B still serves its
# bricks (a volume with a brick on a dead peer cannot be deleted), then B
# leaves A's cluster.
cl_clean_primary () {
  cl_host_known B || return 0
  if pgrep -x glusterd >/dev/null && gluster_cli pool list >/dev/null 2>&1; then
    cl_holder_pid B >/dev/null && { cl_start_glusterd B || true; }
    delete_sandbox_sessions
    cl_remove_events
    cl_disable_shared_storage
    delete_sandbox_volumes
    stop_stray_gluster_processes
    remove_gluster_residue
    if gluster_cli pool list 2>/dev/null | grep -q "$(cl_addr B)"; then
      say "detaching B from A's cluster"
      gluster_cli peer detach "$(cl_addr B)" force >/dev/null ||
        { say "WARNING: could not detach B"; return 1; }
    fi
  fi
}

# Every process in HOST's network namespace (glusterd, bricks, gsyncd,
# FUSE clients, sshd, the holder), by pid.
cl_stop_host () {
  local host=$1 ns pids
  ns=$(cl_netns "$host")
  ip netns list | grep -qw "^$ns" || return 0
  mapfile -t pids < <(ip netns pids "$ns")
  ((${#pids[@]} == 0)) || stop_pids "the processes of $host" "${pids[@]}"
  rm -f "$CL_DIR/$host"/*.pid "$CL_DIR/$host"/*.exe
}

cl_remove_host () {
  local host=$1 ns
  ns=$(cl_netns "$host")
  cl_stop_host "$host"
  ip link del "grsb-$host-br" 2>/dev/null || true
  ! ip netns list | grep -qw "^$ns" || ip netns del "$ns"
  cl_remove_known_host "$host"
  unrecord "cluster-netns-$host"
}

cl_remove_bridge () {
  ! ip link show "$CL_BRIDGE" >/dev/null 2>&1 || ip link del "$CL_BRIDGE"
  unrecord cluster-bridge
}

cmd_cluster_down () {
  local failed=0 host
  cl_clean_primary || failed=1
  cl_remove_events || failed=1
  cl_disable_shared_storage || failed=1
  for host in "${CL_HOSTS[@]}"; do
    cl_remove_host "$host" || failed=1
  done
  cl_remove_bridge || failed=1
  cl_delete_geo_user || failed=1
  [[ ! -e $SB/env ]] || sed -i '/^export GEOREP_CLUSTER_\|^export GEOREP_SANDBOX_SCRIPT=/d' "$SB/env"
  rm -rf "$CL_DIR"
  return "$failed"
}

# Stop or start HOST's glusterd alone (the tests of a peer going down).
cmd_cluster_glusterd () {
  (($# == 2)) || die "usage: $0 cluster-glusterd HOST stop|start"
  cl_holder_pid "$1" >/dev/null || die "cluster host $1 is not up"
  case $2 in
    stop) cl_stop_glusterd "$1" ;;
    start) cl_start_glusterd "$1" ;;
    *) die "usage: $0 cluster-glusterd HOST stop|start" ;;
  esac
}

cmd_on () {
  (($# >= 2)) || die "usage: $0 on HOST COMMAND..."
  cl_on "$@"
}
