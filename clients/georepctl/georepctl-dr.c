/* georepctl schedule, unschedule, run-window, runs, jobs, job-resume,
 * job-abort, promote and failback: sync windows and disaster recovery
 * (docs/disaster-recovery.md). The long operations are Job objects:
 * run-window, promote and failback print the job's path, and with --wait
 * follow it until it ends, waits for a confirmation or fails. */
#include "georepctl.h"
#include "gr-names.h"

#define JOB_POLL_MS 1000

/* A session named by the verb's arguments, or NULL after a usage or
 * lookup error (*@status set). */
static CtlObject *
session_of (CtlContext *ctx, int argc, char **argv, int extra, int *status)
{
  g_autoptr (GError) error = NULL;
  int n = ctl_session_arg_count (argc, argv);
  CtlObject *session;

  if (n == 0 || argc != n + 1 + extra)
    {
      *status = ctl_usage (ctx,
                           extra ? _ ("expected %s and one more argument")
                                 : _ ("expected %s"),
                           "PRIMARY [[USER@]HOST::SECONDARY]");
      return NULL;
    }
  session = ctl_find_session (ctx, argv[1], n == 2 ? argv[2] : NULL, &error);
  if (session == NULL)
    *status = ctl_fail (ctx, _ ("finding the session"), error);
  return session;
}

/* --- following a job ----------------------------------------------------- */

static gboolean
job_settled (const char *state)
{
  return !g_str_equal (state, "running");
}

static void
print_job_line (CtlObject *job)
{
  g_autofree const char **steps = NULL;
  g_autoptr (GVariant) value =
      g_variant_lookup_value (job->props, "Steps", G_VARIANT_TYPE ("as"));
  guint64 current = ctl_prop_uint64 (job, "CurrentStep");
  guint n = 0;

  steps = value ? g_variant_get_strv (value, NULL) : NULL;
  n = steps ? g_strv_length ((char **) steps) : 0;
  /* Translators: JOB: STATE, step N/TOTAL STEP[: ERROR]; the state, the
   * step's name and the error stay as the service gives them. */
  g_print (_ ("%s: %s, step %u/%u %s%s%s\n"), job->path,
           ctl_prop_string (job, "State"), (guint) MIN (current + 1, n), n,
           current < n ? steps[current] : "",
           *ctl_prop_string (job, "Error") ? ": " : "",
           ctl_prop_string (job, "Error"));
  if (*ctl_prop_string (job, "Message"))
    g_print ("  %s\n", ctl_prop_string (job, "Message"));
}

static CtlObject *
read_job (CtlContext *ctx, const char *path, GError **error)
{
  GVariant *props = ctl_get_all (ctx, path, GR_DBUS_INTERFACE_JOB, error);
  CtlObject *job;

  if (props == NULL)
    return NULL;
  job = g_new0 (CtlObject, 1);
  job->path = g_strdup (path);
  job->props = props;
  return job;
}

/* Prints the job's state; with @wait, each change until it settles. Exit
 * 1 when it failed or was aborted. */
static int
follow_job (CtlContext *ctx, const char *path, gboolean wait)
{
  g_autofree char *last = NULL;

  for (;;)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CtlObject) job = read_job (ctx, path, &error);
      g_autofree char *line = NULL;
      const char *state;

      if (job == NULL)
        return ctl_fail (ctx, _ ("reading the job"), error);
      state = ctl_prop_string (job, "State");
      line = g_strdup_printf ("%s %" G_GUINT64_FORMAT " %s", state,
                              ctl_prop_uint64 (job, "CurrentStep"),
                              ctl_prop_string (job, "Message"));
      if (g_strcmp0 (line, last) != 0)
        print_job_line (job);
      g_free (last);
      last = g_steal_pointer (&line);
      if (!wait || job_settled (state))
        return g_str_equal (state, "failed") || g_str_equal (state, "aborted")
                   ? CTL_EXIT_FAILURE
                   : CTL_EXIT_OK;
      g_usleep (JOB_POLL_MS * 1000);
    }
}

static int
started_job (CtlContext *ctx, GVariant *reply, gboolean wait)
{
  const char *path;

  g_variant_get (reply, "(&o)", &path);
  if (ctx->json)
    {
      ctl_print_variant_json (ctx, reply);
      return CTL_EXIT_OK;
    }
  return follow_job (ctx, path, wait);
}

/* --- the session verbs' one call ----------------------------------------- */

typedef struct {
  const char *method;
  const char *what;   /* for the error: "setting the schedule", N_ () */
  gboolean takes_arg; /* a string argument after the session */
  gboolean returns_job;
} SessionCall;

