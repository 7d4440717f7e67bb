/* georepd: verifying the server's host key before any credential is sent,
 * and the service's own known_hosts file.
 *
 * The known_hosts file is rewritten atomically and durably here instead of
 * with ssh_session_update_known_hosts (), which appends in place with the
 * process umask: state files are written CONSISTENT|DURABLE,
 * 0600. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gr-error.h"
#include "gr-ssh-private.h"
#include "gr-validate.h"

/* Worker threads may record or forget hosts at the same time; each change
 * is a read-modify-write of the whole file. */
static GMutex known_hosts_lock;

gboolean
gr_ssh_conn_server_key (GrSshConn *conn,
                        char **fingerprint,
                        char **key_type,
                        GError **error)
{
  g_auto (ssh_key) key = NULL;
  unsigned char *hash = NULL;
  size_t len = 0;
  g_autofree char *b64 = NULL;

  if (ssh_get_server_publickey (conn->session, &key) != SSH_OK ||
      ssh_get_publickey_hash (key, SSH_PUBLICKEY_HASH_SHA256, &hash, &len) != 0)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Cannot read the host key of %s: %s", conn->target->host,
                   ssh_get_error (conn->session));
      return FALSE;
    }
  b64 = g_base64_encode (hash, len);
  ssh_clean_pubkey_hash (&hash);
  /* ssh-keygen -l prints the hash in base64 without '=' padding. */
  b64[strcspn (b64, "=")] = '\0';
  *fingerprint = g_strconcat ("SHA256:", b64, NULL);
  *key_type = g_strdup (ssh_key_type_to_char (ssh_key_type (key)));
  return TRUE;
}

static gboolean
write_known_hosts (const char *path, const char *contents, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) local_error = NULL;

  if (g_mkdir_with_parents (dir, 0700) < 0 ||
      !g_file_set_contents_full (path, contents, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT |
                                     G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "Cannot write %s: %s",
                   path,
                   local_error ? local_error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* Reads @path; a missing file reads as empty. */
static gboolean
read_known_hosts (const char *path, char **contents, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (g_file_get_contents (path, contents, NULL, &local_error))
    return TRUE;
  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      *contents = g_strdup ("");
      return TRUE;
    }
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "Cannot read %s: %s", path,
               local_error->message);
  return FALSE;
}

static gboolean
record_known_host (GrSshConn *conn, GError **error)
{
  const char *path = conn->target->known_hosts;
  g_autofree char *old = NULL;
  g_autofree char *contents = NULL;
  char *entry = NULL;
  gboolean needs_newline;

  if (ssh_session_export_known_hosts_entry (conn->session, &entry) != SSH_OK)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Cannot record the host key of %s: %s", conn->target->host,
                   ssh_get_error (conn->session));
      return FALSE;
    }
  needs_newline = *entry != '\0' && !g_str_has_suffix (entry, "\n");
  if (read_known_hosts (path, &old, error))
    contents =
        g_strconcat (old, *old && !g_str_has_suffix (old, "\n") ? "\n" : "",
                     entry, needs_newline ? "\n" : "", NULL);
  free (entry);
  return contents != NULL && write_known_hosts (path, contents, error);
}

static gboolean
refuse_changed_key (GrSshConn *conn, GError **error)
{
  g_set_error (error, GR_ERROR, GR_ERROR_HOST_KEY_MISMATCH,
               "The host key of %s differs from the one recorded in %s: the "
               "key was changed or the connection is intercepted; if the "
               "change is expected, remove the destination and add it again",
               conn->target->host, conn->target->known_hosts);
  return FALSE;
}

static gboolean
check_known_hosts (GrSshConn *conn, GError **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&known_hosts_lock);

  switch (ssh_session_is_known_server (conn->session))
    {
      case SSH_KNOWN_HOSTS_OK:
        return TRUE;
      case SSH_KNOWN_HOSTS_CHANGED:
      case SSH_KNOWN_HOSTS_OTHER:
        return refuse_changed_key (conn, error);
      case SSH_KNOWN_HOSTS_UNKNOWN:
      case SSH_KNOWN_HOSTS_NOT_FOUND:
        return record_known_host (conn, error);
      case SSH_KNOWN_HOSTS_ERROR:
      default:
        g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "Cannot check %s: %s",
                     conn->target->known_hosts, ssh_get_error (conn->session));
        return FALSE;
    }
}

gboolean
gr_ssh_conn_verify_host (GrSshConn *conn, GError **error)
{
  const GrSshTarget *target = conn->target;
  g_autofree char *fingerprint = NULL;
  g_autofree char *key_type = NULL;

  if (target->expected_fingerprint == NULL || target->known_hosts == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                   "No host key fingerprint or known_hosts file for %s",
                   target->host);
      return FALSE;
    }
  if (!gr_ssh_conn_server_key (conn, &fingerprint, &key_type, error))
    return FALSE;
  if (!g_str_equal (fingerprint, target->expected_fingerprint))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_HOST_KEY_MISMATCH,
                   "The host key of %s is %s, not the expected %s: the key "
                   "was changed or the connection is intercepted",
                   target->host, fingerprint, target->expected_fingerprint);
      return FALSE;
    }
  return check_known_hosts (conn, error);
}

/* libssh writes "host" for port 22 and "[host]:port" otherwise, with the
 * host in lower case. */
static char *
known_hosts_name (const GrSshTarget *target)
{
  g_autofree char *host = g_ascii_strdown (target->host, -1);
  guint16 port = target->port ? target->port : GR_SSH_DEFAULT_PORT;

  if (port == GR_SSH_DEFAULT_PORT)
    return g_steal_pointer (&host);
  return g_strdup_printf ("[%s]:%u", host, port);
}

static gboolean
entry_names_host (const char *line, const char *name)
{
  g_autofree char *hosts = g_strndup (line, strcspn (line, " \t"));
  g_auto (GStrv) names = g_strsplit (hosts, ",", -1);

  return g_strv_contains ((const char *const *) names, name);
}

gboolean
gr_ssh_forget_host (const GrSshTarget *target, GError **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&known_hosts_lock);
  g_autofree char *name = NULL;
  g_autofree char *old = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) kept = g_string_new (NULL);

  if (target->known_hosts == NULL)
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                           "No known_hosts file given");
      return FALSE;
    }
  if (!gr_validate_host (target->host, error) ||
      !read_known_hosts (target->known_hosts, &old, error))
    return FALSE;
  name = known_hosts_name (target);
  lines = g_strsplit (old, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && !entry_names_host (lines[i], name))
      g_string_append_printf (kept, "%s\n", lines[i]);
  if (g_str_equal (kept->str, old))
    return TRUE;
  return write_known_hosts (target->known_hosts, kept->str, error);
}
