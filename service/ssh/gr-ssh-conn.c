/* georepd: opening SSH connections and logging in.
 *
 * The TCP connection is made with GIO rather than by libssh: GIO reports
 * refused, unreachable, unresolvable and timed out as distinct error codes,
 * where libssh only has a message string. libssh then runs the handshake on
 * that socket. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <unistd.h>

#include "gr-error.h"
#include "gr-ssh-private.h"

/* A server that keeps answering keyboard-interactive rounds is not going
 * to accept the password. */
#define KBDINT_MAX_ROUNDS 8

static guint16
target_port (const GrSshTarget *target)
{
  return target->port ? target->port : GR_SSH_DEFAULT_PORT;
}

void
gr_ssh_conn_free (GrSshConn *conn)
{
  if (conn->session)
    {
      ssh_disconnect (conn->session);
      ssh_free (conn->session);
    }
  g_clear_object (&conn->tcp);
  g_free (conn);
}

static GSocketConnection *
connect_tcp (GrSshConn *conn, GError **error)
{
  const GrSshTarget *target = conn->target;
  gint64 left = conn->deadline - g_get_monotonic_time ();
  guint seconds = (guint) CLAMP ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC,
                                 1, gr_ssh_timeout (target));
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnectable) address = NULL;
  g_autoptr (GError) local_error = NULL;
  GSocketConnection *tcp;

  address = g_network_address_new (target->host, target_port (target));
  /* A system service talks to the host it was given, not via a proxy
   * picked from the environment. */
  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_set_timeout (client, seconds);
  tcp = g_socket_client_connect (client, address, NULL, &local_error);
  if (tcp != NULL)
    return tcp;
  /* No answer to a TCP connect in that time is what an unreachable host
   * looks like (packets dropped on the way): the host, not georepd,
   * timed out, and the caller should hear which. */
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, GR_ERROR, GR_ERROR_HOST_UNREACHABLE,
                 "Cannot reach %s port %u: no answer within %u s", target->host,
                 target_port (target), seconds);
  else
    g_set_error (error, GR_ERROR, GR_ERROR_HOST_UNREACHABLE,
                 "Cannot reach %s port %u: %s", target->host,
                 target_port (target), local_error->message);
  return NULL;
}

static gboolean
set_option (GrSshConn *conn,
            enum ssh_options_e option,
            const void *value,
            GError **error)
{
  if (ssh_options_set (conn->session, option, value) == SSH_OK)
    return TRUE;
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
               "Cannot set up the SSH session to %s: %s", conn->target->host,
               ssh_get_error (conn->session));
  return FALSE;
}

/* Nothing from ~/.ssh or /etc/ssh may change what is verified: no config
 * files, only the service's own known_hosts. */
static gboolean
configure_session (GrSshConn *conn, socket_t fd, GError **error)
{
  const GrSshTarget *target = conn->target;
  const char *known_hosts =
      target->known_hosts ? target->known_hosts : "/dev/null";
  bool process_config = false;
  int port = target_port (target);
  int verbosity = SSH_LOG_NOLOG;

  return set_option (conn, SSH_OPTIONS_PROCESS_CONFIG, &process_config,
                     error) &&
         set_option (conn, SSH_OPTIONS_LOG_VERBOSITY, &verbosity, error) &&
         set_option (conn, SSH_OPTIONS_HOST, target->host, error) &&
         set_option (conn, SSH_OPTIONS_PORT, &port, error) &&
         (target->user == NULL ||
          set_option (conn, SSH_OPTIONS_USER, target->user, error)) &&
         set_option (conn, SSH_OPTIONS_KNOWNHOSTS, known_hosts, error) &&
         set_option (conn, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null", error) &&
         set_option (conn, SSH_OPTIONS_FD, &fd, error);
}

/* libssh 0.10.6 neither closes nor takes over a socket given with
 * SSH_OPTIONS_FD (strace shows no close on disconnect or free), so the
 * GSocket stays its only owner and closes it after ssh_free. */
static gboolean
attach_socket (GrSshConn *conn, GError **error)
{
  GSocket *socket = g_socket_connection_get_socket (conn->tcp);

  conn->session = ssh_new ();
  if (conn->session == NULL)
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_FAILED,
                           "Out of memory for an SSH session");
      return FALSE;
    }
  return configure_session (conn, g_socket_get_fd (socket), error);
}

gint64
gr_ssh_deadline (const GrSshTarget *target)
{
  gint64 budget = (gint64) gr_ssh_timeout (target) * GR_SSH_DEADLINE_FACTOR;

  return g_get_monotonic_time () + budget * G_USEC_PER_SEC;
}

GrSshConn *
gr_ssh_conn_open (const GrSshTarget *target, gint64 deadline, GError **error)
{
  g_autoptr (GrSshConn) conn = g_new0 (GrSshConn, 1);

  conn->target = target;
  conn->deadline = deadline;
  conn->tcp = connect_tcp (conn, error);
  if (conn->tcp == NULL || !attach_socket (conn, error) ||
      !gr_ssh_conn_begin_step (conn, error))
    return NULL;
  if (ssh_connect (conn->session) != SSH_OK)
    {
      gr_ssh_conn_set_error (conn, FALSE, "connecting to", error);
      return NULL;
    }
  return g_steal_pointer (&conn);
}

