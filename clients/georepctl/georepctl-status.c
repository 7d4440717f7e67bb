/* georepctl status: all sessions in a table, or one session in detail
 * with its workers and checkpoint. */
#include "georepctl.h"
#include "gr-names.h"

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
  g_autofree char *lag =
      ctl_format_duration (ctl_prop_int64 (session, "Lag", -1));
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

/* English, the names --output= takes; shown translated. */
static const char *const session_headers[] = {
  /* Translators: the column headers (context "column") of georepctl's
   * tables are upper case, as in English; --output= takes the English
   * names in every language. */
  NC_ ("column", "PRIMARY"),     NC_ ("column", "SECONDARY"),
  NC_ ("column", "STATUS"),      NC_ ("column", "HEALTH"),
  NC_ ("column", "LAST SYNCED"), NC_ ("column", "FAILURES"),
  NC_ ("column", "LAG"),         NC_ ("column", "ETA")
};

static const char *const worker_headers[] = { NC_ ("column", "NODE"),
                                              NC_ ("column", "BRICK"),
                                              NC_ ("column", "SECONDARY NODE"),
                                              NC_ ("column", "STATUS"),
                                              NC_ ("column", "CRAWL STATUS"),
                                              NC_ ("column", "LAST SYNCED"),
                                              NC_ ("column", "ENTRY"),
                                              NC_ ("column", "DATA"),
                                              NC_ ("column", "META"),
                                              NC_ ("column", "FAILURES"),
                                              NC_ ("column", "LAG") };

/* What the table shows (add_session_row): asking for these alone spares
 * the service and georepctl the Workers of every session. */
static const char *const session_row_properties[] = { "PrimaryVolume",
                                                      "SecondaryUser",
                                                      "SecondaryHost",
                                                      "SecondaryVolume",
                                                      "Status",
                                                      "Health",
                                                      "LastSynced",
                                                      "Failures",
                                                      "Lag",
                                                      "CheckpointEta",
                                                      NULL };

static int
status_all (CtlContext *ctx)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sessions = ctl_list_sessions (
      ctx, ctx->json ? NULL : session_row_properties, &error);
  g_autoptr (CtlTable) table = NULL;

  if (sessions == NULL)
    return ctl_fail (ctx, _ ("listing sessions"), error);
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
  ctl_print_count (
      ctx,
      ngettext ("%u session listed.", "%u sessions listed.", sessions->len),
      sessions->len);
  return CTL_EXIT_OK;
}

/* The detail view: "Label:  value" lines, the values aligned after the
 * longest label, which depends on the language. */
typedef struct {
  char *label; /* translated */
  char *value;
  const char *color;
} Field;

static void
field_free (Field *field)
{
  g_free (field->label);
  g_free (field->value);
  g_free (field);
}

static GPtrArray *
fields_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
}

static void
add_field (GPtrArray *fields,
           const char *label,
           const char *value,
           const char *color)
{
  Field *field = g_new0 (Field, 1);

  field->label = g_strdup (label);
  field->value = g_strdup (value);
  field->color = color;
  g_ptr_array_add (fields, field);
}

static void
add_time_field (GPtrArray *fields, const char *label, guint64 seconds)
{
  g_autofree char *text = ctl_format_time (seconds);

  add_field (fields, label, text, NULL);
}

static void
print_fields (GPtrArray *fields)
{
  glong width = 0;

  for (guint i = 0; i < fields->len; i++)
    width =
        MAX (width, g_utf8_strlen (((Field *) fields->pdata[i])->label, -1));
  for (guint i = 0; i < fields->len; i++)
    {
      Field *field = fields->pdata[i];
      int pad = (int) (width - g_utf8_strlen (field->label, -1));

      g_print ("%s%*s %s%s%s\n", field->label, pad, "",
               field->color ? field->color : "", field->value,
               field->color ? ctl_color_reset () : "");
    }
}

