// The gsyncd options georepd accepts, with their class: O ordinary, C a
// command, its options or a path run as root (needing the stronger
// configure-commands authorization), R read-only. Mirrors the allowlist
// in service/gluster/gr-config-keys.c.
const KEYS = new Map([
    ["access-mount", "O"],
    ["allow-network", "O"],
    ["change-detector", "O"],
    ["change-interval", "O"],
    ["changelog-archive-format", "C"],
    ["changelog-batch-size", "O"],
    ["changelog-log-file", "R"],
    ["changelog-log-level", "O"],
    ["checkpoint", "O"],
    ["cli-log-file", "R"],
    ["cli-log-level", "O"],
    ["connection-timeout", "O"],
    ["georep-session-working-dir", "R"],
    ["gfid-conflict-resolution", "O"],
    ["gluster-cli-options", "C"],
    ["gluster-command", "C"],
    ["gluster-command-dir", "C"],
    ["gluster-log-file", "R"],
    ["gluster-log-level", "O"],
    ["gluster-logdir", "C"],
    ["gluster-params", "C"],
    ["gluster-rundir", "C"],
    ["glusterd-workdir", "C"],
    ["gsyncd-miscdir", "C"],
    ["ignore-deletes", "O"],
    ["isolated-secondarys", "O"],
    ["log-file", "R"],
    ["log-level", "O"],
    ["log-rsync-performance", "O"],
    ["max-rsync-retries", "O"],
    ["meta-volume-mnt", "C"],
    ["pid-file", "R"],
    ["primary-bricks", "R"],
    ["primary-disperse-count", "R"],
    ["primary-distribution-count", "R"],
    ["primary-replica-count", "R"],
    ["primary-volume-id", "R"],
    ["remote-gsyncd", "C"],
    ["replica-failover-interval", "O"],
    ["rsync-command", "C"],
    ["rsync-opt-existing", "O"],
    ["rsync-opt-ignore-missing-args", "O"],
    ["rsync-options", "C"],
    ["rsync-ssh-options", "C"],
    ["secondary-access-mount", "O"],
    ["secondary-bricks", "R"],
    ["secondary-gluster-command-dir", "C"],
    ["secondary-gluster-log-file", "R"],
    ["secondary-gluster-log-file-mbr", "R"],
    ["secondary-gluster-log-level", "O"],
    ["secondary-gluster-params", "C"],
    ["secondary-log-file", "R"],
    ["secondary-log-level", "O"],
    ["secondary-timeout", "O"],
    ["secondary-volume-id", "R"],
    ["special-sync-mode", "O"],
    ["ssh-command", "C"],
    ["ssh-options", "C"],
    ["ssh-options-tar", "C"],
    ["ssh-port", "O"],
    ["state-file", "R"],
    ["state-socket-unencoded", "R"],
    ["stime-xattr-prefix", "C"],
    ["sync-acls", "O"],
    ["sync-jobs", "O"],
    ["sync-method", "O"],
    ["sync-xattrs", "O"],
    ["tar-command", "C"],
    ["use-meta-volume", "O"],
    ["use-rsync-xattrs", "O"],
    ["working-dir", "R"],
]);

const OLD_WORDS = { master: "primary", slave: "secondary", slaves: "secondarys" };

// Gluster <= 9 names and '_' spellings map onto the names above.
function canonical(key) {
    return key.replace(/_/g, "-").split("-").map(w => OLD_WORDS[w] || w).join("-");
}

export function isCommandKey(key) { return KEYS.get(canonical(key)) === "C" }
export function isReadOnlyKey(key) { return KEYS.get(canonical(key)) === "R" }
export function settableKeys() { return [...KEYS].filter(([, c]) => c !== "R").map(([k]) => k) }