/* Finds the session, calls @call->method with the global options and
 * @extra (an a{sv}, floating; may be NULL), and prints or follows the
 * job it returns. */
static int
run_session_call (CtlContext *ctx,
                  int argc,
                  char **argv,
                  const SessionCall *call,
                  GVariant *extra,
                  gboolean wait)
{
  g_autoptr (GVariant) more = extra ? g_variant_ref_sink (extra) : NULL;
  g_autoptr (CtlObject) session = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  GVariantBuilder options;
  int status = CTL_EXIT_OK;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if ((session = session_of (ctx, argc, argv, call->takes_arg, &status)) ==
      NULL)
    return status;
  ctl_options_init (ctx, &options);
  if (more != NULL)
    {
      g_variant_iter_init (&iter, more);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          g_variant_builder_add (&options, "{sv}", key, value);
          g_variant_unref (value);
        }
    }
  reply = ctl_call (ctx, session->path, GR_DBUS_INTERFACE_SESSION, call->method,
                    call->takes_arg
                        ? g_variant_new ("(sa{sv})", argv[argc - 1], &options)
                        : g_variant_new ("(a{sv})", &options),
                    call->returns_job ? G_VARIANT_TYPE ("(o)") : NULL, &error);
  if (reply == NULL)
    return ctl_fail (ctx, _ (call->what), error);
  return call->returns_job ? started_job (ctx, reply, wait) : CTL_EXIT_OK;
}

static GVariant *
timeout_option (int timeout)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  if (timeout > 0)
    g_variant_dict_insert (&dict, "timeout", "u", (guint32) timeout);
  return g_variant_dict_end (&dict);
}

/* --- schedule, unschedule, run-window, runs ------------------------------ */

int
ctl_verb_schedule (CtlContext *ctx, int argc, char **argv)
{
  static const SessionCall call = { "SetSchedule", N_ ("setting the schedule"),
                                    TRUE, FALSE };
  int timeout = 0;
  const GOptionEntry entries[] = {
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_ ("Let each run wait S seconds for its checkpoint (default 1800)"),
      "S" },
    G_OPTION_ENTRY_NULL
  };

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  return run_session_call (ctx, argc, argv, &call, timeout_option (timeout),
                           FALSE);
}

int
ctl_verb_unschedule (CtlContext *ctx, int argc, char **argv)
{
  static const SessionCall call = { "RemoveSchedule",
                                    N_ ("removing the schedule"), FALSE,
                                    FALSE };

  if (!ctl_parse_options (ctx, NULL, &argc, &argv))
    return CTL_EXIT_USAGE;
  return run_session_call (ctx, argc, argv, &call, NULL, FALSE);
}

int
ctl_verb_run_window (CtlContext *ctx, int argc, char **argv)
{
  static const SessionCall call = { "RunSyncWindow",
                                    N_ ("running a sync window"), FALSE, TRUE };
  int timeout = 0;
  gboolean wait = FALSE;
  const GOptionEntry entries[] = {
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_ ("Wait at most S seconds for the checkpoint (default 1800)"), "S" },
    { "wait", 0, 0, G_OPTION_ARG_NONE, &wait,
      N_ ("Follow the run until it ends"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  return run_session_call (ctx, argc, argv, &call, timeout_option (timeout),
                           wait);
}

static const char *const run_headers[] = {
  /* Translators: the columns of georepctl runs, one row a sync window:
   * when it started, how long it took, its result, what started it (the
   * schedule or a person) and why it failed. */
  NC_ ("column", "START"), NC_ ("column", "SECONDS"), NC_ ("column", "RESULT"),
  NC_ ("column", "TRIGGER"), NC_ ("column", "REASON")
};

static void
add_run_row (CtlTable *table, GVariant *run)
{
  guint64 start = 0, end = 0;
  const char *result = "", *trigger = "", *reason = "";
  g_autofree char *when = NULL, *seconds = NULL;

  g_variant_lookup (run, "start", "t", &start);
  g_variant_lookup (run, "end", "t", &end);
  g_variant_lookup (run, "result", "&s", &result);
  g_variant_lookup (run, "trigger", "&s", &trigger);
  g_variant_lookup (run, "reason", "&s", &reason);
  when = ctl_format_time (start);
  seconds =
      g_strdup_printf ("%" G_GUINT64_FORMAT, end >= start ? end - start : 0);
  ctl_table_add_row (
      table, (const char *const[]){ when, seconds, result, trigger, reason });
}

int
ctl_verb_runs (CtlContext *ctx, int argc, char **argv)
{
  const GOptionEntry entries[] = { CTL_COLUMNS_ENTRY (ctx),
                                   G_OPTION_ENTRY_NULL };
  g_autoptr (CtlObject) session = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) runs = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CtlTable) table = NULL;
  GVariantBuilder options;
  const char *schedule;
  int status = CTL_EXIT_OK;

  if (!ctl_parse_options (ctx, entries, &argc, &argv) ||
      !ctl_columns_ok (ctx, G_N_ELEMENTS (run_headers), run_headers, &status))
    return status ? status : CTL_EXIT_USAGE;
  if ((session = session_of (ctx, argc, argv, 0, &status)) == NULL)
    return status;
  ctl_options_init (ctx, &options);
  reply = ctl_read_call (ctx, session->path, GR_DBUS_INTERFACE_SESSION,
                         "GetRuns", g_variant_new ("(a{sv})", &options),
                         G_VARIANT_TYPE ("(aa{sv})"), &error);
  if (reply == NULL)
    return ctl_fail (ctx, _ ("reading the runs"), error);
  ctl_output_start (ctx);
  runs = g_variant_get_child_value (reply, 0);
  if (ctx->json)
    {
      ctl_print_variant_json (ctx, runs);
      return CTL_EXIT_OK;
    }
  table = ctl_table_new (G_N_ELEMENTS (run_headers), run_headers);
  for (gsize i = 0; i < g_variant_n_children (runs); i++)
    {
      g_autoptr (GVariant) run = g_variant_get_child_value (runs, i);

      add_run_row (table, run);
    }
  ctl_table_print (table, ctx);
  schedule = ctl_prop_string (session, "Schedule");
  if (*schedule == '\0')
    /* Translators: the value of "Schedule:" when there is none. */
    schedule = C_ ("schedule", "none");
  /* Translators: the line below the table of runs; the schedule itself
   * (daily, Mon..Fri 22:00) stays as it is typed. */
  g_print (_ ("Schedule: %s\n"), schedule);
  return CTL_EXIT_OK;
}

