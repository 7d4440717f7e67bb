/* georepd: the webhook's secret.
 *
 * Anyone on this machine can connect to 127.0.0.1, and a web page can
 * make a browser POST there; only glustereventsd, given the URL by the
 * administrator, knows the path. The URL is kept in a file of mode 0600
 * in the state directory, which only root reads, and never logged.
 * Beside it, the token each post must carry (gr-events-auth.c): the
 * secret path alone is not enough once the listener listens where other
 * machines reach it. */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "gr-error.h"
#include "gr-events-secret.h"

#define SECRET_BYTES 32
#define URL_PREFIX "http://"

/* "/" and 64 lowercase hex digits. */
static gboolean
is_secret (const char *path)
{
  if (path == NULL || path[0] != '/' || strlen (path) != 1 + 2 * SECRET_BYTES)
    return FALSE;
  for (const char *p = path + 1; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* SECRET_BYTES from the kernel's random source, as hex digits after
 * @prefix. */
static char *
new_secret (const char *prefix, GError **error)
{
  guint8 bytes[SECRET_BYTES];
  GString *text = g_string_new (prefix);

  if (getrandom (bytes, sizeof bytes, 0) != sizeof bytes)
    {
      int saved_errno = errno;

      g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                   "Cannot make the events secret: %s",
                   g_strerror (saved_errno));
      g_string_free (text, TRUE);
      return NULL;
    }
  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (text, "%02x", bytes[i]);
  return g_string_free (text, FALSE);
}

static gboolean
write_private (const char *state_dir,
               const char *file,
               const char *text,
               GError **error)
{
  g_autoptr (GError) local = NULL;

  if (g_mkdir_with_parents (state_dir, 0700) == 0 &&
      g_file_set_contents_full (file, text, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                0600, &local))
    return TRUE;
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "Cannot write %s: %s", file,
               local ? local->message : g_strerror (errno));
  return FALSE;
}

/* The secret path in a URL file written earlier, or NULL. */
static char *
read_secret (const char *file)
{
  g_autofree char *url = NULL;
  const char *path;

  if (!g_file_get_contents (file, &url, NULL, NULL))
    return NULL;
  g_strstrip (url);
  path = g_str_has_prefix (url, URL_PREFIX)
             ? strchr (url + strlen (URL_PREFIX), '/')
             : NULL;
  return is_secret (path) ? g_strdup (path) : NULL;
}

char *
gr_events_secret_path (const char *state_dir,
                       const char *authority,
                       GError **error)
{
  g_autofree char *file =
      g_build_filename (state_dir, GR_EVENTS_URL_FILE, NULL);
  g_autofree char *secret = read_secret (file);
  g_autofree char *url = NULL;

  if (secret == NULL && (secret = new_secret ("/", error)) == NULL)
    return NULL;
  url = g_strdup_printf (URL_PREFIX "%s%s\n", authority, secret);
  if (!write_private (state_dir, file, url, error))
    return NULL;
  return g_steal_pointer (&secret);
}

/* SECRET_BYTES as lowercase hex digits. */
static gboolean
is_token (const char *text)
{
  if (text == NULL || strlen (text) != 2 * SECRET_BYTES)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

char *
gr_events_secret_token (const char *state_dir, GError **error)
{
  g_autofree char *file =
      g_build_filename (state_dir, GR_EVENTS_TOKEN_FILE, NULL);
  g_autofree char *token = NULL;
  g_autofree char *line = NULL;

  if (g_file_get_contents (file, &token, NULL, NULL) &&
      is_token (g_strstrip (token)))
    return g_steal_pointer (&token);
  g_clear_pointer (&token, g_free);
  if ((token = new_secret ("", error)) == NULL)
    return NULL;
  line = g_strconcat (token, "\n", NULL);
  if (!write_private (state_dir, file, line, error))
    return NULL;
  return g_steal_pointer (&token);
}

gboolean
gr_events_secret_matches (const char *secret, const char *path)
{
  gsize len = strlen (secret);
  guint8 diff = 0;

  if (strlen (path) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    diff |= (guint8) (secret[i] ^ path[i]);
  return diff == 0;
}
