/* georepd: SSH to destinations with libssh (docs/api.md, "Destination"): host
 * key checked before any password is sent, libssh work off the main loop.
 *
 * The blocking functions do network I/O and must run in a worker thread;
 * the _async wrappers run them in a GTask thread so the main loop never
 * blocks. Every connection verifies the server's host key against the
 * expected fingerprint and the service's own known_hosts file before any
 * password or key is offered. Errors are in the GR_ERROR domain:
 * HOST_KEY_MISMATCH, HOST_UNREACHABLE, TIMEDOUT, AUTHENTICATION_FAILED,
 * INVALID_ARGUMENT, FAILED; their messages are meant for administrators and
 * never contain the password. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GR_SSH_DEFAULT_PORT 22
#define GR_SSH_DEFAULT_TIMEOUT 10
/* Each operation as a whole ends after this many times the timeout. */
#define GR_SSH_DEADLINE_FACTOR 4
/* Remote command output beyond this is refused. */
#define GR_SSH_OUTPUT_MAX (1024 * 1024)

typedef struct {
  char *host;
  guint16 port; /* 0 means 22 */
  char *user;
  char *expected_fingerprint; /* "SHA256:…"; NULL only for a probe */
  char *known_hosts;          /* the service's own known_hosts file */
  char *identity;             /* private key file for key login */
  guint timeout;              /* seconds, per connect and per I/O step */
} GrSshTarget;

GrSshTarget *gr_ssh_target_new (const char *host,
                                guint16 port,
                                const char *user,
                                const char *expected_fingerprint,
                                const char *known_hosts,
                                const char *identity,
                                guint timeout);
GrSshTarget *gr_ssh_target_copy (const GrSshTarget *target);
void gr_ssh_target_free (GrSshTarget *target);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSshTarget, gr_ssh_target_free)

/* Connects without authenticating and returns the server's host key as
 * "SHA256:…" (as ssh-keygen -l prints it) and its type ("ssh-ed25519").
 * When the target has an expected fingerprint, the key is verified like
 * for every other operation and recorded in known_hosts. */
gboolean gr_ssh_probe (const GrSshTarget *target,
                       char **fingerprint,
                       char **key_type,
                       GError **error);

/* Logs in with @password (password or keyboard-interactive), appends
 * @public_key_line to the user's ~/.ssh/authorized_keys unless present
 * (0700/0600), then proves that key login with target->identity works.
 * @password is wiped with explicit_bzero before returning, on every path. */
gboolean gr_ssh_setup_passwordless (const GrSshTarget *target,
                                    char *password,
                                    const char *public_key_line,
                                    GError **error);

/* Key login only. Returns FALSE with an error when the login fails. On
 * success *@message tells the result for the LastTestMessage property;
 * *@gluster_version is NULL when gluster is not installed remotely (the
 * test is then not ok although key login works), and *@remote_volumes
 * lists the remote volumes (empty when they cannot be listed, e.g. because
 * the user may not talk to glusterd; *@message says so). *@rsync_version
 * is the remote rsync's ("3.5.0"), NULL when none answered. */
gboolean gr_ssh_test (const GrSshTarget *target,
                      char **gluster_version,
                      char **rsync_version,
                      char ***remote_volumes,
                      char **message,
                      GError **error);

/* Key login, then removes every line equal to @public_key_line from the
 * user's authorized_keys (the file keeps mode 0600). */
gboolean gr_ssh_revoke_key (const GrSshTarget *target,
                            const char *public_key_line,
                            GError **error);

/* Removes the entries for the target's host and port from its known_hosts
 * file, so that a destination added again with a new fingerprint is not
 * refused because of the key recorded for the old one. */
gboolean gr_ssh_forget_host (const GrSshTarget *target, GError **error);

/* The public key line ("type base64 comment") and private key path of the
 * key pair id_ed25519 or id_rsa in @ssh_dir (root's ~/.ssh); creates an
 * ed25519 pair (0600 private, 0644 public) when there is none. */
gboolean gr_ssh_root_key (const char *ssh_dir,
                          char **public_key_line,
                          char **identity_path,
                          GError **error);

/* Accepts only "ssh-ed25519|ssh-rsa|ecdsa-sha2-* BASE64 [comment]": no
 * options, no control characters, a key blob libssh can parse and whose
 * type matches the first field. */
gboolean gr_ssh_validate_key_line (const char *line, GError **error);

/* Asynchronous wrappers: each runs the blocking function above in a GTask
 * thread; the target and strings are copied, so the caller may free them
 * at once. @cancellable only stops an operation that has not started yet:
 * a running one cannot be interrupted inside libssh, its deadline bounds
 * it. The _finish functions return the same values as the blocking ones;
 * no out-value is set when they return FALSE. */
void gr_ssh_probe_async (const GrSshTarget *target,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data);
gboolean gr_ssh_probe_finish (GAsyncResult *result,
                              char **fingerprint,
                              char **key_type,
                              GError **error);

/* The wrapper keeps its own copy of @password and wipes it; the caller
 * wipes its own buffer. */
void gr_ssh_setup_passwordless_async (const GrSshTarget *target,
                                      const char *password,
                                      const char *public_key_line,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean gr_ssh_setup_passwordless_finish (GAsyncResult *result,
                                           GError **error);

void gr_ssh_test_async (const GrSshTarget *target,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data);
gboolean gr_ssh_test_finish (GAsyncResult *result,
                             char **gluster_version,
                             char **rsync_version,
                             char ***remote_volumes,
                             char **message,
                             GError **error);

void gr_ssh_revoke_key_async (const GrSshTarget *target,
                              const char *public_key_line,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
gboolean gr_ssh_revoke_key_finish (GAsyncResult *result, GError **error);

void gr_ssh_root_key_async (const char *ssh_dir,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data);
gboolean gr_ssh_root_key_finish (GAsyncResult *result,
                                 char **public_key_line,
                                 char **identity_path,
                                 GError **error);

G_END_DECLS