/* --- jobs ------------------------------------------------------------- */

static const char *const job_headers[] = {
  /* Translators: the columns of georepctl jobs: the job's number, its
   * operation (run-window, promote, failback), its state, the step it is
   * at, when it started and its error. */
  NC_ ("column", "JOB"),  NC_ ("column", "OPERATION"), NC_ ("column", "STATE"),
  NC_ ("column", "STEP"), NC_ ("column", "STARTED"),   NC_ ("column", "ERROR")
};

static void
add_job_row (CtlTable *table, CtlObject *job)
{
  g_autoptr (GVariant) value =
      g_variant_lookup_value (job->props, "Steps", G_VARIANT_TYPE ("as"));
  g_autofree const char **steps =
      value ? g_variant_get_strv (value, NULL) : NULL;
  guint64 current = ctl_prop_uint64 (job, "CurrentStep");
  guint n = steps ? g_strv_length ((char **) steps) : 0;
  g_autofree char *started =
      ctl_format_time_us (ctl_prop_uint64 (job, "StartTime"));
  const char *id = strrchr (job->path, '/') + 1;

  ctl_table_add_row (
      table, (const char *const[]){ id, ctl_prop_string (job, "Operation"),
                                    ctl_prop_string (job, "State"),
                                    current < n ? steps[current] : "-", started,
                                    ctl_prop_string (job, "Error") });
}

