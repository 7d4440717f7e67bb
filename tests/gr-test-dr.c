/* The disaster recovery tests' helpers (tests/gr-test-dr.h). */
#include <string.h>

#include "gr-error.h"
#include "gr-names.h"
#include "gr-test-dr.h"
#include "gr-test-util.h"

static GVariant *
no_options (void)
{
  return g_variant_new ("a{sv}", NULL);
}

/* --- sync windows -------------------------------------------------------- */

GVariant *
gr_test_dr_get_runs (GrSession *session)
{
  g_autoptr (GError) error = NULL;
  GVariant *runs = NULL;

  gr_session_call_get_runs_sync (session, no_options (), &runs, NULL, &error);
  g_assert_no_error (error);
  return runs;
}

typedef struct {
  GrSession *session;
  guint count;
} RunsWait;

static gboolean
has_runs (gpointer data)
{
  RunsWait *wait = data;
  g_autoptr (GVariant) runs = gr_test_dr_get_runs (wait->session);

  return g_variant_n_children (runs) >= wait->count;
}

GVariant *
gr_test_dr_await_runs (GrSession *session, guint count, guint seconds)
{
  RunsWait wait = { session, count };

  if (!gr_test_wait_for (has_runs, &wait, seconds * 1000))
    g_error ("fewer than %u sync windows recorded within %u s", count, seconds);
  return gr_test_dr_get_runs (session);
}

guint64
gr_test_dr_assert_succeeded (GVariant *run)
{
  const char *result = "", *reason = "", *trigger = "";
  guint64 start = 0, end = 0, checkpoint = 0;

  g_variant_lookup (run, "result", "&s", &result);
  g_variant_lookup (run, "reason", "&s", &reason);
  g_variant_lookup (run, "trigger", "&s", &trigger);
  g_variant_lookup (run, "start", "t", &start);
  g_variant_lookup (run, "end", "t", &end);
  g_variant_lookup (run, "checkpoint-time", "t", &checkpoint);
  g_test_message ("run %s after %" G_GUINT64_FORMAT " s (%s) %s", result,
                  end - start, trigger, reason);
  g_assert_cmpstr (result, ==, "succeeded");
  g_assert_cmpstr (reason, ==, "");
  g_assert_cmpuint (checkpoint, >=, start - 1);
  g_assert_cmpuint (end, >=, start);
  return end - start;
}

const char *
gr_test_dr_assert_failed (GVariant *run)
{
  const char *result = NULL, *reason = NULL;

  g_assert_true (g_variant_lookup (run, "result", "&s", &result));
  g_assert_cmpstr (result, ==, "failed");
  g_assert_true (g_variant_lookup (run, "reason", "&s", &reason));
  g_assert_cmpstr (reason, !=, "");
  return reason;
}

char *
gr_test_dr_run_now (GrSession *session, guint timeout)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) options =
      g_variant_ref_sink (g_variant_new_parsed ("{'timeout': <%u>}", timeout));
  char *path = NULL;

  gr_session_call_run_sync_window_sync (session, options, &path, NULL, &error);
  g_assert_no_error (error);
  return path;
}

GVariant *
gr_test_dr_property_now (GDBusConnection *bus,
                         GrSession *session,
                         const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_connection_call_sync (
      bus, GR_DBUS_NAME, g_dbus_proxy_get_object_path (G_DBUS_PROXY (session)),
      "org.freedesktop.DBus.Properties", "Get",
      g_variant_new ("(ss)", GR_DBUS_INTERFACE_SESSION, name),
      G_VARIANT_TYPE ("(v)"), 0, 10000, NULL, &error);
  GVariant *value = NULL;

  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &value);
  return value;
}

void
gr_test_dr_set_schedule (GDBusConnection *bus,
                         GrSession *session,
                         const char *schedule,
                         guint timeout)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) options =
      g_variant_ref_sink (g_variant_new_parsed ("{'timeout': <%u>}", timeout));
  g_autoptr (GVariant) now_schedule = NULL;
  g_autoptr (GVariant) next_run = NULL;

  gr_session_call_set_schedule_sync (session, schedule, options, NULL, &error);
  g_assert_no_error (error);
  now_schedule = gr_test_dr_property_now (bus, session, "Schedule");
  next_run = gr_test_dr_property_now (bus, session, "NextRun");
  g_assert_cmpstr (g_variant_get_string (now_schedule, NULL), ==, schedule);
  g_assert_cmpuint (g_variant_get_uint64 (next_run), >,
                    g_get_real_time () / G_USEC_PER_SEC);
}

