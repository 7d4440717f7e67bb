/* georepd: caller input validation (the rules of docs/api.md, "Options and
 * errors"). The rules are narrower than what gluster accepts on purpose:
 * anything that passes here is safe as a single argv element of the gluster
 * CLI. */
#include <string.h>

#include "gr-error.h"
#include "gr-validate.h"

static gboolean
refuse (GError **error, const char *what, const char *why)
{
  g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT, "Invalid %s: %s",
               what, why);
  return FALSE;
}

static gboolean
is_alnum_ascii (char c)
{
  return g_ascii_isalnum (c);
}

gboolean
gr_validate_volume (const char *name, GError **error)
{
  if (name == NULL || *name == '\0')
    return refuse (error, "volume name", "empty");
  if (strlen (name) > GR_VOLUME_NAME_MAX)
    return refuse (error, "volume name", "longer than 64 characters");
  if (name[0] == '-')
    return refuse (error, "volume name", "starts with '-'");
  for (const char *p = name; *p; p++)
    if (!is_alnum_ascii (*p) && *p != '_' && *p != '-')
      return refuse (error, "volume name",
                     "only letters, digits, '_' and '-' are allowed");
  return TRUE;
}

/* One RFC 1123 label: 1–63 letters, digits and '-', no '-' at either end. */
static gboolean
is_host_label (const char *label, gsize len)
{
  if (len == 0 || len > 63 || label[0] == '-' || label[len - 1] == '-')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!is_alnum_ascii (label[i]) && label[i] != '-')
      return FALSE;
  return TRUE;
}

static gboolean
is_host_name (const char *host)
{
  gsize total = strlen (host);

  if (total > 253)
    return FALSE;
  for (const char *start = host;;)
    {
      const char *dot = strchr (start, '.');
      gsize len = dot ? (gsize) (dot - start) : strlen (start);

      if (!is_host_label (start, len))
        return FALSE;
      if (dot == NULL)
        return TRUE;
      start = dot + 1;
    }
}

gboolean
gr_validate_host (const char *host, GError **error)
{
  if (host == NULL || *host == '\0')
    return refuse (error, "host", "empty");
  if (host[0] == '-')
    return refuse (error, "host", "starts with '-'");
  if (g_hostname_is_ip_address (host) && strchr (host, '%') == NULL)
    return TRUE;
  if (!is_host_name (host))
    return refuse (error, "host",
                   "not an RFC 1123 host name nor an IP address");
  return TRUE;
}

gboolean
gr_validate_user (const char *user, GError **error)
{
  if (user == NULL || *user == '\0')
    return refuse (error, "user name", "empty");
  if (strlen (user) > GR_USER_NAME_MAX)
    return refuse (error, "user name", "longer than 32 characters");
  if (user[0] == '-')
    return refuse (error, "user name", "starts with '-'");
  /* POSIX portable user names: letters, digits, '.', '_' and '-'. */
  for (const char *p = user; *p; p++)
    if (!is_alnum_ascii (*p) && *p != '.' && *p != '_' && *p != '-')
      return refuse (error, "user name",
                     "only letters, digits, '.', '_' and '-' are allowed");
  return TRUE;
}

gboolean
gr_validate_config_value (const char *value, GError **error)
{
  if (value == NULL)
    return refuse (error, "config value", "missing");
  if (strlen (value) > GR_CONFIG_VALUE_MAX)
    return refuse (error, "config value", "longer than 4096 bytes");
  if (!g_utf8_validate (value, -1, NULL))
    return refuse (error, "config value", "not UTF-8");
  for (const char *p = value; *p; p++)
    if (g_ascii_iscntrl (*p))
      return refuse (error, "config value", "contains control characters");
  return TRUE;
}

/* "SHA256:" and 43 characters of unpadded base64, as ssh-keygen -l
 * prints it. */
gboolean
gr_validate_fingerprint (const char *fingerprint, GError **error)
{
  const char *b64;

  if (fingerprint == NULL || !g_str_has_prefix (fingerprint, "SHA256:"))
    return refuse (error, "fingerprint", "must start with SHA256:");
  b64 = fingerprint + strlen ("SHA256:");
  if (strlen (b64) != 43)
    return refuse (error, "fingerprint", "not a SHA256 fingerprint");
  for (const char *p = b64; *p; p++)
    if (!is_alnum_ascii (*p) && *p != '+' && *p != '/')
      return refuse (error, "fingerprint", "not base64");
  return TRUE;
}

gboolean
gr_validate_uuid (const char *uuid, GError **error)
{
  static const gsize dashes[] = { 8, 13, 18, 23 };

  if (uuid == NULL || strlen (uuid) != 36)
    return refuse (error, "node uuid", "not 36 characters");
  for (gsize i = 0; i < 36; i++)
    {
      gboolean dash = FALSE;

      for (gsize d = 0; d < G_N_ELEMENTS (dashes); d++)
        dash |= i == dashes[d];
      if (dash ? uuid[i] != '-' : !g_ascii_isxdigit (uuid[i]))
        return refuse (error, "node uuid", "not hex digits in 8-4-4-4-12");
    }
  return TRUE;
}
