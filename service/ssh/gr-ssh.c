/* georepd: the SSH operations on a destination (docs/api.md, "Destination").
 *
 * Every remote command is a constant: the key line travels on stdin, so
 * nothing a caller sends is ever parsed by a remote shell. The commands are
 * wrapped in /bin/sh -c '…' on one line because the user's login shell,
 * which sshd hands the command to, need not be a POSIX shell. */
#include <string.h>

#include "gr-error.h"
#include "gr-rsync-receiver.h"
#include "gr-ssh-private.h"
#include "gr-validate.h"
#include "gr-xml-cli-output.h"
#include "gr-xml-volume-list.h"

/* Appends the line from stdin to ~/.ssh/authorized_keys unless it is there
 * already, creating the directory 0700 and the file 0600. */
#define INSTALL_KEY_COMMAND                                                    \
  "/bin/sh -c 'umask 077; IFS= read -r key || exit 3; "                        \
  "d=\"$HOME/.ssh\"; f=\"$d/authorized_keys\"; "                               \
  "mkdir -p \"$d\" && chmod 700 \"$d\" && touch \"$f\" && chmod 600 \"$f\" "   \
  "|| exit 4; "                                                                \
  "grep -qxF -- \"$key\" \"$f\"; case $? in 0) exit 0;; 1) ;; *) exit 4;; "    \
  "esac; "                                                                     \
  "if [ -s \"$f\" ] && [ -n \"$(tail -c 1 \"$f\")\" ]; then "                  \
  "echo >> \"$f\" || exit 4; fi; "                                             \
  "printf \"%s\\n\" \"$key\" >> \"$f\" || exit 4'"

/* Removes every line equal to the line from stdin, through a temporary
 * file renamed over the original so a failure leaves it intact. */
#define REVOKE_KEY_COMMAND                                                     \
  "/bin/sh -c 'umask 077; IFS= read -r key || exit 3; "                        \
  "f=\"$HOME/.ssh/authorized_keys\"; [ -f \"$f\" ] || exit 0; "                \
  "t=\"$f.georepd.$$\"; grep -vxF -- \"$key\" \"$f\" > \"$t\"; "               \
  "if [ $? -gt 1 ]; then rm -f \"$t\"; exit 4; fi; "                           \
  "chmod 600 \"$t\" && mv -f \"$t\" \"$f\" || { rm -f \"$t\"; exit 4; }'"

/* Non-root users often lack the sbin directories in PATH. */
#define GLUSTER_PATH "PATH=\"$PATH:/usr/sbin:/sbin:/usr/local/sbin\"; "
#define GLUSTER_MISSING 127
#define RSYNC_VERSION_COMMAND                                                  \
  "/bin/sh -c 'PATH=\"$PATH:/usr/sbin:/sbin:/usr/local/sbin\"; "               \
  "command -v rsync >/dev/null 2>&1 || exit 127; exec rsync --version'"
#define GLUSTER_VERSION_COMMAND                                                \
  "/bin/sh -c '" GLUSTER_PATH                                                  \
  "command -v gluster >/dev/null 2>&1 || exit 127; exec gluster --version'"
#define GLUSTER_VOLUMES_COMMAND                                                \
  "/bin/sh -c '" GLUSTER_PATH "exec gluster --mode=script --xml volume list'"

GrSshTarget *
gr_ssh_target_new (const char *host,
                   guint16 port,
                   const char *user,
                   const char *expected_fingerprint,
                   const char *known_hosts,
                   const char *identity,
                   guint timeout)
{
  GrSshTarget *target = g_new0 (GrSshTarget, 1);

  target->host = g_strdup (host);
  target->port = port ? port : GR_SSH_DEFAULT_PORT;
  target->user = g_strdup (user);
  target->expected_fingerprint = g_strdup (expected_fingerprint);
  target->known_hosts = g_strdup (known_hosts);
  target->identity = g_strdup (identity);
  target->timeout = timeout ? timeout : GR_SSH_DEFAULT_TIMEOUT;
  return target;
}

GrSshTarget *
gr_ssh_target_copy (const GrSshTarget *target)
{
  return gr_ssh_target_new (target->host, target->port, target->user,
                            target->expected_fingerprint, target->known_hosts,
                            target->identity, target->timeout);
}

void
gr_ssh_target_free (GrSshTarget *target)
{
  g_free (target->host);
  g_free (target->user);
  g_free (target->expected_fingerprint);
  g_free (target->known_hosts);
  g_free (target->identity);
  g_free (target);
}

/* @login: the operation logs in, so it needs a user, the fingerprint to
 * verify, the known_hosts file and the identity for key login. */