void
gr_test_dr_schedule_runs_twice (GDBusConnection *bus,
                                GrSession *session,
                                guint runs_before)
{
  g_autoptr (GVariant) runs = NULL;
  const char *trigger = NULL;

  gr_test_dr_set_schedule (bus, session, "every 20s", 600);
  runs = gr_test_dr_await_runs (session, runs_before + 2, 1500);
  gr_test_dr_remove_schedule (bus, session);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GVariant) run =
          g_variant_get_child_value (runs, runs_before + i);

      g_test_message ("sync window %u: %" G_GUINT64_FORMAT " s", i + 1,
                      gr_test_dr_assert_succeeded (run));
      g_assert_true (g_variant_lookup (run, "trigger", "&s", &trigger));
      g_assert_cmpstr (trigger, ==, "schedule");
    }
}

/* What PropertiesChanged of the session said of Schedule and NextRun. */
typedef struct {
  char *schedule; /* NULL until it came */
  gboolean next_run_zero;
} ScheduleSeen;

static void
on_properties_changed (GDBusConnection *bus,
                       const char *sender,
                       const char *path,
                       const char *interface,
                       const char *signal,
                       GVariant *parameters,
                       gpointer data)
{
  ScheduleSeen *seen = data;
  g_autoptr (GVariant) changed = NULL;
  const char *schedule = NULL;
  guint64 next_run = 1;

  g_variant_get_child (parameters, 1, "@a{sv}", &changed);
  if (g_variant_lookup (changed, "Schedule", "&s", &schedule))
    {
      g_free (seen->schedule);
      seen->schedule = g_strdup (schedule);
    }
  if (g_variant_lookup (changed, "NextRun", "t", &next_run))
    seen->next_run_zero = next_run == 0;
}

void
gr_test_dr_remove_schedule (GDBusConnection *bus, GrSession *session)
{
  g_autoptr (GError) error = NULL;
  ScheduleSeen seen = { NULL, FALSE };
  guint id = g_dbus_connection_signal_subscribe (
      bus, GR_DBUS_NAME, "org.freedesktop.DBus.Properties", "PropertiesChanged",
      g_dbus_proxy_get_object_path (G_DBUS_PROXY (session)),
      GR_DBUS_INTERFACE_SESSION, G_DBUS_SIGNAL_FLAGS_NONE,
      on_properties_changed, &seen, NULL);

  gr_session_call_remove_schedule_sync (session, no_options (), NULL, &error);
  g_assert_no_error (error);
  /* The signals sent before the reply, as the proxy gets them. */
  gr_test_dispatch_pending ();
  g_dbus_connection_signal_unsubscribe (bus, id);
  g_assert_cmpstr (seen.schedule, ==, "");
  g_assert_true (seen.next_run_zero);
  g_assert_cmpstr (gr_session_get_schedule (session), ==, "");
  g_assert_cmpuint (gr_session_get_next_run (session), ==, 0);
  g_free (seen.schedule);
}

gboolean
gr_test_dr_session_is_idle (gpointer session)
{
  const char *status = gr_session_get_status (session);

  return g_strcmp0 (status, "stopped") == 0 ||
         g_strcmp0 (status, "created") == 0;
}

gboolean
gr_test_dr_session_is_running (gpointer session)
{
  return !gr_test_dr_session_is_idle (session);
}

/* --- jobs ----------------------------------------------------------------- */

GrJob *
gr_test_dr_job (GDBusConnection *bus, const char *path)
{
  g_autoptr (GError) error = NULL;
  GrJob *job = gr_job_proxy_new_sync (bus, G_DBUS_PROXY_FLAGS_NONE,
                                      GR_DBUS_NAME, path, NULL, &error);

  g_assert_no_error (error);
  return job;
}

