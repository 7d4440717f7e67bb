/* georepd: what the admin of a secondary host does as root there for a
 * non-root (mountbroker) secondary user, done over a root destination's
 * key login: gluster's mountbroker setup for a user and volume, and the
 * session's keys for that user after a create push-pem.
 *
 * The commands are constants (gr-ssh-admin.c); the names travel on stdin,
 * validated first. The same steps, as commands for the admin to type, are
 * what gr_ssh_admin_commands() returns, for the errors that must tell
 * them when georepd cannot run them itself. */
#pragma once

#include "gr-ssh.h"

G_BEGIN_DECLS

typedef enum {
  /* words: volume, user, group ("" for the user's own), mountbroker root.
   * The group must be dedicated to the user there (no other member, no
   * system GID) and is created when missing: INVALID_ARGUMENT otherwise. */
  GR_SSH_ADMIN_MOUNTBROKER,
  /* words: user, primary volume, secondary volume, the session's public
   * keys (the primary's common_secret.pem.pub), added as the user to the
   * user's authorized_keys on that host, never following a link as root */
  GR_SSH_ADMIN_SESSION_KEYS,
} GrSshAdminTask;

/* The mountbroker root gluster's documentation uses. */
#define GR_MOUNTBROKER_ROOT_DEFAULT "/var/mountbroker-root"

/* The longest key text a SESSION_KEYS task takes. */
#define GR_SSH_ADMIN_KEYS_MAX (64 * 1024)

/* Refuses a word list that does not fit @task (count, names, a
 * mountbroker root that is GR_MOUNTBROKER_ROOT_DEFAULT or a directory
 * below it). */
gboolean gr_ssh_admin_validate (GrSshAdminTask task,
                                const char *const *words,
                                GError **error);

/* The commands root runs on the secondary host for @task, one per line. */
char *gr_ssh_admin_commands (GrSshAdminTask task, const char *const *words);

/* Runs @task as @target (root, key login) in a GTask thread; the target
 * and words are copied. Fails with the login's error, or FAILED with the
 * step that failed and what it printed. */
void gr_ssh_admin_async (const GrSshTarget *target,
                         GrSshAdminTask task,
                         const char *const *words,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data);
gboolean gr_ssh_admin_finish (GAsyncResult *result, GError **error);

G_END_DECLS