static gboolean
check_target (const GrSshTarget *target, gboolean login, GError **error)
{
  if (!gr_validate_host (target->host, error) ||
      (target->expected_fingerprint != NULL &&
       !gr_validate_fingerprint (target->expected_fingerprint, error)))
    return FALSE;
  if (!login)
    return TRUE;
  if (!gr_validate_user (target->user, error))
    return FALSE;
  if (target->expected_fingerprint == NULL || target->known_hosts == NULL ||
      target->identity == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                   "Logging in to %s needs the host key fingerprint, a "
                   "known_hosts file and a private key",
                   target->host);
      return FALSE;
    }
  return TRUE;
}

gboolean
gr_ssh_probe (const GrSshTarget *target,
              char **fingerprint,
              char **key_type,
              GError **error)
{
  gint64 deadline = gr_ssh_deadline (target);
  g_autoptr (GrSshConn) conn = NULL;

  if (!check_target (target, FALSE, error) ||
      (conn = gr_ssh_conn_open (target, deadline, error)) == NULL)
    return FALSE;
  if (target->expected_fingerprint != NULL &&
      !gr_ssh_conn_verify_host (conn, error))
    return FALSE;
  return gr_ssh_conn_server_key (conn, fingerprint, key_type, error);
}

/* Runs @command and turns a non-zero exit status into an error quoting the
 * first line the command wrote. */
static gboolean
run_checked (GrSshConn *conn,
             const char *command,
             const char *input,
             const char *what,
             GError **error)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *why = NULL;
  int status;

  if (!gr_ssh_exec (conn, command, input, &out, &err, &status, error))
    return FALSE;
  if (status == 0)
    return TRUE;
  why = gr_ssh_first_line (*err ? err : out);
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
               "%s for user %s on %s failed (exit status %d)%s%s", what,
               conn->target->user, conn->target->host, status, *why ? ": " : "",
               why);
  return FALSE;
}

static gboolean
install_key (const GrSshTarget *target,
             gint64 deadline,
             const char *password,
             const char *public_key_line,
             GError **error)
{
  g_autoptr (GrSshConn) conn = NULL;
  g_autofree char *input = NULL;

  conn = gr_ssh_conn_open (target, deadline, error);
  if (conn == NULL || !gr_ssh_conn_verify_host (conn, error) ||
      !gr_ssh_auth_password (conn, password, error))
    return FALSE;
  input = g_strconcat (public_key_line, "\n", NULL);
  return run_checked (conn, INSTALL_KEY_COMMAND, input, "Installing the key",
                      error);
}

/* A fresh connection, so that what is proven is exactly what later
 * operations will do. */
static gboolean
prove_key_login (const GrSshTarget *target, gint64 deadline, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GrSshConn) conn = NULL;

  conn = gr_ssh_conn_open_key (target, deadline, &local_error);
  if (conn != NULL)
    return TRUE;
  if (!g_error_matches (local_error, GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_set_error (error, GR_ERROR, GR_ERROR_AUTHENTICATION_FAILED,
               "The key was installed for user %s on %s, but key login "
               "still fails; check the permissions of the home directory "
               "and PubkeyAuthentication and AuthorizedKeysFile in the "
               "sshd configuration there (%s)",
               target->user, target->host, local_error->message);
  return FALSE;
}

gboolean
gr_ssh_setup_passwordless (const GrSshTarget *target,
                           char *password,
                           const char *public_key_line,
                           GError **error)
{
  gint64 deadline = gr_ssh_deadline (target);
  gboolean installed;

  if (password == NULL)
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                           "No password given");
      return FALSE;
    }
  installed = check_target (target, TRUE, error) &&
              gr_ssh_validate_key_line (public_key_line, error) &&
              install_key (target, deadline, password, public_key_line, error);
  explicit_bzero (password, strlen (password));
  return installed && prove_key_login (target, deadline, error);
}

/* `gluster --xml volume list`, read as the local one is (the gr-xml-*.h
 * readers): remote output is untrusted too. Only names that are valid volume
 * names are kept. On failure *@errstr is gluster's opErrstr, when there is one.
 */
static gboolean
parse_volume_list (const char *xml, GPtrArray *volumes, char **errstr)
{
  GrCliStatus status;
  g_autoptr (GPtrArray) names =
      gr_xml_read_volume_list (xml, strlen (xml), &status, NULL);
  gboolean ok;

  if (names == NULL)
    return FALSE;
  ok = status.op_ret == 0;
  if (!ok)
    *errstr = *status.op_errstr
                  ? g_strdup (status.op_errstr)
                  : g_strdup_printf ("gluster failed, opRet %d", status.op_ret);
  for (guint i = 0; ok && i < names->len; i++)
    if (gr_validate_volume (names->pdata[i], NULL))
      g_ptr_array_add (volumes, g_steal_pointer (&names->pdata[i]));
  gr_cli_status_clear (&status);
  return ok;
}

