/* Integration test helpers that drive the real gluster: volumes and
 * mounts under the sandbox directory, named grsb* so that
 * `scripts/sandbox down` removes whatever a failed test left behind. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Waits until glusterd's post-create hooks have finished. With the
 * secondary on this very node, the hook of `create push-pem` runs
 * `gluster volume set` on the secondary over ssh after the create has
 * returned, and whatever else asks glusterd meanwhile may time out. */
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
void gr_test_unmount (const char *mount_point);

G_END_DECLS
