/* georepctl status: all sessions in a table, or one session in detail
 * with its workers and checkpoint. */
#include "georepctl.h"
#include "gr-names.h"

static gint64
prop_int64 (CtlObject *object, const char *name, gint64 fallback)
{
  gint64 value = fallback;

  g_variant_lookup (object->props, name, "x", &value);
  return value;
}

/* A pending checkpoint's ETA as a time, "-" when unknown or none. */
static char *
format_eta (CtlObject *session)
{
  return ctl_format_time (ctl_prop_uint64 (session, "CheckpointEta"));
}

static void
add_session_row (CtlTable *table, CtlObject *session)
{
  g_autofree char *secondary = ctl_session_secondary (session);
  g_autofree char *synced =
      ctl_format_time (ctl_prop_uint64 (session, "LastSynced"));
  g_autofree char *failures =
      ctl_format_count (ctl_prop_uint64 (session, "Failures"));
  g_autofree char *lag = ctl_format_duration (prop_int64 (session, "Lag", -1));
  g_autofree char *eta = format_eta (session);
  const char *cells[] = {
    ctl_prop_string (session, "PrimaryVolume"),
    secondary,
    ctl_prop_string (session, "Status"),
    ctl_prop_string (session, "Health"),
    synced,
    failures,
    lag,
    eta,
  };

  ctl_table_add_row (table, cells);
}

static const char *const session_headers[] = { "PRIMARY",     "SECONDARY",
                                               "STATUS",      "HEALTH",
                                               "LAST SYNCED", "FAILURES",
                                               "LAG",         "ETA" };

static const char *const worker_headers[] = {
  "NODE",  "BRICK", "SECONDARY NODE", "STATUS",   "CRAWL STATUS", "LAST SYNCED",
  "ENTRY", "DATA",  "META",           "FAILURES", "LAG"
};

static int
status_all (CtlContext *ctx)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sessions =
      ctl_list_objects (ctx, GR_DBUS_INTERFACE_SESSION, &error);
  g_autoptr (CtlTable) table = NULL;

  if (sessions == NULL)
    return ctl_fail (ctx, "listing sessions", error);
  ctl_output_start (ctx);
  if (ctx->json)
    {
      ctl_print_objects_json (ctx, sessions);
      return CTL_EXIT_OK;
    }
  table = ctl_table_new (G_N_ELEMENTS (session_headers), session_headers);
  ctl_table_set_colorizer (table, 2, ctl_status_color);
  ctl_table_set_colorizer (table, 3, ctl_health_color);
  ctl_table_align_right (table, 5);
  ctl_table_align_right (table, 6);
  for (guint i = 0; i < sessions->len; i++)
    add_session_row (table, g_ptr_array_index (sessions, i));
  ctl_table_print (table, ctx);
  ctl_print_count (ctx, sessions->len, "session", "sessions");
  return CTL_EXIT_OK;
}

static void
print_field (const char *label, const char *value, const char *color)
{
  g_print ("%-22s %s%s%s\n", label, color ? color : "", value,
           color ? ctl_color_reset () : "");
}

static void
print_time_field (const char *label, guint64 seconds)
{
  g_autofree char *text = ctl_format_time (seconds);

  print_field (label, text, NULL);
}

static void
print_checkpoint (CtlObject *session)
{
  guint64 time = ctl_prop_uint64 (session, "CheckpointTime");

  if (time == 0)
    {
      print_field ("Checkpoint:", "none", NULL);
      return;
    }
  print_time_field ("Checkpoint:", time);
  print_field ("Checkpoint completed:",
               ctl_prop_boolean (session, "CheckpointCompleted") ? "yes" : "no",
               NULL);
  print_time_field ("Checkpoint completion:",
                    ctl_prop_uint64 (session, "CheckpointCompletionTime"));
  if (!ctl_prop_boolean (session, "CheckpointCompleted"))
    print_time_field ("Checkpoint ETA:",
                      ctl_prop_uint64 (session, "CheckpointEta"));
  if (*ctl_prop_string (session, "CheckpointVerification"))
    print_field ("Checkpoint verified:",
                 ctl_prop_string (session, "CheckpointVerification"), NULL);
}

/* Whether the data really arrives, and the last verification. */
static void
print_health (CtlObject *session)
{
  const char *health = ctl_prop_string (session, "Health");
  const char *message = ctl_prop_string (session, "HealthMessage");
  g_autoptr (GVariant) last = NULL;
  guint64 time = 0;
  guint32 checked = 0, mismatches = 0;
  const char *error = "";
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  print_field ("Health:", health, ctl_health_color (health));
  if (*message)
    print_field ("", message, NULL);
  g_variant_lookup (session->props, "LastVerification", "@a{sv}", &last);
  if (last == NULL || !g_variant_lookup (last, "time", "t", &time))
    {
      print_field ("Last verification:", "never", NULL);
      return;
    }
  g_variant_lookup (last, "files-checked", "u", &checked);
  g_variant_lookup (last, "mismatches", "u", &mismatches);
  g_variant_lookup (last, "error", "&s", &error);
  when = ctl_format_time (time);
  text = *error ? g_strdup_printf ("%s, failed: %s", when, error)
                : g_strdup_printf ("%s, %u files checked, %u differ", when,
                                   checked, mismatches);
  print_field ("Last verification:", text, NULL);
}

/* How far behind, where it goes (docs/api.md "Lag"). */
static void
print_lag (CtlObject *session)
{
  g_autofree char *lag = ctl_format_duration (prop_int64 (session, "Lag", -1));
  const char *trend = ctl_prop_string (session, "LagTrend");
  g_autofree char *text =
      *trend ? g_strdup_printf ("%s (%s)", lag, trend) : g_strdup (lag);

  print_field ("Lag:", text, NULL);
}