gboolean
gr_ssh_conn_begin_step (GrSshConn *conn, GError **error)
{
  gint64 now = g_get_monotonic_time ();
  gint64 left = MIN (conn->deadline - now,
                     (gint64) gr_ssh_timeout (conn->target) * G_USEC_PER_SEC);
  long seconds = left / G_USEC_PER_SEC;
  long usec = left % G_USEC_PER_SEC;

  /* libssh reads 0 s 0 µs as "no timeout": never hand it less than 1 ms. */
  if (left < 1000)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_TIMEDOUT,
                   "Timed out talking to %s", conn->target->host);
      return FALSE;
    }
  conn->step_start = now;
  conn->step_timeout = left;
  return set_option (conn, SSH_OPTIONS_TIMEOUT, &seconds, error) &&
         set_option (conn, SSH_OPTIONS_TIMEOUT_USEC, &usec, error);
}

void
gr_ssh_conn_set_error (GrSshConn *conn,
                       gboolean again,
                       const char *what,
                       GError **error)
{
  gint64 elapsed = g_get_monotonic_time () - conn->step_start;

  /* libssh reports its own timeouts inconsistently (AGAIN, or ERROR with a
   * message); having used up the step's time is the reliable sign. */
  if (again || elapsed >= conn->step_timeout)
    g_set_error (error, GR_ERROR, GR_ERROR_TIMEDOUT, "Timed out %s %s", what,
                 conn->target->host);
  else
    g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "Error %s %s: %s", what,
                 conn->target->host, ssh_get_error (conn->session));
}

static gboolean
check_auth (GrSshConn *conn, int rc, const char *refused, GError **error)
{
  switch (rc)
    {
      case SSH_AUTH_SUCCESS:
        return TRUE;
      case SSH_AUTH_DENIED:
      case SSH_AUTH_PARTIAL:
        g_set_error (error, GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED,
                     "%s refused %s for user %s", conn->target->host, refused,
                     conn->target->user);
        return FALSE;
      default:
        gr_ssh_conn_set_error (conn, rc == SSH_AUTH_AGAIN, "logging in to",
                               error);
        return FALSE;
    }
}

/* PAM asks through keyboard-interactive: every prompt that does not echo
 * gets the password. Servers may send rounds with no prompt at all. */
static gboolean
answer_prompts (ssh_session session, const char *password)
{
  int n = ssh_userauth_kbdint_getnprompts (session);

  for (int i = 0; i < n; i++)
    {
      char echo = 0;

      ssh_userauth_kbdint_getprompt (session, i, &echo);
      if (ssh_userauth_kbdint_setanswer (session, i, echo ? "" : password) < 0)
        return FALSE;
    }
  return TRUE;
}

/* Returns FALSE only when the deadline passed (@error set); *@rc is the
 * result of the last round otherwise. */
static gboolean
auth_kbdint (GrSshConn *conn, const char *password, int *rc, GError **error)
{
  if (!gr_ssh_conn_begin_step (conn, error))
    return FALSE;
  *rc = ssh_userauth_kbdint (conn->session, NULL, NULL);
  for (guint round = 0; *rc == SSH_AUTH_INFO; round++)
    {
      if (round == KBDINT_MAX_ROUNDS ||
          !answer_prompts (conn->session, password))
        {
          *rc = SSH_AUTH_DENIED;
          break;
        }
      if (!gr_ssh_conn_begin_step (conn, error))
        return FALSE;
      *rc = ssh_userauth_kbdint (conn->session, NULL, NULL);
    }
  return TRUE;
}

static gboolean
no_password_methods (GrSshConn *conn, GError **error)
{
  g_set_error (error, GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED,
               "%s accepts neither password nor keyboard-interactive "
               "login for user %s",
               conn->target->host, conn->target->user);
  return FALSE;
}

gboolean
gr_ssh_auth_password (GrSshConn *conn, const char *password, GError **error)
{
  int methods;
  int rc;

  if (!gr_ssh_conn_begin_step (conn, error))
    return FALSE;
  /* "none" fetches the list of methods the server offers. */
  rc = ssh_userauth_none (conn->session, NULL);
  if (rc != SSH_AUTH_DENIED && rc != SSH_AUTH_PARTIAL)
    return check_auth (conn, rc, "login", error);
  methods = ssh_userauth_list (conn->session, NULL);
  if (!(methods & (SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE)))
    return no_password_methods (conn, error);
  if (methods & SSH_AUTH_METHOD_PASSWORD)
    rc = ssh_userauth_password (conn->session, NULL, password);
  if (rc == SSH_AUTH_DENIED && (methods & SSH_AUTH_METHOD_INTERACTIVE) &&
      !auth_kbdint (conn, password, &rc, error))
    return FALSE;
  return check_auth (conn, rc, "the password", error);
}

gboolean
gr_ssh_auth_key (GrSshConn *conn, GError **error)
{
  const GrSshTarget *target = conn->target;
  g_auto (ssh_key) key = NULL;
  int rc;

  if (ssh_pki_import_privkey_file (target->identity, NULL, NULL, NULL, &key) !=
      SSH_OK)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Cannot load the private key %s (missing, unreadable or "
                   "protected by a passphrase)",
                   target->identity);
      return FALSE;
    }
  if (!gr_ssh_conn_begin_step (conn, error))
    return FALSE;
  rc = ssh_userauth_publickey (conn->session, NULL, key);
  return check_auth (conn, rc, "key login", error);
}

GrSshConn *
gr_ssh_conn_open_key (const GrSshTarget *target,
                      gint64 deadline,
                      GError **error)
{
  g_autoptr (GrSshConn) conn = gr_ssh_conn_open (target, deadline, error);

  if (conn == NULL || !gr_ssh_conn_verify_host (conn, error) ||
      !gr_ssh_auth_key (conn, error))
    return NULL;
  return g_steal_pointer (&conn);
}
