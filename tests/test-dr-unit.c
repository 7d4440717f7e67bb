/* Unit tests of the long operations' core (service/dr/): the schedule
 * expressions and their next run, a job's state machine, its JSON and the
 * jobs file, the sync windows' store, and the parsing of `gluster volume
 * get`. */
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "gr-dr-remote.h"
#include "gr-error.h"
#include "gr-job-store.h"
#include "gr-schedule-spec.h"
#include "gr-ssh-gluster.h"
#include "gr-window-store.h"

/* --- schedule expressions ------------------------------------------------ */

static void
test_schedule_intervals (void)
{
  GrScheduleSpec spec;

  g_assert_true (gr_schedule_spec_parse ("every 15min", &spec, NULL));
  g_assert_cmpuint (spec.interval, ==, 900);
  g_assert_true (gr_schedule_spec_parse ("every 10s", &spec, NULL));
  g_assert_cmpuint (spec.interval, ==, 10);
  g_assert_true (gr_schedule_spec_parse ("every 2 h", &spec, NULL));
  g_assert_cmpuint (spec.interval, ==, 7200);
  g_assert_true (gr_schedule_spec_parse ("every 1day", &spec, NULL));
  g_assert_cmpuint (spec.interval, ==, 86400);
  /* Never ran: an interval from now; else from the last start. */
  g_assert_cmpint (gr_schedule_spec_next (&spec, 1000, 0), ==, 1000 + 86400);
  g_assert_cmpint (gr_schedule_spec_next (&spec, 1000, 900), ==, 900 + 86400);
  /* Overdue: the next second, not the past. */
  g_assert_cmpint (gr_schedule_spec_next (&spec, 200000, 900), ==, 200001);
}

static void
test_schedule_refused (void)
{
  const char *const bad[] = {
    "",
    "every",
    "every 5s",
    "every 0min",
    "every 31day",
    "every -1h",
    "every 5 weeks",
    "25:00",
    "12:60",
    "Mon..",
    "Fri..Mon 10:00",
    "Mon 10",
    "*-*-* *-*-* 1:00",
    "Funday 10:00",
    "every 15min; rm",
    "daily\n",
    "-daily",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      GrScheduleSpec spec;

      g_test_message ("%s", bad[i]);
      g_assert_false (gr_schedule_spec_parse (bad[i], &spec, &error));
      g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
    }
}

/* Unix seconds of a local time, for the calendar's answers. */
static gint64
local (int y, int mo, int d, int h, int mi, int s)
{
  g_autoptr (GDateTime) t = g_date_time_new_local (y, mo, d, h, mi, s);

  return g_date_time_to_unix (t);
}

static gint64
next_of (const char *text, gint64 now)
{
  GrScheduleSpec spec;
  g_autoptr (GError) error = NULL;

  g_assert_true (gr_schedule_spec_parse (text, &spec, &error));
  g_assert_no_error (error);
  return gr_schedule_spec_next (&spec, now, 0);
}

static void
test_schedule_calendar (void)
{
  /* Wednesday 2026-12-02 10:30:15 local time. */
  gint64 now = local (2026, 12, 2, 10, 30, 15);

  g_assert_cmpint (next_of ("minutely", now), ==,
                   local (2026, 12, 2, 10, 31, 0));
  g_assert_cmpint (next_of ("hourly", now), ==, local (2026, 12, 2, 11, 0, 0));
  g_assert_cmpint (next_of ("daily", now), ==, local (2026, 12, 3, 0, 0, 0));
  g_assert_cmpint (next_of ("weekly", now), ==, local (2026, 12, 7, 0, 0, 0));
  g_assert_cmpint (next_of ("*-*-* 02:00:00", now), ==,
                   local (2026, 12, 3, 2, 0, 0));
  g_assert_cmpint (next_of ("22:30", now), ==, local (2026, 12, 2, 22, 30, 0));
  g_assert_cmpint (next_of ("10:30:20", now), ==,
                   local (2026, 12, 2, 10, 30, 20));
  g_assert_cmpint (next_of ("Mon..Fri 09:00", now), ==,
                   local (2026, 12, 3, 9, 0, 0));
  g_assert_cmpint (next_of ("Sat,Sun 09:00", now), ==,
                   local (2026, 12, 5, 9, 0, 0));
  g_assert_cmpint (next_of ("Wed *-*-* 10:30:15", now), ==,
                   local (2026, 12, 9, 10, 30, 15));
  g_assert_cmpint (next_of ("*:45", now), ==, local (2026, 12, 2, 10, 45, 0));
  g_assert_cmpint (next_of ("*:*:*", now), ==, now + 1);
}

/* --- the job's state machine ------------------------------------------- */

static const char *const steps[] = { "one", "two", "three", NULL };

