/* georepctl config and checkpoint: a session's gsyncd options and its
 * checkpoint. Reading options needs no authorization: they come from the
 * session's Config property. */
#include <string.h>

#include "georepctl.h"
#include "gr-error.h"
#include "gr-names.h"

/* gluster accepts both spellings; Config uses '-'. */
static char *
normalize_key (const char *key)
{
  return g_strdelimit (g_strdup (key), "_", '-');
}

static int
compare_keys (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
print_config_table (CtlContext *ctx, GVariant *config)
{
  const char *headers[] = { "KEY", "VALUE" };
  g_autoptr (CtlTable) table = ctl_table_new (2, headers);
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  GVariantIter iter;
  const char *key;

  g_variant_iter_init (&iter, config);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, NULL))
    g_ptr_array_add (keys, (gpointer) key);
  g_ptr_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *value = "";
      const char *cells[] = { g_ptr_array_index (keys, i), NULL };

      g_variant_lookup (config, cells[0], "&s", &value);
      cells[1] = value;
      ctl_table_add_row (table, cells);
    }
  ctl_table_print (table, !ctx->no_legend);
  ctl_print_count (ctx, keys->len, "option", "options");
}

static int
show_config (CtlContext *ctx, CtlObject *session, const char *key)
{
  g_autoptr (GVariant) config = g_variant_lookup_value (
      session->props, "Config", G_VARIANT_TYPE ("a{ss}"));
  g_autofree char *normal = key ? normalize_key (key) : NULL;
  const char *value;

  if (config == NULL)
    config = g_variant_ref_sink (
        g_variant_new_array (G_VARIANT_TYPE ("{ss}"), NULL, 0));
  if (key == NULL)
    {
      if (ctx->json)
        ctl_print_variant_json (config);
      else
        print_config_table (ctx, config);
      return CTL_EXIT_OK;
    }
  if (!g_variant_lookup (config, normal, "&s", &value))
    {
      g_autoptr (GError) error = g_error_new (
          GR_ERROR, GR_ERROR_NOT_FOUND, "The session has no option %s", key);

      return ctl_fail (ctx, "reading the option", error);
    }
  if (ctx->json)
    {
      g_autoptr (CtlJson) json = ctl_json_new_for_stdout ();

      ctl_json_begin_object (json);
      ctl_json_set_member (json, normal);
      ctl_json_add_string (json, value);
      ctl_json_end_object (json);
      ctl_print_json (json);
    }
  else
    g_print ("%s\n", value);
  return CTL_EXIT_OK;
}

static int
change_config (CtlContext *ctx,
               CtlObject *session,
               const char *key,
               const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *what = NULL;
  GVariantBuilder options;

  ctl_options_init (ctx, &options);
  if (value != NULL)
    reply = ctl_call (
        ctx, session->path, GR_DBUS_INTERFACE_SESSION, "SetConfig",
        g_variant_new ("(ssa{sv})", key, value, &options), NULL, &error);
  else
    reply =
        ctl_call (ctx, session->path, GR_DBUS_INTERFACE_SESSION, "ResetConfig",
                  g_variant_new ("(sa{sv})", key, &options), NULL, &error);
  if (reply != NULL)
    return CTL_EXIT_OK;
  what = g_strdup_printf ("%s option %s", value ? "setting" : "resetting", key);
  return ctl_fail (ctx, what, error);
}

int
ctl_verb_config (CtlContext *ctx, int argc, char **argv)
{
  g_autofree char *reset = NULL;
  const GOptionEntry entries[] = { { "reset", 0, 0, G_OPTION_ARG_STRING, &reset,
                                     "Reset KEY to its default", "KEY" },
                                   G_OPTION_ENTRY_NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (CtlObject) session = NULL;
  int n;

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  n = ctl_session_arg_count (argc, argv);
  if (n == 0)
    return ctl_usage (ctx, "missing PRIMARY");
  if (argc > n + 3 || (reset != NULL && argc > n + 1))
    return ctl_usage (ctx, "too many arguments");
  session = ctl_find_session (ctx, argv[1], n == 2 ? argv[2] : NULL, &error);
  if (session == NULL)
    return ctl_fail (ctx, "finding the session", error);
  if (reset != NULL)
    return change_config (ctx, session, reset, NULL);
  if (argc == n + 3)
    return change_config (ctx, session, argv[n + 1], argv[n + 2]);
  return show_config (ctx, session, argc == n + 2 ? argv[n + 1] : NULL);
}

/* 'YYYY-MM-DD HH:MM:SS' in the local time zone (TZ), as date(1) prints
 * it; an ISO 8601 offset or Z overrides the zone. */
static gboolean
parse_checkpoint_time (const char *text, guint64 *seconds)
{
  g_autofree char *iso = g_strdup (text);
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  g_autoptr (GDateTime) time = NULL;

  if (strlen (iso) > 10 && iso[10] == ' ')
    iso[10] = 'T';
  time = g_date_time_new_from_iso8601 (iso, local);
  if (time == NULL || g_date_time_to_unix (time) <= 0)
    return FALSE;
  *seconds = (guint64) g_date_time_to_unix (time);
  return TRUE;
}

static int
set_checkpoint (CtlContext *ctx, CtlObject *session, guint64 seconds)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  GVariantBuilder options;

  ctl_options_init (ctx, &options);
  /* No time option means now, by the service's clock. */
  if (seconds != 0)
    g_variant_builder_add (&options, "{sv}", "time",
                           g_variant_new_uint64 (seconds));
  reply =
      ctl_call (ctx, session->path, GR_DBUS_INTERFACE_SESSION, "SetCheckpoint",
                g_variant_new ("(a{sv})", &options), NULL, &error);
  if (reply == NULL)
    return ctl_fail (ctx, "setting the checkpoint", error);
  return CTL_EXIT_OK;
}

int
ctl_verb_checkpoint (CtlContext *ctx, int argc, char **argv)
{
  g_autofree char *time = NULL;
  const GOptionEntry entries[] = { { "time", 0, 0, G_OPTION_ARG_STRING, &time,
                                     "The checkpoint, 'YYYY-MM-DD HH:MM:SS' in "
                                     "local time, or now (the default)",
                                     "TIME" },
                                   G_OPTION_ENTRY_NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (CtlObject) session = NULL;
  guint64 seconds = 0;
  int n;

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  n = ctl_session_arg_count (argc, argv);
  if (n == 0 || argc != n + 1)
    return ctl_usage (ctx, "expected PRIMARY [[USER@]HOST::SECONDARY]");
  if (time != NULL && !g_str_equal (time, "now") &&
      !parse_checkpoint_time (time, &seconds))
    return ctl_usage (ctx, "'%s' is not 'YYYY-MM-DD HH:MM:SS' nor now", time);
  session = ctl_find_session (ctx, argv[1], n == 2 ? argv[2] : NULL, &error);
  if (session == NULL)
    return ctl_fail (ctx, "finding the session", error);
  return set_checkpoint (ctx, session, seconds);
}
