/* georepd: root's key pair and the public key lines the service installs.
 *
 * A key line goes into a remote authorized_keys file, where options such as
 * command="…" or from="…" would change what the key allows; only the bare
 * "type base64 [comment]" form passes. */
#include <string.h>
#include <unistd.h>

#include "gr-error.h"
#include "gr-ssh-private.h"

#define KEY_LINE_MAX 16384
#define DEFAULT_COMMENT "root@georepd"

/* Two callers must not both create a key pair and return different ones. */
static GMutex root_key_lock;

static gboolean
refuse_line (GError **error, const char *why)
{
  g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
               "Invalid public key line: %s", why);
  return FALSE;
}

static gboolean
is_key_type (const char *type)
{
  static const char *const types[] = {
    "ssh-ed25519",         "ssh-rsa",
    "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521", NULL,
  };

  return g_strv_contains (types, type);
}

static gboolean
is_base64 (const char *text)
{
  gsize len = strlen (text);
  gsize data = strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                             "abcdefghijklmnopqrstuvwxyz0123456789+/");

  return len > 0 && len % 4 == 0 && data + 2 >= len &&
         strspn (text + data, "=") == len - data;
}

static gboolean
is_comment (const char *comment)
{
  for (const char *p = comment; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("@._+-=:,/ ", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* The blob starts with its own type as an SSH string; it must agree with
 * the first field, and libssh must be able to parse the key. */
static gboolean
blob_matches_type (const char *type, const char *b64)
{
  gsize len = 0;
  g_autofree guchar *blob = g_base64_decode (b64, &len);
  g_auto (ssh_key) key = NULL;
  guint32 type_len;

  if (len < 4)
    return FALSE;
  type_len = (guint32) blob[0] << 24 | blob[1] << 16 | blob[2] << 8 | blob[3];
  if (type_len != strlen (type) || len - 4 < type_len ||
      memcmp (blob + 4, type, type_len) != 0)
    return FALSE;
  return ssh_pki_import_pubkey_base64 (b64, ssh_key_type_from_name (type),
                                       &key) == SSH_OK &&
         g_str_equal (ssh_key_type_to_char (ssh_key_type (key)), type);
}

gboolean
gr_ssh_validate_key_line (const char *line, GError **error)
{
  g_auto (GStrv) fields = NULL;

  if (line == NULL || *line == '\0')
    return refuse_line (error, "empty");
  if (strlen (line) > KEY_LINE_MAX)
    return refuse_line (error, "too long");
  for (const char *p = line; *p; p++)
    if (!g_ascii_isprint (*p))
      return refuse_line (error, "contains control or non-ASCII characters");
  fields = g_strsplit (line, " ", 3);
  if (!is_key_type (fields[0]))
    return refuse_line (error, "must start with ssh-ed25519, ssh-rsa or "
                               "ecdsa-sha2-*; options are not allowed");
  if (fields[1] == NULL || !is_base64 (fields[1]))
    return refuse_line (error, "the key is not base64");
  if (fields[2] != NULL && !is_comment (fields[2]))
    return refuse_line (error, "the comment may only contain letters, "
                               "digits, spaces and @._+-=:,/");
  if (!blob_matches_type (fields[0], fields[1]))
    return refuse_line (error, "the key data is not a key of that type");
  return TRUE;
}

/* The comment of the existing .pub file, if it has a usable one. */
static char *
read_comment (const char *pub_path)
{
  g_autofree char *contents = NULL;
  g_auto (GStrv) fields = NULL;

  if (!g_file_get_contents (pub_path, &contents, NULL, NULL))
    return NULL;
  g_strstrip (contents);
  fields = g_strsplit (contents, " ", 3);
  if (fields[0] == NULL || fields[1] == NULL || fields[2] == NULL ||
      strchr (fields[2], '\n') != NULL || !is_comment (fields[2]))
    return NULL;
  return g_strdup (fields[2]);
}

static char *
public_key_line (ssh_key key, const char *comment, GError **error)
{
  g_auto (ssh_key) pub = NULL;
  char *b64 = NULL;
  char *line;

  if (ssh_pki_export_privkey_to_pubkey (key, &pub) != SSH_OK ||
      ssh_pki_export_pubkey_base64 (pub, &b64) != SSH_OK)
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_FAILED,
                           "Cannot export the public key");
      return NULL;
    }
  line = g_strjoin (" ", ssh_key_type_to_char (ssh_key_type (pub)), b64,
                    comment, NULL);
  ssh_string_free_char (b64);
  return line;
}

/* The public line is derived from the private key, which is what logs in;
 * only the comment is taken from the .pub file. */
static gboolean
use_existing_key (const char *path,
                  char **line,
                  char **identity_path,
                  GError **error)
{
  g_auto (ssh_key) key = NULL;
  g_autofree char *pub_path = g_strconcat (path, ".pub", NULL);
  g_autofree char *comment = read_comment (pub_path);
  g_autofree char *result = NULL;

  if (ssh_pki_import_privkey_file (path, NULL, NULL, NULL, &key) != SSH_OK)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Cannot use %s: unreadable, not a private key or "
                   "protected by a passphrase",
                   path);
      return FALSE;
    }
  result = public_key_line (key, comment ? comment : DEFAULT_COMMENT, error);
  if (result == NULL || !gr_ssh_validate_key_line (result, error))
    return FALSE;
  *line = g_steal_pointer (&result);
  *identity_path = g_strdup (path);
  return TRUE;
}