gboolean
gr_test_dr_job_is_over (gpointer job)
{
  const char *state = gr_job_get_state (job);

  return g_strcmp0 (state, "completed") == 0 ||
         g_strcmp0 (state, "failed") == 0 || g_strcmp0 (state, "aborted") == 0;
}

static gboolean
job_settled (gpointer job)
{
  return g_strcmp0 (gr_job_get_state (job), "running") != 0;
}

GrJob *
gr_test_dr_await_settled (GDBusConnection *bus, const char *path, guint seconds)
{
  GrJob *job = gr_test_dr_job (bus, path);

  if (!gr_test_wait_for (job_settled, job, seconds * 1000))
    g_error ("job %s still running at step %u after %u s: %s", path,
             gr_job_get_current_step (job), seconds, gr_job_get_message (job));
  g_test_message ("job %s: %s at step %u %s", path, gr_job_get_state (job),
                  gr_job_get_current_step (job), gr_job_get_error (job));
  return job;
}

/* --- failover and failback ------------------------------------------------ */

char *
gr_test_dr_promote (GDBusConnection *bus,
                    const char *destination,
                    const char *volume)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GrDestination) proxy = gr_destination_proxy_new_sync (
      bus, G_DBUS_PROXY_FLAGS_NONE, GR_DBUS_NAME, destination, NULL, &error);
  char *job = NULL;

  g_assert_no_error (error);
  gr_destination_call_promote_sync (proxy, volume, no_options (), &job, NULL,
                                    &error);
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  gr_destination_call_promote_sync (
      proxy, volume, g_variant_new_parsed ("{'confirm': <true>}"), &job, NULL,
      &error);
  g_assert_no_error (error);
  return job;
}

char *
gr_test_dr_failback (GrSession *session,
                     const char *primary_host,
                     guint timeout)
{
  g_autoptr (GError) error = NULL;
  char *job = NULL;

  gr_session_call_failback_sync (
      session,
      g_variant_new_parsed ("{'confirm': <true>, 'primary-host': <%s>, "
                            "'timeout': <%u>}",
                            primary_host, timeout),
      &job, NULL, &error);
  g_assert_no_error (error);
  return job;
}

void
gr_test_dr_confirm_io_stopped (GrJob *waiting)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (gr_job_get_state (waiting), ==, "waiting");
  g_assert_nonnull (strstr (gr_job_get_message (waiting), "Stop all I/O"));
  gr_job_call_resume_sync (waiting, no_options (), NULL, &error);
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  gr_job_call_resume_sync (
      waiting, g_variant_new_parsed ("{'confirm': <true>}"), NULL, &error);
  g_assert_no_error (error);
}

static char *
option_in (const char *output, const char *key)
{
  g_auto (GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], key))
      return g_strdup (g_strrstr (g_strstrip (lines[i]), " ") + 1);
  return NULL;
}

char *
gr_test_dr_volume_option (const char *const *prefix,
                          const char *volume,
                          const char *key)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  g_autofree char *out = NULL;

  if (prefix != NULL)
    g_strv_builder_addv (builder, (const char **) prefix);
  g_strv_builder_add_many (builder, "gluster", "--mode=script", "volume", "get",
                           volume, key, NULL);
  argv = g_strv_builder_end (builder);
  out = gr_test_run (NULL, (const char *const *) argv);
  return option_in (out, key);
}

void
gr_test_dr_assert_option (const char *const *prefix,
                          const char *volume,
                          const char *key,
                          const char *value)
{
  g_autofree char *now = gr_test_dr_volume_option (prefix, volume, key);

  g_assert_cmpstr (now, ==, value);
}

static char *
file_text (guint i)
{
  return g_strdup_printf ("written on the promoted secondary, file %u\n", i);
}

void
gr_test_dr_write_files (const char *mount, guint count)
{
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/failover-%u.txt", mount, i);
      g_autofree char *text = file_text (i);

      g_assert_true (g_file_set_contents (name, text, -1, NULL));
    }
}

void
gr_test_dr_assert_files (const char *mount, guint count)
{
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/failover-%u.txt", mount, i);
      g_autofree char *want = file_text (i);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (name, &text, NULL, NULL));
      g_assert_cmpstr (text, ==, want);
    }
}
