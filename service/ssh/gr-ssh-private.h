/* georepd: the pieces of the SSH module shared between its files. */
#pragma once

#include <libssh/libssh.h>

#include "gr-ssh.h"

G_BEGIN_DECLS

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (ssh_key, ssh_key_free, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (ssh_channel, ssh_channel_free, NULL)

/* One SSH connection to a target. The TCP connection is made with GIO, which
 * tells refused, unreachable and timed out apart; libssh gets a duplicate of
 * the socket and speaks SSH over it. */
typedef struct {
  const GrSshTarget *target;
  ssh_session session;
  GSocketConnection *tcp;
  gint64 deadline;     /* monotonic µs: the operation's end */
  gint64 step_start;   /* monotonic µs: when the last step began */
  gint64 step_timeout; /* µs given to libssh for that step */
} GrSshConn;

/* The target's timeout in seconds; 0 means the default. */
static inline guint
gr_ssh_timeout (const GrSshTarget *target)
{
  return target->timeout ? target->timeout : GR_SSH_DEFAULT_TIMEOUT;
}

void gr_ssh_conn_free (GrSshConn *conn);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSshConn, gr_ssh_conn_free)

/* The monotonic time at which an operation starting now must end; one
 * operation may open several connections within it. */
gint64 gr_ssh_deadline (const GrSshTarget *target);

/* Connects and completes the SSH handshake; no verification, no auth. */
GrSshConn *
gr_ssh_conn_open (const GrSshTarget *target, gint64 deadline, GError **error);
/* Starts a step: gives libssh the lesser of the timeout and the time left
 * until the deadline; TIMEDOUT when no time is left. */
gboolean gr_ssh_conn_begin_step (GrSshConn *conn, GError **error);
/* Sets @error for a failed libssh call of the current step, "Timed out
 * @what HOST" or "Error @what HOST: …". @again is TRUE when the call
 * returned its AGAIN code, which blocking libssh calls use for timeouts. */
void gr_ssh_conn_set_error (GrSshConn *conn,
                            gboolean again,
                            const char *what,
                            GError **error);

gboolean gr_ssh_conn_server_key (GrSshConn *conn,
                                 char **fingerprint,
                                 char **key_type,
                                 GError **error);
/* Compares the server key with target->expected_fingerprint and the
 * known_hosts file, and records it there once verified. */
gboolean gr_ssh_conn_verify_host (GrSshConn *conn, GError **error);

gboolean
gr_ssh_auth_password (GrSshConn *conn, const char *password, GError **error);
gboolean gr_ssh_auth_key (GrSshConn *conn, GError **error);

/* Connects, verifies the host key and logs in with target->identity. */
GrSshConn *gr_ssh_conn_open_key (const GrSshTarget *target,
                                 gint64 deadline,
                                 GError **error);

/* Runs @command (a constant: never caller data) with @input on its stdin.
 * Output is capped at GR_SSH_OUTPUT_MAX; *@exit_status is -1 when the
 * server reported none. */
gboolean gr_ssh_exec (GrSshConn *conn,
                      const char *command,
                      const char *input,
                      char **out,
                      char **err,
                      int *exit_status,
                      GError **error);

/* The first line of @text, cleaned (gr-text.h), at most 200 bytes:
 * remote output quoted in messages. */
char *gr_ssh_first_line (const char *text);

/* Cleans @error's message in place (gr-text.h): libssh's error text
 * carries the server's banner and disconnect message. Every thread of
 * this layer does so before its error leaves for a D-Bus reply, a log
 * or the store. NULL is ignored. */
void gr_ssh_error_clean (GError *error);

G_END_DECLS
