/* Integration test helpers that drive the real gluster: volumes and
 * mounts under the sandbox directory, named grsb* so that
 * `scripts/sandbox down` removes whatever a failed test left behind. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Waits until glusterd's hook scripts have finished. Some run gluster
 * commands themselves after the transaction returned (the hook of `create
 * push-pem` three over ssh, glusterfind's delete hook one), and a command
 * reaching glusterd meanwhile can leave both waiting for the hook's
 * commands to time out, 120 s each. georepd waits the same way. */
void gr_test_wait_for_hooks (void);

/* Runs `gluster --mode=script ARGS…`, once no hook is running; returns
 * its exit status. */
int gr_test_gluster (const char *first, ...) G_GNUC_NULL_TERMINATED;

/* Creates and starts a one-brick volume (removed first if it exists). */
void gr_test_volume_create (const char *name);
/* Stops and deletes a volume and its brick, ignoring what is missing. */
void gr_test_volume_destroy (const char *name);

/* Stops (force) and deletes a session with the CLI, ignoring errors. */
void gr_test_session_destroy (const char *primary,
                              const char *host,
                              const char *secondary);

/* FUSE-mounts a volume; returns the mount point. */
char *gr_test_mount (const char *volume);
/* The same for a volume of the cluster whose glusterd is on @host. */
char *gr_test_mount_from (const char *host, const char *volume);
void gr_test_unmount (const char *mount_point);

/* gsyncd's last-synced time is the start of the last changelog it
 * synced: when files were synced in the changelog of the second they were
 * written in, it stays just before the write until something else
 * changes. Touching the primary's root (what gluster's docs advise for a
 * checkpoint) is such a change, and no file a test counts. Touches
 * @mount_point at most every 5 s; @last_touch (monotonic µs, start at 0)
 * keeps when. */
void gr_test_nudge_changelog (const char *mount_point, gint64 *last_touch);

G_END_DECLS