int
ctl_verb_jobs (CtlContext *ctx, int argc, char **argv)
{
  const GOptionEntry entries[] = { CTL_COLUMNS_ENTRY (ctx),
                                   G_OPTION_ENTRY_NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (CtlTable) table = NULL;
  int status = CTL_EXIT_OK;

  if (!ctl_parse_options (ctx, entries, &argc, &argv) ||
      !ctl_columns_ok (ctx, G_N_ELEMENTS (job_headers), job_headers, &status))
    return status ? status : CTL_EXIT_USAGE;
  if (argc != 1)
    return ctl_usage (ctx, _ ("expected no arguments"));
  if ((jobs = ctl_list_objects (ctx, GR_DBUS_INTERFACE_JOB, &error)) == NULL)
    return ctl_fail (ctx, _ ("listing jobs"), error);
  ctl_output_start (ctx);
  if (ctx->json)
    {
      ctl_print_objects_json (ctx, jobs);
      return CTL_EXIT_OK;
    }
  table = ctl_table_new (G_N_ELEMENTS (job_headers), job_headers);
  for (guint i = 0; i < jobs->len; i++)
    add_job_row (table, jobs->pdata[i]);
  ctl_table_print (table, ctx);
  return CTL_EXIT_OK;
}

static char *
job_path (const char *id)
{
  return g_strconcat (GR_DBUS_PATH_JOBS "/", id, NULL);
}

static int
job_call (CtlContext *ctx, int argc, char **argv, const char *method)
{
  gboolean confirm = FALSE, wait = FALSE;
  const GOptionEntry entries[] = {
    { "confirm", 0, 0, G_OPTION_ARG_NONE, &confirm,
      N_ ("Confirm what the waiting job asks for (job-resume)"), NULL },
    { "wait", 0, 0, G_OPTION_ARG_NONE, &wait, N_ ("Follow the job afterwards"),
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *path = NULL;
  GVariantBuilder options;

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  if (argc != 2 || !g_variant_is_object_path (path = job_path (argv[1])))
    return ctl_usage (ctx, _ ("expected a job number (georepctl jobs)"));
  ctl_options_init (ctx, &options);
  if (confirm)
    g_variant_builder_add (&options, "{sv}", "confirm",
                           g_variant_new_boolean (TRUE));
  reply = ctl_call (ctx, path, GR_DBUS_INTERFACE_JOB, method,
                    g_variant_new ("(a{sv})", &options), NULL, &error);
  if (reply == NULL)
    return ctl_fail (ctx, _ ("calling the job"), error);
  return follow_job (ctx, path, wait);
}

int
ctl_verb_job_resume (CtlContext *ctx, int argc, char **argv)
{
  return job_call (ctx, argc, argv, "Resume");
}

int
ctl_verb_job_abort (CtlContext *ctx, int argc, char **argv)
{
  return job_call (ctx, argc, argv, "Abort");
}

/* --- promote, failback ---------------------------------------------------- */

int
ctl_verb_promote (CtlContext *ctx, int argc, char **argv)
{
  gboolean confirm = FALSE, wait = FALSE;
  const GOptionEntry entries[] = {
    { "confirm", 0, 0, G_OPTION_ARG_NONE, &confirm,
      N_ ("Confirm that the secondary volume is to become writable"), NULL },
    { "wait", 0, 0, G_OPTION_ARG_NONE, &wait,
      N_ ("Follow the job until it ends"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (CtlObject) destination = NULL;
  g_autoptr (GVariant) reply = NULL;
  GVariantBuilder options;

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  if (argc != 3)
    return ctl_usage (ctx, _ ("expected %s"), "HOST SECONDARY_VOLUME");
  destination = ctl_find_destination (ctx, argv[1], "root", &error);
  if (destination == NULL)
    return ctl_fail (ctx, _ ("finding the root destination"), error);
  ctl_options_init (ctx, &options);
  g_variant_builder_add (&options, "{sv}", "confirm",
                         g_variant_new_boolean (confirm));
  reply = ctl_call (ctx, destination->path, GR_DBUS_INTERFACE_DESTINATION,
                    "Promote", g_variant_new ("(sa{sv})", argv[2], &options),
                    G_VARIANT_TYPE ("(o)"), &error);
  if (reply == NULL)
    return ctl_fail (ctx, _ ("promoting the volume"), error);
  return started_job (ctx, reply, wait);
}

int
ctl_verb_failback (CtlContext *ctx, int argc, char **argv)
{
  static const SessionCall call = { "Failback", N_ ("starting the failback"),
                                    FALSE, TRUE };
  gboolean confirm = FALSE, wait = FALSE, force_stop = FALSE;
  g_autofree char *primary_host = NULL;
  int timeout = 0;
  const GOptionEntry entries[] = {
    { "confirm", 0, 0, G_OPTION_ARG_NONE, &confirm,
      N_ ("Confirm that the primary volume gets what was written on the "
          "secondary"),
      NULL },
    { "force-stop", 0, 0, G_OPTION_ARG_NONE, &force_stop,
      N_ ("Stop the session with force (primary nodes are down)"), NULL },
    { "primary-host", 0, 0, G_OPTION_ARG_STRING, &primary_host,
      N_ ("This cluster's host name as the secondary reaches it"), "HOST" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_ ("Wait at most S seconds for the reverse sync (default 3600)"), "S" },
    { "wait", 0, 0, G_OPTION_ARG_NONE, &wait,
      N_ ("Follow the job until it ends or waits for a confirmation"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GVariant) base = NULL;
  GVariantDict extra;

  if (!ctl_parse_options (ctx, entries, &argc, &argv))
    return CTL_EXIT_USAGE;
  base = g_variant_ref_sink (timeout_option (timeout));
  g_variant_dict_init (&extra, base);
  g_variant_dict_insert (&extra, "confirm", "b", confirm);
  if (force_stop)
    g_variant_dict_insert (&extra, "force-stop", "b", TRUE);
  if (primary_host != NULL)
    g_variant_dict_insert (&extra, "primary-host", "s", primary_host);
  return run_session_call (ctx, argc, argv, &call, g_variant_dict_end (&extra),
                           wait);
}