static char *
default_comment (void)
{
  const char *host = g_get_host_name ();

  if (!is_comment (host) || strchr (host, ' ') != NULL)
    return g_strdup (DEFAULT_COMMENT);
  return g_strconcat ("root@", host, NULL);
}

static gboolean
write_file (const char *path, const char *contents, int mode, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (g_file_set_contents_full (path, contents, -1,
                                G_FILE_SET_CONTENTS_CONSISTENT |
                                    G_FILE_SET_CONTENTS_DURABLE,
                                mode, &local_error))
    return TRUE;
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "Cannot write %s: %s", path,
               local_error->message);
  return FALSE;
}

/* The private key is written from memory with mode 0600 from the start:
 * ssh_pki_export_privkey_file () would create it with the process umask. */
static gboolean
write_private_key (ssh_key key, const char *path, GError **error)
{
  char *pem = NULL;
  gboolean written;

  if (ssh_pki_export_privkey_base64 (key, NULL, NULL, NULL, &pem) != SSH_OK)
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_FAILED,
                           "Cannot export the new private key");
      return FALSE;
    }
  written = write_file (path, pem, 0600, error);
  explicit_bzero (pem, strlen (pem));
  ssh_string_free_char (pem);
  return written;
}

static gboolean
create_key (const char *ssh_dir,
            char **line,
            char **identity_path,
            GError **error)
{
  g_autofree char *path = g_build_filename (ssh_dir, "id_ed25519", NULL);
  g_autofree char *pub_path = g_strconcat (path, ".pub", NULL);
  g_autofree char *comment = default_comment ();
  g_autofree char *result = NULL;
  g_autofree char *pub_contents = NULL;
  g_auto (ssh_key) key = NULL;

  if (g_mkdir_with_parents (ssh_dir, 0700) < 0 ||
      ssh_pki_generate (SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Cannot create a key pair in %s", ssh_dir);
      return FALSE;
    }
  if (!write_private_key (key, path, error) ||
      (result = public_key_line (key, comment, error)) == NULL)
    return FALSE;
  pub_contents = g_strconcat (result, "\n", NULL);
  if (!write_file (pub_path, pub_contents, 0644, error))
    return FALSE;
  *line = g_steal_pointer (&result);
  *identity_path = g_steal_pointer (&path);
  return TRUE;
}

gboolean
gr_ssh_root_key (const char *ssh_dir,
                 char **public_key_line,
                 char **identity_path,
                 GError **error)
{
  static const char *const names[] = { "id_ed25519", "id_rsa" };
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&root_key_lock);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (ssh_dir, names[i], NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return use_existing_key (path, public_key_line, identity_path, error);
    }
  return create_key (ssh_dir, public_key_line, identity_path, error);
}