static GrJobRecord *
new_job (const char *id)
{
  return gr_job_record_new (id, "failback",
                            "/org/gluster/GeoReplication1/sessions/s", steps);
}

static void
test_job_transitions (void)
{
  g_autoptr (GrJobRecord) job = new_job ("1");
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (gr_job_record_current_step (job), ==, "one");
  /* Only a waiting or failed job is resumed. */
  g_assert_false (gr_job_record_resume (job, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_true (gr_job_record_step_done (job, NULL));
  g_assert_true (gr_job_record_wait (job, "stop the I/O", NULL));
  g_assert_cmpstr (gr_job_state_to_string (job->state), ==, "waiting");
  g_assert_cmpstr (job->message, ==, "stop the I/O");
  /* Only a running job ends a step or fails. */
  g_assert_false (gr_job_record_step_done (job, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_true (gr_job_record_resume (job, NULL));
  g_assert_true (gr_job_record_step_done (job, NULL));
  g_assert_true (gr_job_record_fail (job, "no route\x01 to host", NULL));
  g_assert_cmpstr (gr_job_state_to_string (job->state), ==, "failed");
  g_assert_cmpstr (gr_job_record_current_step (job), ==, "three");
  g_assert_null (strchr (job->error, '\x01'));
  g_assert_true (gr_job_record_resume (job, NULL));
  g_assert_cmpstr (job->error, ==, "");
  g_assert_cmpuint (job->end_time, ==, 0);
  g_assert_true (gr_job_record_step_done (job, NULL));
  g_assert_cmpstr (gr_job_state_to_string (job->state), ==, "completed");
  g_assert_null (gr_job_record_current_step (job));
  g_assert_cmpuint (job->current, ==, 3);
  g_assert_cmpuint (job->end_time, >=, job->start_time);
  /* Final: nothing more. */
  g_assert_false (gr_job_record_abort (job, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_false (gr_job_record_resume (job, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_STATE);
}

static void
test_job_abort (void)
{
  g_autoptr (GrJobRecord) running = new_job ("1");
  g_autoptr (GrJobRecord) waiting = new_job ("2");
  g_autoptr (GError) error = NULL;

  g_assert_true (gr_job_record_abort (running, NULL));
  g_assert_cmpstr (gr_job_state_to_string (running->state), ==, "aborted");
  g_assert_cmpuint (running->end_time, >, 0);
  g_assert_cmpstr (gr_job_record_current_step (running), ==, "one");
  gr_job_record_wait (waiting, "confirm", NULL);
  g_assert_true (gr_job_record_abort (waiting, NULL));
  g_assert_false (gr_job_record_wait (waiting, "again", &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_STATE);
}

/* --- JSON and the jobs file ---------------------------------------------- */

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  fx->dir = g_dir_make_tmp ("georepd-dr-XXXXXX", NULL);
  g_assert_nonnull (fx->dir);
  fx->path = g_build_filename (fx->dir, GR_JOB_STORE_FILE, NULL);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (fx->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

static void
test_store_round_trip (Fixture *fx, gconstpointer data)
{
  g_autoptr (GPtrArray) jobs =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_job_record_free);
  g_autoptr (GPtrArray) back = NULL;
  g_autoptr (GError) error = NULL;
  GrJobRecord *job = new_job ("7"), *copy;
  struct stat st;

  gr_job_record_step_done (job, NULL);
  gr_job_record_wait (job, "confirm it", NULL);
  gr_job_record_set (job, "checkpoint-time", "1795469564");
  g_ptr_array_add (jobs, job);
  g_assert_true (gr_job_store_save (fx->dir, jobs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fx->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  back = gr_job_store_load (fx->dir);
  g_assert_cmpuint (back->len, ==, 1);
  copy = back->pdata[0];
  g_assert_cmpstr (copy->id, ==, "7");
  g_assert_cmpstr (copy->operation, ==, "failback");
  g_assert_cmpstr (copy->object, ==, job->object);
  g_assert_cmpstrv (copy->steps, job->steps);
  g_assert_cmpuint (copy->current, ==, 1);
  g_assert_cmpint (copy->state, ==, GR_JOB_STATE_WAITING);
  g_assert_cmpstr (copy->message, ==, "confirm it");
  g_assert_cmpuint (copy->start_time, ==, job->start_time);
  g_assert_cmpstr (gr_job_record_get (copy, "checkpoint-time"), ==,
                   "1795469564");
  g_assert_cmpstr (gr_job_store_next_id (back), ==, "8");
}

static void
write_file (const char *path, const char *text)
{
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* A record that does not hold together is skipped, the others stay. */
static void
test_store_invalid_records (Fixture *fx, gconstpointer data)
{
  g_autoptr (GPtrArray) jobs = NULL;

  write_file (
      fx->path,
      "{\"version\":1,\"jobs\":["
      /* fine */
      "{\"id\":\"3\",\"operation\":\"promote\",\"object\":\"/a\","
      "\"steps\":[\"x\"],\"current\":1,\"state\":\"completed\",\"error\":\"\","
      "\"message\":\"\",\"start-time\":1,\"end-time\":2,\"params\":{}},"
      /* step index past the steps */
      "{\"id\":\"4\",\"operation\":\"promote\",\"object\":\"/a\","
      "\"steps\":[\"x\"],\"current\":2,\"state\":\"running\",\"error\":\"\","
      "\"message\":\"\",\"start-time\":1,\"end-time\":0,\"params\":{}},"
      /* unknown state */
      "{\"id\":\"5\",\"operation\":\"promote\",\"object\":\"/a\","
      "\"steps\":[\"x\"],\"current\":0,\"state\":\"sleeping\",\"error\":\"\","
      "\"message\":\"\",\"start-time\":1,\"end-time\":0,\"params\":{}},"
      /* not an object path, id not a number */
      "{\"id\":\"../6\",\"operation\":\"promote\",\"object\":\"a\","
      "\"steps\":[\"x\"],\"current\":0,\"state\":\"running\",\"error\":\"\","
      "\"message\":\"\",\"start-time\":1,\"end-time\":0,\"params\":{}},"
      /* a parameter that is not text */
      "{\"id\":\"7\",\"operation\":\"promote\",\"object\":\"/a\","
      "\"steps\":[\"x\"],\"current\":0,\"state\":\"running\",\"error\":\"\","
      "\"message\":\"\",\"start-time\":1,\"end-time\":0,\"params\":{\"a\":1}}"
      "]}");
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*job 2 is invalid*");
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*job 3 is invalid*");
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*job 4 is invalid*");
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*job 5 is invalid*");
  jobs = gr_job_store_load (fx->dir);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (jobs->len, ==, 1);
  g_assert_cmpstr (((GrJobRecord *) jobs->pdata[0])->id, ==, "3");
}

/* A corrupt file is moved aside, never overwritten by the next save. */
static void
test_store_corrupt (Fixture *fx, gconstpointer data)
{
  g_autoptr (GPtrArray) jobs = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;
  gboolean aside = FALSE;

  write_file (fx->path, "{\"version\":1,\"jobs\":[");
  g_test_expect_message ("georepd", G_LOG_LEVEL_WARNING, "*corrupt*");
  jobs = gr_job_store_load (fx->dir);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (jobs->len, ==, 0);
  g_assert_false (g_file_test (fx->path, G_FILE_TEST_EXISTS));
  dir = g_dir_open (fx->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)))
    aside |= g_str_has_prefix (name, GR_JOB_STORE_FILE ".corrupt-");
  g_assert_true (aside);
}

/* --- the sync windows' store ----------------------------------------- */

static GVariant *
run (guint64 start, const char *result)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "start", "t", start);
  g_variant_dict_insert (&dict, "end", "t", start + 5);
  g_variant_dict_insert (&dict, "result", "s", result);
  g_variant_dict_insert (&dict, "reason", "s", "");
  g_variant_dict_insert (&dict, "checkpoint-time", "t", start + 1);
  g_variant_dict_insert (&dict, "trigger", "s", "schedule");
  g_variant_dict_insert (&dict, "job", "o",
                         "/org/gluster/GeoReplication1/jobs/1");
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static void
test_window_store (Fixture *fx, gconstpointer data)
{
  g_autoptr (GrWindowStore) store = gr_window_store_new (fx->dir);
  g_autoptr (GrWindowStore) again = NULL;
  g_autoptr (GVariant) runs = NULL;
  g_autoptr (GVariant) last = NULL;
  guint timeout = 0;
  guint64 start = 0;
  const char *result = NULL;

  gr_window_store_set_schedule (store, "p_h_s", "every 15min", 600);
  for (guint i = 0; i < GR_WINDOW_RUNS_MAX + 3; i++)
    {
      g_autoptr (GVariant) one = run (1000 + i, i % 2 ? "failed" : "succeeded");

      gr_window_store_add_run (store, "p_h_s", one);
    }
  again = gr_window_store_new (fx->dir);
  g_assert_cmpstr (gr_window_store_get_schedule (again, "p_h_s", &timeout), ==,
                   "every 15min");
  g_assert_cmpuint (timeout, ==, 600);
  runs = gr_window_store_get_runs (again, "p_h_s");
  g_assert_cmpuint (g_variant_n_children (runs), ==, GR_WINDOW_RUNS_MAX);
  last = gr_window_store_get_last_run (again, "p_h_s");
  g_assert_true (g_variant_lookup (last, "start", "t", &start));
  g_assert_cmpuint (start, ==, 1000 + GR_WINDOW_RUNS_MAX + 2);
  g_assert_true (g_variant_lookup (last, "result", "&s", &result));
  g_assert_cmpstr (result, ==, "succeeded");
  g_assert_true (g_variant_lookup (last, "job", "&o", &result));
  gr_window_store_set_schedule (again, "p_h_s", NULL, 0);
  g_assert_null (gr_window_store_get_schedule (again, "p_h_s", &timeout));
  gr_window_store_forget (again, "p_h_s");
  g_clear_pointer (&runs, g_variant_unref);
  runs = gr_window_store_get_runs (again, "p_h_s");
  g_assert_cmpuint (g_variant_n_children (runs), ==, 0);
}

/* --- gluster volume get ---------------------------------------------- */

static void
test_volume_get (void)
{
  const char *output = "Option                                   Value\n"
                       "------                                   -----\n"
                       "features.read-only                       off\n";
  g_autofree char *value =
      gr_dr_parse_volume_get (output, "features.read-only");
  g_autofree char *missing =
      gr_dr_parse_volume_get (output, "changelog.changelog");

  g_assert_cmpstr (value, ==, "off");
  g_assert_null (missing);
}

/* --- remote gluster words ------------------------------------------------ */

static void
test_remote_words (void)
{
  const char *good[] = { "volume",       "geo-replication", "sv",
                         "10.0.0.1::pv", "create",          "ssh-port",
                         "2222",         "push-pem",        NULL };
  const char *const bad[][3] = {
    { "volume", "--xml", NULL }, { "volume", "a b", NULL },
    { "volume", "a;b", NULL },   { "volume", "$(id)", NULL },
    { "volume", "a\nb", NULL },  { "volume", "", NULL },
    { NULL, NULL, NULL },
  };

  g_assert_true (gr_ssh_gluster_validate (good, NULL));
  for (guint i = 0; bad[i][0] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (gr_ssh_gluster_validate (bad[i], &error));
      g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
    }
  g_assert_false (gr_ssh_gluster_validate ((const char *[]){ NULL }, NULL));
}

/* What a remote step tries again: no answer, or what gluster says for a
 * while after its glusterd came back; not a refusal with a reason. */
static void
test_remote_transient (void)
{
  const struct {
    GrError code;
    const char *message;
    gboolean transient;
  } cases[] = {
    { GR_ERROR_TIMEDOUT, "gluster did not answer in 150 s", TRUE },
    { GR_ERROR_GLUSTERD_UNAVAILABLE, "glusterd is not running", TRUE },
    { GR_ERROR_HOST_UNREACHABLE, "No route to host", TRUE },
    { GR_ERROR_GLUSTER_FAILED,
      "geo-replication config-set failed for s 10.0.0.1::p", TRUE },
    { GR_ERROR_GLUSTER_FAILED,
      "Staging failed on localhost. Please check the log file for more "
      "details.",
      TRUE },
    { GR_ERROR_GLUSTER_FAILED,
      "Staging failed on localhost. Error: Geo-replication session between "
      "s and 10.0.0.1::p does not exist.",
      FALSE },
    { GR_ERROR_GLUSTER_FAILED, "Volume p does not exist", FALSE },
    { GR_ERROR_INVALID_ARGUMENT, "config-set failed", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error =
          g_error_new_literal (GR_ERROR, cases[i].code, cases[i].message);

      g_assert_cmpint (gr_dr_remote_is_transient (error), ==,
                       cases[i].transient);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dr/schedule/intervals", test_schedule_intervals);
  g_test_add_func ("/dr/schedule/refused", test_schedule_refused);
  g_test_add_func ("/dr/schedule/calendar", test_schedule_calendar);
  g_test_add_func ("/dr/job/transitions", test_job_transitions);
  g_test_add_func ("/dr/job/abort", test_job_abort);
  g_test_add ("/dr/store/round-trip", Fixture, NULL, fixture_setup,
              test_store_round_trip, fixture_teardown);
  g_test_add ("/dr/store/invalid-records", Fixture, NULL, fixture_setup,
              test_store_invalid_records, fixture_teardown);
  g_test_add ("/dr/store/corrupt", Fixture, NULL, fixture_setup,
              test_store_corrupt, fixture_teardown);
  g_test_add ("/dr/windows/store", Fixture, NULL, fixture_setup,
              test_window_store, fixture_teardown);
  g_test_add_func ("/dr/volume-get", test_volume_get);
  g_test_add_func ("/dr/remote-words", test_remote_words);
  g_test_add_func ("/dr/remote-transient", test_remote_transient);
  return g_test_run ();
}
