/* georepctl config and checkpoint: a session's gsyncd options and its
 * checkpoint. Reading options needs no authorization: the effective ones
 * come from GetEffectiveConfig, the ones set from the Config property. */
#include <string.h>

#include "georepctl-options.h"
#include "georepctl.h"
#include "gr-error.h"
#include "gr-names.h"

/* gluster accepts both spellings; Config uses '-'. */
static char *
normalize_key (const char *key)
{
  return g_strdelimit (g_strdup (key), "_", '-');
}

/* Every effective option (GetEffectiveConfig), or with @set_only the
 * ones set for the session (its Config property): a(ssb) as
 * ctl_options_merge () gives it. */
GVariant *
ctl_read_options (CtlContext *ctx,
                  CtlObject *session,
                  gboolean set_only,
                  const char *key,
                  GError **error)
{
  g_autoptr (GVariant) set = g_variant_lookup_value (session->props, "Config",
                                                     G_VARIANT_TYPE ("a{ss}"));
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) effective = NULL;

  if (set == NULL)
    set = g_variant_ref_sink (g_variant_new_parsed ("@a{ss} {}"));
  if (set_only)
    return g_variant_ref_sink (ctl_options_merge (set, set, key));
  reply = ctl_read_call (
      ctx, session->path, GR_DBUS_INTERFACE_SESSION, "GetEffectiveConfig",
      g_variant_new_parsed ("(@a{sv} {},)"), G_VARIANT_TYPE ("(a{ss})"), error);
  if (reply == NULL)
    return NULL;
  effective = g_variant_get_child_value (reply, 0);
  return g_variant_ref_sink (ctl_options_merge (effective, set, key));
}

static const char *const option_headers[] = { "KEY", "SET", "VALUE" };

static void
print_options_table (CtlContext *ctx, GVariant *options)
{
  g_autoptr (CtlTable) table =
      ctl_table_new (G_N_ELEMENTS (option_headers), option_headers);
  GVariantIter iter;
  const char *cells[3];
  gboolean set;

  g_variant_iter_init (&iter, options);
  while (g_variant_iter_next (&iter, "(&s&sb)", &cells[0], &cells[2], &set))
    {
      cells[1] = set ? "yes" : "no";
      ctl_table_add_row (table, cells);
    }
  ctl_table_print (table, ctx);
  ctl_print_count (ctx, ctl_table_get_n_rows (table), "option", "options");
}

static void
print_options (CtlContext *ctx, GVariant *options)
{
  g_autoptr (JsonNode) node = NULL;

  if (!ctx->json)
    {
      print_options_table (ctx, options);
      return;
    }
  node = ctl_json_options (options);
  ctl_print_json (ctx, node);
}

static int
show_config (CtlContext *ctx,
             CtlObject *session,
             gboolean set_only,
             const char *key)
{
  g_autofree char *normal = key ? normalize_key (key) : NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) options =
      ctl_read_options (ctx, session, set_only, normal, &error);
  const char *value;

  if (options == NULL)
    return ctl_fail (ctx, "reading the options", error);
  if (key != NULL && g_variant_n_children (options) == 0)
    {
      error = g_error_new (GR_ERROR, GR_ERROR_NOT_FOUND,
                           set_only ? "The session has no option %s set"
                                    : "The session has no option %s",
                           key);
      return ctl_fail (ctx, "reading the option", error);
    }
  ctl_output_start (ctx);
  if (key == NULL || ctx->json)
    print_options (ctx, options);
  else
    {
      g_variant_get_child (options, 0, "(&s&sb)", NULL, &value, NULL);
      g_print ("%s\n", value);
    }
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
  gboolean set_only = FALSE;
  const GOptionEntry entries[] = {
    { "reset", 0, 0, G_OPTION_ARG_STRING, &reset, "Reset KEY to its default",
      "KEY" },
    { "set-only", 0, 0, G_OPTION_ARG_NONE, &set_only,
      "Show only the options set for the session, not gluster's defaults",
      NULL },
    CTL_COLUMNS_ENTRY (ctx),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (CtlObject) session = NULL;
  int n, status;

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  if (!ctl_columns_ok (ctx, G_N_ELEMENTS (option_headers), option_headers,
                       &status))
    return status;
  n = ctl_session_arg_count (argc, argv);
  if (n == 0)
    return ctl_usage (ctx, "missing PRIMARY");
  if (argc > n + 3 || (reset != NULL && argc > n + 1))
    return ctl_usage (ctx, "too many arguments");
  if (set_only && (reset != NULL || argc == n + 3))
    return ctl_usage (ctx, "--set-only only goes with reading options");
  session = ctl_find_session (ctx, argv[1], n == 2 ? argv[2] : NULL, &error);
  if (session == NULL)
    return ctl_fail (ctx, "finding the session", error);
  if (reset != NULL)
    return change_config (ctx, session, reset, NULL);
  if (argc == n + 3)
    return change_config (ctx, session, argv[n + 1], argv[n + 2]);
  return show_config (ctx, session, set_only,
                      argc == n + 2 ? argv[n + 1] : NULL);
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