static void
add_checkpoint (GPtrArray *fields, CtlObject *session)
{
  guint64 time = ctl_prop_uint64 (session, "CheckpointTime");
  const char *verification =
      ctl_prop_string (session, "CheckpointVerification");

  if (time == 0)
    {
      /* Translators: the value of "Checkpoint:" when there is none. */
      add_field (fields, _ ("Checkpoint:"), C_ ("checkpoint", "none"), NULL);
      return;
    }
  add_time_field (fields, _ ("Checkpoint:"), time);
  add_field (fields, _ ("Checkpoint completed:"),
             ctl_prop_boolean (session, "CheckpointCompleted") ? _ ("yes")
                                                               : _ ("no"),
             NULL);
  add_time_field (fields, _ ("Checkpoint completion:"),
                  ctl_prop_uint64 (session, "CheckpointCompletionTime"));
  if (!ctl_prop_boolean (session, "CheckpointCompleted"))
    add_time_field (fields, _ ("Checkpoint ETA:"),
                    ctl_prop_uint64 (session, "CheckpointEta"));
  /* A state (ok, mismatch, …) as the JSON has it. */
  if (*verification)
    add_field (fields, _ ("Checkpoint verified:"), verification, NULL);
}

/* The last verification: when, and what it found. */
static char *
describe_verification (GVariant *last)
{
  guint32 checked = 0, mismatches = 0;
  const char *error = "";
  guint64 time = 0;
  g_autofree char *when = NULL;
  g_autofree char *counts = NULL;

  g_variant_lookup (last, "time", "t", &time);
  g_variant_lookup (last, "files-checked", "u", &checked);
  g_variant_lookup (last, "mismatches", "u", &mismatches);
  g_variant_lookup (last, "error", "&s", &error);
  when = ctl_format_time (time);
  if (*error)
    /* Translators: TIME, failed: MESSAGE. */
    return g_strdup_printf (_ ("%s, failed: %s"), when, error);
  counts = ctl_format_verification (checked, mismatches);
  return g_strdup_printf ("%s, %s", when, counts);
}

/* Whether the data really arrives, and the last verification. */
static void
add_health (GPtrArray *fields, CtlObject *session)
{
  const char *health = ctl_prop_string (session, "Health");
  const char *message = ctl_prop_string (session, "HealthMessage");
  g_autoptr (GVariant) last = NULL;
  g_autofree char *text = NULL;

  /* The state as the JSON has it; the service's explanation below. */
  add_field (fields, _ ("Health:"), health, ctl_health_color (health));
  if (*message)
    add_field (fields, "", message, NULL);
  g_variant_lookup (session->props, "LastVerification", "@a{sv}", &last);
  if (last == NULL || !g_variant_lookup (last, "time", "t", NULL))
    {
      /* Translators: the value of "Last verification:" when there was
       * none. */
      add_field (fields, _ ("Last verification:"), C_ ("verification", "never"),
                 NULL);
      return;
    }
  text = describe_verification (last);
  add_field (fields, _ ("Last verification:"), text, NULL);
}

/* How far behind, where it goes (docs/api.md "Lag"); the trend as the
 * JSON has it. */
static void
add_lag (GPtrArray *fields, CtlObject *session)
{
  g_autofree char *lag =
      ctl_format_duration (ctl_prop_int64 (session, "Lag", -1));
  const char *trend = ctl_prop_string (session, "LagTrend");
  g_autofree char *text =
      *trend ? g_strdup_printf ("%s (%s)", lag, trend) : g_strdup (lag);

  add_field (fields, _ ("Lag:"), text, NULL);
}

static void
print_session_fields (CtlObject *session)
{
  g_autoptr (GPtrArray) fields = fields_new ();
  g_autofree char *secondary = ctl_session_secondary (session);
  g_autofree char *failures =
      ctl_format_count (ctl_prop_uint64 (session, "Failures"));
  const char *status = ctl_prop_string (session, "Status");

  add_field (fields, _ ("Primary:"), ctl_prop_string (session, "PrimaryVolume"),
             NULL);
  add_field (fields, _ ("Secondary:"), secondary, NULL);
  add_field (fields, _ ("Status:"), status, ctl_status_color (status));
  add_time_field (fields, _ ("Last synced:"),
                  ctl_prop_uint64 (session, "LastSynced"));
  add_field (fields, _ ("Failures:"), failures, NULL);
  add_lag (fields, session);
  add_health (fields, session);
  add_checkpoint (fields, session);
  print_fields (fields);
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
  ctl_print_count (ctx,
                   ngettext ("%u worker listed.", "%u workers listed.",
                             ctl_table_get_n_rows (table)),
                   ctl_table_get_n_rows (table));
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
        /* Translators: the heading of why each worker last failed. */
        g_print ("\n%s\n", _ ("Reasons:"));
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
    return ctl_fail (ctx, _ ("finding the session"), error);
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
    return ctl_usage (ctx, _ ("too many arguments"));
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
