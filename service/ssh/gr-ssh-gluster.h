/* georepd: gluster commands run as root on another host over a root
 * destination's key login, for the disaster recovery jobs
 * (docs/disaster-recovery.md): they act on the secondary cluster, whose
 * glusterd only answers there.
 *
 * As every remote command of this layer, the command is a constant; the
 * words travel on stdin, one per line, and become gluster's argv through
 * "$@", never through the shell's parsing. georepd builds them from
 * validated names; they are checked again here (gr_ssh_gluster_validate). */
#pragma once

#include "gr-ssh.h"

G_BEGIN_DECLS

/* Words of letters, digits and . _ : @ / -, 1-255 long, none starting
 * with '-'; at most 32 of them. */
gboolean gr_ssh_gluster_validate (const char *const *words, GError **error);

/* Runs `gluster --mode=script [--xml] WORDS…` as @target (root) in a
 * GTask thread. The finish returns its stdout with its *@exit_status;
 * FALSE only when it could not run (login, not root, no gluster). */
void gr_ssh_gluster_async (const GrSshTarget *target,
                           const char *const *words,
                           gboolean xml,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data);
char *
gr_ssh_gluster_finish (GAsyncResult *result, int *exit_status, GError **error);

/* Mounts @volume read-write in a private mount namespace on @target and
 * sets the mtime of its root (a checkpoint's completion needs a change,
 * docs/disaster-recovery.md). */
void gr_ssh_touch_root_async (const GrSshTarget *target,
                              const char *volume,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
gboolean gr_ssh_touch_root_finish (GAsyncResult *result, GError **error);

G_END_DECLS