/* The first non-empty explanation among gluster's own error string, its
 * stdout and its stderr. Without --xml output gluster prints the reason on
 * stdout ("Connection failed. Please check if gluster daemon is
 * operational."); stderr mostly carries its log noise. */
static char *
gluster_failure (const char *errstr,
                 const char *out,
                 const char *err,
                 int status)
{
  const char *sources[] = { errstr, out, err };

  for (gsize i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *line = gr_ssh_first_line (sources[i]);

      if (*line != '\0')
        return g_steal_pointer (&line);
    }
  return g_strdup_printf ("gluster exited with status %d", status);
}

/* Returns FALSE only when SSH failed; *@why says why gluster could not
 * list the volumes, if it could not. */
static gboolean
remote_volume_list (GrSshConn *conn,
                    GPtrArray *volumes,
                    char **why,
                    GError **error)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *errstr = NULL;
  int status;

  if (!gr_ssh_exec (conn, GLUSTER_VOLUMES_COMMAND, NULL, &out, &err, &status,
                    error))
    return FALSE;
  if (!parse_volume_list (out, volumes, &errstr))
    *why = gluster_failure (errstr, out, err, status);
  return TRUE;
}

/* *@version is NULL when gluster is not installed. */
static gboolean
remote_gluster_version (GrSshConn *conn, char **version, GError **error)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *line = NULL;
  int status;

  if (!gr_ssh_exec (conn, GLUSTER_VERSION_COMMAND, NULL, &out, &err, &status,
                    error))
    return FALSE;
  *version = NULL;
  if (status == GLUSTER_MISSING)
    return TRUE;
  /* "glusterfs 10.3" */
  line = gr_ssh_first_line (out);
  if (g_str_has_prefix (line, "glusterfs "))
    *version = g_strdup (g_strstrip (line + strlen ("glusterfs ")));
  else
    *version = g_strdup (*line ? line : "unknown");
  return TRUE;
}

/* gsyncd's data goes through the secondary's rsync: its version tells
 * whether files arrive at all (gr-rsync-receiver.h). */
static gboolean
remote_rsync_version (GrSshConn *conn, char **version, GError **error)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  *version = NULL;
  if (!gr_ssh_exec (conn, RSYNC_VERSION_COMMAND, NULL, &out, &err, &status,
                    error))
    return FALSE;
  if (status == 0)
    *version = gr_rsync_parse_version (out);
  return TRUE;
}

static char *
test_message (const GrSshTarget *target,
              const char *version,
              GPtrArray *volumes,
              const char *why)
{
  if (version == NULL)
    return g_strdup_printf ("Key login as %s works, but gluster is not "
                            "installed on %s",
                            target->user, target->host);
  if (why != NULL)
    return g_strdup_printf ("Key login as %s works, gluster %s on %s, but "
                            "its volumes cannot be listed as %s: %s",
                            target->user, version, target->host, target->user,
                            why);
  return g_strdup_printf ("Key login as %s works, gluster %s on %s, %u "
                          "volume(s)",
                          target->user, version, target->host, volumes->len);
}

gboolean
gr_ssh_test (const GrSshTarget *target,
             char **gluster_version,
             char **rsync_version,
             char ***remote_volumes,
             char **message,
             GError **error)
{
  g_autoptr (GrSshConn) conn = NULL;
  g_autoptr (GPtrArray) volumes =
      g_ptr_array_new_null_terminated (0, g_free, TRUE);
  g_autofree char *version = NULL;
  g_autofree char *why = NULL;
  gint64 deadline = gr_ssh_deadline (target);

  if (!check_target (target, TRUE, error) ||
      (conn = gr_ssh_conn_open_key (target, deadline, error)) == NULL ||
      !remote_gluster_version (conn, &version, error) ||
      (version != NULL && !remote_volume_list (conn, volumes, &why, error)) ||
      !remote_rsync_version (conn, rsync_version, error))
    return FALSE;
  *message = test_message (target, version, volumes, why);
  *gluster_version = g_steal_pointer (&version);
  *remote_volumes =
      (char **) g_ptr_array_free (g_steal_pointer (&volumes), FALSE);
  return TRUE;
}

gboolean
gr_ssh_revoke_key (const GrSshTarget *target,
                   const char *public_key_line,
                   GError **error)
{
  g_autoptr (GrSshConn) conn = NULL;
  g_autofree char *input = NULL;
  gint64 deadline = gr_ssh_deadline (target);

  if (!check_target (target, TRUE, error) ||
      !gr_ssh_validate_key_line (public_key_line, error) ||
      (conn = gr_ssh_conn_open_key (target, deadline, error)) == NULL)
    return FALSE;
  input = g_strconcat (public_key_line, "\n", NULL);
  return run_checked (conn, REVOKE_KEY_COMMAND, input, "Removing the key",
                      error);
}
