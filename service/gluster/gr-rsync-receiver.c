/* georepd: whether gsyncd's rsync really writes on the secondary
 * (gr-rsync-receiver.h). */
#include <string.h>

#include "gr-rsync-receiver.h"

/* The first release whose receiver resolves its destination by text. */
static const guint first_affected[] = { 3, 5, 0 };

char *
gr_rsync_parse_version (const char *output)
{
  g_auto (GStrv) words = NULL;
  g_autofree char *line = NULL;
  const char *end;

  if (output == NULL || !g_str_has_prefix (output, "rsync "))
    return NULL;
  end = strchr (output, '\n');
  line = end ? g_strndup (output, end - output) : g_strdup (output);
  words = g_strsplit_set (line, " \t", -1);
  /* The first "version" is rsync's; a later one is the protocol's. */
  for (guint i = 0; words[i] && words[i + 1]; i++)
    if (g_str_equal (words[i], "version"))
      return g_ascii_isdigit (words[i + 1][0]) && strlen (words[i + 1]) <= 32
                 ? g_strdup (words[i + 1])
                 : NULL;
  return NULL;
}

/* Compares "3.4.1" (or "3.5.0dev") with first_affected. */
static gboolean
version_at_least_first_affected (const char *version)
{
  const char *p = version;

  for (guint i = 0; i < G_N_ELEMENTS (first_affected); i++)
    {
      char *end = NULL;
      guint64 part = g_ascii_strtoull (p, &end, 10);

      if (end == p)
        return FALSE;
      if (part != first_affected[i])
        return part > first_affected[i];
      if (*end != '.')
        return i + 1 == G_N_ELEMENTS (first_affected);
      p = end + 1;
    }
  return TRUE;
}

gboolean
gr_rsync_receiver_resolves_cwd_by_text (const char *version)
{
  if (version == NULL || !g_ascii_isdigit (*version))
    return FALSE;
  return version_at_least_first_affected (version);
}

gboolean
gr_rsync_options_follow_cwd (const char *options)
{
  g_auto (GStrv) words = NULL;

  if (options == NULL)
    return FALSE;
  words = g_strsplit_set (options, " \t", -1);
  for (guint i = 0; words[i]; i++)
    if (g_str_equal (words[i], "--remote-option=--insecure-links") ||
        g_str_equal (words[i], "-M--insecure-links") ||
        ((g_str_equal (words[i], "--remote-option") ||
          g_str_equal (words[i], "-M")) &&
         words[i + 1] && g_str_equal (words[i + 1], "--insecure-links")))
      return TRUE;
  return FALSE;
}

gboolean
gr_rsync_session_leaves_files_empty (const char *sync_method,
                                     const char *rsync_options,
                                     const char *remote_version)
{
  if (sync_method != NULL && *sync_method != '\0' &&
      !g_str_equal (sync_method, "rsync"))
    return FALSE;
  return gr_rsync_receiver_resolves_cwd_by_text (remote_version) &&
         !gr_rsync_options_follow_cwd (rsync_options);
}
