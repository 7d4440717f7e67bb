/* georepd: object path labels.
 *
 * Letters and digits stand for themselves; every other byte becomes "_hh"
 * (two lowercase hex digits), so "_" is always followed by hex and the
 * encoding can be read back. A session is labelled by
 * "PRIMARY::HOST::SECONDARY" as gluster's own grammar writes it: volume
 * names cannot contain ':', so the first and last "::" split it even when
 * HOST is an IPv6 literal. A destination by "USER@HOST". */
#include <string.h>

#include "gr-label.h"
#include "gr-names.h"

/* Without printf, and exactly as long as it needs to be: a refresh
 * labels every session of gluster's answer, a thousand of them, and the
 * session keeps its label. */
char *
gr_label_escape (const char *text)
{
  static const char hex[] = "0123456789abcdef";
  gsize length = 0;
  char *label, *out;

  for (const guchar *p = (const guchar *) text; *p; p++)
    length += g_ascii_isalnum (*p) ? 1 : 3;
  if (length == 0)
    return g_strdup ("_");
  out = label = g_malloc (length + 1);
  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          *out++ = (char) *p;
          continue;
        }
      *out++ = '_';
      *out++ = hex[*p >> 4];
      *out++ = hex[*p & 0xf];
    }
  *out = '\0';
  return label;
}

char *
gr_label_unescape (const char *label)
{
  GString *text = g_string_sized_new (strlen (label));

  if (g_str_equal (label, "_"))
    return g_string_free (text, FALSE);
  for (const char *p = label; *p; p++)
    {
      int hi, lo;

      if (g_ascii_isalnum (*p))
        {
          g_string_append_c (text, *p);
          continue;
        }
      if (*p != '_' || (hi = g_ascii_xdigit_value (p[1])) < 0 ||
          (lo = g_ascii_xdigit_value (p[2])) < 0 || (hi == 0 && lo == 0))
        {
          g_string_free (text, TRUE);
          return NULL;
        }
      g_string_append_c (text, (char) (hi << 4 | lo));
      p += 2;
    }
  return g_string_free (text, FALSE);
}

char *
gr_session_label (const char *primary, const char *host, const char *secondary)
{
  g_autofree char *id =
      g_strconcat (primary, "::", host, "::", secondary, NULL);

  return gr_label_escape (id);
}

gboolean
gr_session_label_parse (const char *label,
                        char **primary,
                        char **host,
                        char **secondary)
{
  g_autofree char *id = gr_label_unescape (label);
  const char *first, *last;

  if (id == NULL || (first = strstr (id, "::")) == NULL)
    return FALSE;
  last = g_strrstr (id, "::");
  if (last <= first + 2)
    return FALSE;
  *primary = g_strndup (id, first - id);
  *host = g_strndup (first + 2, last - first - 2);
  *secondary = g_strdup (last + 2);
  return TRUE;
}

char *
gr_session_path (const char *primary, const char *host, const char *secondary)
{
  g_autofree char *label = gr_session_label (primary, host, secondary);

  return g_strconcat (GR_DBUS_PATH_SESSIONS "/", label, NULL);
}

char *
gr_destination_label (const char *user, const char *host)
{
  g_autofree char *id = g_strconcat (user, "@", host, NULL);

  return gr_label_escape (id);
}

char *
gr_destination_path (const char *user, const char *host)
{
  g_autofree char *label = gr_destination_label (user, host);

  return g_strconcat (GR_DBUS_PATH_DESTINATIONS "/", label, NULL);
}