static void
print_session_fields (CtlObject *session)
{
  g_autofree char *secondary = ctl_session_secondary (session);
  g_autofree char *failures =
      ctl_format_count (ctl_prop_uint64 (session, "Failures"));
  const char *status = ctl_prop_string (session, "Status");

  print_field ("Primary:", ctl_prop_string (session, "PrimaryVolume"), NULL);
  print_field ("Secondary:", secondary, NULL);
  print_field ("Status:", status, ctl_status_color (status));
  print_time_field ("Last synced:", ctl_prop_uint64 (session, "LastSynced"));
  print_field ("Failures:", failures, NULL);
  print_lag (session);
  print_health (session);
  print_checkpoint (session);
}

static char *
worker_string (GVariant *worker, const char *key)
{
  const char *value = "";

  g_variant_lookup (worker, key, "&s", &value);
  return g_strdup (*value ? value : "-");
}

static char *
worker_count (GVariant *worker, const char *key)
{
  guint64 value = 0;

  g_variant_lookup (worker, key, "t", &value);
  return ctl_format_count (value);
}

static void
add_worker_row (CtlTable *table, GVariant *worker)
{
  guint64 synced = 0;
  g_autofree char *synced_text = NULL;
  gint64 lag = -1;
  g_auto (GStrv) cells = g_new0 (char *, 12);
  const char *const strings[] = { "primary-node", "primary-brick",
                                  "secondary-node", "status", "crawl-status" };
  const char *const counts[] = { "entry", "data", "meta", "failures" };

  g_variant_lookup (worker, "last-synced", "t", &synced);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    cells[i] = worker_string (worker, strings[i]);
  cells[5] = ctl_format_time (synced);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    cells[6 + i] = worker_count (worker, counts[i]);
  g_variant_lookup (worker, "lag", "x", &lag);
  cells[10] = ctl_format_duration (lag);
  ctl_table_add_row (table, (const char *const *) cells);
}

static void
print_workers (CtlContext *ctx, CtlObject *session)
{
  g_autoptr (GVariant) workers = g_variant_lookup_value (
      session->props, "Workers", G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr (CtlTable) table =
      ctl_table_new (G_N_ELEMENTS (worker_headers), worker_headers);

  ctl_table_set_colorizer (table, 3, ctl_status_color);
  for (guint c = 6; c < G_N_ELEMENTS (worker_headers); c++)
    ctl_table_align_right (table, c);
  for (gsize i = 0; workers != NULL && i < g_variant_n_children (workers); i++)
    {
      g_autoptr (GVariant) worker = g_variant_get_child_value (workers, i);

      add_worker_row (table, worker);
    }
  g_print ("\n");
  ctl_table_print (table, ctx);
  ctl_print_count (ctx, ctl_table_get_n_rows (table), "worker", "workers");
}

/* Why each worker last failed (from gsyncd's log on this node, or where
 * to look for a worker of another node): one line each, after the
 * table, so that long messages do not stretch it. */
static void
print_reasons (GVariant *workers)
{
  gboolean any = FALSE;

  for (gsize i = 0; workers != NULL && i < g_variant_n_children (workers); i++)
    {
      g_autoptr (GVariant) worker = g_variant_get_child_value (workers, i);
      const char *reason = NULL, *node = "", *brick = "";
      guint64 time = 0;
      g_autofree char *when = NULL;

      if (!g_variant_lookup (worker, "last-error", "&s", &reason) ||
          *reason == '\0')
        continue;
      g_variant_lookup (worker, "primary-node", "&s", &node);
      g_variant_lookup (worker, "primary-brick", "&s", &brick);
      g_variant_lookup (worker, "last-error-time", "t", &time);
      when = ctl_format_time (time);
      if (!any)
        g_print ("\nReasons:\n");
      any = TRUE;
      g_print ("  %s:%s (%s): %s\n", node, brick, when, reason);
    }
}

static int
status_one (CtlContext *ctx, const char *primary, const char *secondary)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CtlObject) session =
      ctl_find_session (ctx, primary, secondary, &error);

  if (session == NULL)
    return ctl_fail (ctx, "finding the session", error);
  ctl_output_start (ctx);
  if (ctx->json)
    {
      ctl_print_variant_json (ctx, session->props);
      return CTL_EXIT_OK;
    }
  print_session_fields (session);
  print_workers (ctx, session);
  {
    g_autoptr (GVariant) workers = g_variant_lookup_value (
        session->props, "Workers", G_VARIANT_TYPE ("aa{sv}"));

    print_reasons (workers);
  }
  return CTL_EXIT_OK;
}

int
ctl_verb_status (CtlContext *ctx, int argc, char **argv)
{
  const GOptionEntry entries[] = { CTL_COLUMNS_ENTRY (ctx),
                                   G_OPTION_ENTRY_NULL };
  int status;

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  if (argc > 3)
    return ctl_usage (ctx, "too many arguments");
  /* --output= chooses the columns of the sessions, or of the workers of
   * one session. */
  if (argc == 1 && !ctl_columns_ok (ctx, G_N_ELEMENTS (session_headers),
                                    session_headers, &status))
    return status;
  if (argc > 1 && !ctl_columns_ok (ctx, G_N_ELEMENTS (worker_headers),
                                   worker_headers, &status))
    return status;
  if (argc == 1)
    return status_all (ctx);
  return status_one (ctx, argv[1], argc > 2 ? argv[2] : NULL);
}
