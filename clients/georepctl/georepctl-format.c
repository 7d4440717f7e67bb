/* georepctl: the values of the options that shape the output (--json=,
 * --legend=, --output=), parsed; errors are G_OPTION_ERROR_BAD_VALUE,
 * which georepctl reports as wrong usage (exit 2). */
#include <glib/gi18n.h>

#include "georepctl-format.h"

gboolean
ctl_json_mode_parse (const char *text,
                     gboolean on_terminal,
                     CtlJsonMode *mode,
                     GError **error)
{
  if (text == NULL)
    *mode = on_terminal ? CTL_JSON_PRETTY : CTL_JSON_SHORT;
  else if (g_str_equal (text, "short"))
    *mode = CTL_JSON_SHORT;
  else if (g_str_equal (text, "pretty"))
    *mode = CTL_JSON_PRETTY;
  else if (g_str_equal (text, "off"))
    *mode = CTL_JSON_OFF;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("--json takes short, pretty or off, not '%s'"), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
ctl_boolean_parse (const char *text, gboolean *value, GError **error)
{
  static const char *const yes[] = { "yes", "true", "on", "1", NULL };
  static const char *const no[] = { "no", "false", "off", "0", NULL };
  g_autofree char *lower = g_ascii_strdown (text ? text : "", -1);

  if (g_strv_contains (yes, lower) || g_strv_contains (no, lower))
    {
      *value = g_strv_contains (yes, lower);
      return TRUE;
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _ ("expected yes or no, not '%s'"), text ? text : "");
  return FALSE;
}

char *
ctl_column_name (const char *header)
{
  char *name = g_ascii_strdown (header, -1);

  return g_strdelimit (name, " _", '-');
}

char *
ctl_columns_list (guint n_headers, const char *const *headers)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < n_headers; i++)
    {
      g_autofree char *name = ctl_column_name (headers[i]);

      g_string_append_printf (text, "%s%s", i ? "," : "", name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The index of @word among @headers, or -1. */
static int
find_column (const char *word, guint n_headers, const char *const *headers)
{
  g_autofree char *wanted = ctl_column_name (word);

  for (guint i = 0; i < n_headers; i++)
    {
      g_autofree char *name = ctl_column_name (headers[i]);

      if (g_str_equal (name, wanted))
        return (int) i;
    }
  return -1;
}

static gboolean
add_column (GArray *columns,
            const char *word,
            guint n_headers,
            const char *const *headers,
            GError **error)
{
  int index = find_column (word, n_headers, headers);
  g_autofree char *names = NULL;

  for (guint i = 0; index >= 0 && i < columns->len; i++)
    if (g_array_index (columns, guint, i) == (guint) index)
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _ ("column '%s' given twice"), word);
        return FALSE;
      }
  if (index >= 0)
    {
      g_array_append_val (columns, index);
      return TRUE;
    }
  names = ctl_columns_list (n_headers, headers);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _ ("no column '%s'; the columns are %s"), word, names);
  return FALSE;
}

GArray *
ctl_columns_parse (const char *spec,
                   guint n_headers,
                   const char *const *headers,
                   GError **error)
{
  g_autoptr (GArray) columns = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto (GStrv) words = g_strsplit (spec, ",", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_strstrip (words[i]);
      if (!add_column (columns, words[i], n_headers, headers, error))
        return NULL;
    }
  if (columns->len == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("--output needs at least one column"));
      return NULL;
    }
  return g_steal_pointer (&columns);
}

char *
ctl_format_duration (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup ("-");
  if (seconds < 60)
    return g_strdup_printf ("%" G_GINT64_FORMAT "s", seconds);
  if (seconds < 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT "m%02ds", seconds / 60,
                            (int) (seconds % 60));
  if (seconds < 86400)
    return g_strdup_printf ("%" G_GINT64_FORMAT "h%02dm", seconds / 3600,
                            (int) (seconds % 3600 / 60));
  return g_strdup_printf ("%" G_GINT64_FORMAT "d%02dh", seconds / 86400,
                          (int) (seconds % 86400 / 3600));
}
