/* Integration tests (sandbox) of the long operations
 * (docs/disaster-recovery.md): sync windows on a short schedule run
 * twice, each with a completed checkpoint, and leave the session stopped;
 * a run whose secondary cannot be reached fails with gsyncd's reason; a
 * sync window interrupted by killing georepd goes on after its restart;
 * bad input is refused. Real glusterd, gsyncd, sshd, polkitd. */
#include <signal.h>
#include <string.h>

#include "gr-error.h"
#include "gr-names.h"
#include "gr-test-dr.h"
#include "gr-test-files.h"
#include "gr-test-gluster.h"
#include "gr-test-sshd.h"
#include "gr-test-util.h"

#define HOST "127.0.0.1"
#define PRIMARY "grsbdrp"
#define SECONDARY "grsbdrs"

typedef struct {
  GDBusConnection *bus;
  GrManager *manager;
  GDBusObjectManager *objects;
  char *path; /* the session */
  GrSession *session;
  /* Runs recorded before the test: a session of the same name that an
   * earlier test deleted keeps them until georepd saw it gone. */
  guint runs_before;
} Fixture;

static GVariant *
no_options (void)
{
  return g_variant_new ("a{sv}", NULL);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusObject) object = NULL;
  g_autoptr (GVariant) options = g_variant_ref_sink (
      g_variant_new_parsed ("{'ssh-port': <%q>, 'rsync-follow-cwd': <true>}",
                            (guint16) atoi (gr_test_env ("GEOREP_SSH_PORT"))));

  f->bus = gr_test_bus ();
  f->manager = gr_test_manager (f->bus);
  f->objects = gr_test_objects (f->bus);
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_volume_create (PRIMARY);
  gr_test_volume_create (SECONDARY);
  gr_manager_call_create_session_sync (f->manager, PRIMARY, HOST, SECONDARY,
                                       options, &f->path, NULL, &error);
  g_assert_no_error (error);
  gr_test_wait_for_hooks ();
  gr_test_await_object (f->objects, f->path, TRUE, 10000);
  object = g_dbus_object_manager_get_object (f->objects, f->path);
  f->session = gr_object_get_session (GR_OBJECT (object));
  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (f->session), 300000);
}

static void
fixture_setup_runs (Fixture *f, gconstpointer data)
{
  g_autoptr (GVariant) runs = NULL;

  fixture_setup (f, data);
  runs = gr_test_dr_get_runs (f->session);
  f->runs_before = (guint) g_variant_n_children (runs);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->session != NULL)
    gr_session_call_remove_schedule_sync (f->session, no_options (), NULL,
                                          NULL);
  gr_test_session_destroy (PRIMARY, HOST, SECONDARY);
  gr_test_session_destroy (SECONDARY, HOST, PRIMARY);
  gr_test_volume_destroy (PRIMARY);
  gr_test_volume_destroy (SECONDARY);
  g_clear_object (&f->session);
  g_free (f->path);
  g_clear_object (&f->objects);
  g_clear_object (&f->manager);
  g_clear_object (&f->bus);
}

/* --- runs ---------------------------------------------------------------- */

/* The runs of this test once there are @count; the n-th is
 * g_variant_get_child_value (runs, f->runs_before + n). */
static GVariant *
await_runs (Fixture *f, guint count, guint seconds)
{
  return gr_test_dr_await_runs (f->session, f->runs_before + count, seconds);
}

/* Two scheduled windows, each with a completed checkpoint; the session
 * is stopped between and after them, as it was before. */
static void
test_schedule_runs_twice (Fixture *f, gconstpointer data)
{
  gr_test_dr_schedule_runs_twice (f->bus, f->session, f->runs_before);
  g_assert_true (
      gr_test_wait_for (gr_test_dr_session_is_idle, f->session, 60000));
}

/* --- a job ---------------------------------------------------------------- */

/* An unreachable secondary (the session's ssh port is closed): the run
 * fails with gsyncd's reason, is recorded, and the session is stopped
 * again. */
static void
test_unreachable_secondary (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) runs = NULL;
  g_autoptr (GVariant) last = NULL;
  g_autoptr (GrJob) job = NULL;
  g_autofree char *path = NULL;
  const char *reason = NULL;

  gr_session_call_set_config_sync (f->session, "ssh-port", "9", no_options (),
                                   NULL, &error);
  g_assert_no_error (error);
  path = gr_test_dr_run_now (f->session, 120);
  job = gr_test_dr_job (f->bus, path);
  g_assert_true (gr_test_wait_for (gr_test_dr_job_is_over, job, 200000));
  g_assert_cmpstr (gr_job_get_state (job), ==, "failed");
  g_test_message ("failed at step %u: %s", gr_job_get_current_step (job),
                  gr_job_get_error (job));
  g_assert_cmpuint (gr_job_get_end_time (job), >, 0);
  runs = await_runs (f, 1, 30);
  last = g_variant_get_child_value (runs, f->runs_before);
  reason = gr_test_dr_assert_failed (last);
  g_assert_cmpstr (reason, ==, gr_job_get_error (job));
  /* gsyncd's words for a refused connection, or the timeout's count. */
  g_assert_true (strstr (reason, "refused") != NULL ||
                 strstr (reason, "0 of 0 Active") != NULL);
  g_assert_true (
      gr_test_wait_for (gr_test_dr_session_is_idle, f->session, 60000));
  /* A failed sync window is over: a new one is a new run. */
  gr_job_call_resume_sync (job, no_options (), NULL, &error);
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_STATE);
}

static void
restart_service (void)
{
  g_autofree char *script = g_build_filename (gr_test_env ("GEOREP_REPO"),
                                              "scripts", "sandbox", NULL);
  const char *argv[] = { script, "restart-service", NULL };

  g_free (gr_test_run (NULL, argv));
}

static gboolean
past_first_step (gpointer data)
{
  return gr_job_get_current_step (data) >= 2;
}

/* georepd killed in the middle of a sync window: after its restart the
 * job goes on from the step it was at and ends once. */
static void
test_resume_after_kill (Fixture *f, gconstpointer data)
{
  g_autoptr (GrJob) job = NULL;
  g_autoptr (GrJob) again = NULL;
  g_autoptr (GVariant) runs = NULL;
  g_autoptr (GVariant) last = NULL;
  g_autofree char *path = gr_test_dr_run_now (f->session, 600);
  guint step;

  job = gr_test_dr_job (f->bus, path);
  g_assert_true (gr_test_wait_for (past_first_step, job, 120000));
  step = gr_job_get_current_step (job);
  g_test_message ("killing georepd at step %u", step);
  g_assert_cmpint (kill ((pid_t) gr_test_service_pid (f->bus), SIGKILL), ==, 0);
  restart_service ();
  g_clear_object (&f->objects);
  g_clear_object (&f->session);
  g_clear_object (&f->manager);
  g_clear_object (&f->bus);
  f->bus = gr_test_bus ();
  f->manager = gr_test_manager (f->bus);
  again = gr_test_dr_job (f->bus, path);
  g_assert_cmpuint (gr_job_get_current_step (again), >=, step);
  g_assert_cmpuint (gr_job_get_start_time (again), ==,
                    gr_job_get_start_time (job));
  g_assert_true (gr_test_wait_for (gr_test_dr_job_is_over, again, 600000));
  g_assert_cmpstr (gr_job_get_state (again), ==, "completed");
  f->objects = gr_object_manager_client_new_sync (
      f->bus, G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_NONE, GR_DBUS_NAME,
      GR_DBUS_PATH, NULL, NULL);
  gr_test_await_object (f->objects, f->path, TRUE, 60000);
  f->session = GR_SESSION (g_dbus_object_manager_get_interface (
      f->objects, f->path, GR_DBUS_INTERFACE_SESSION));
  runs = gr_test_dr_get_runs (f->session);
  g_assert_cmpuint (g_variant_n_children (runs), ==, f->runs_before + 1);
  last = g_variant_get_child_value (runs, f->runs_before);
  gr_test_dr_assert_succeeded (last);
  g_assert_true (
      gr_test_wait_for (gr_test_dr_session_is_idle, f->session, 60000));
}

/* --- failover and failback ------------------------------------------------ */

static char *
add_root_destination (Fixture *f, gboolean *own)
{
  g_autofree char *fingerprint =
      gr_test_key_fingerprint (gr_test_env ("GEOREP_SSH_HOST_KEY"));
  g_autoptr (GError) error = NULL;
  guint16 port = (guint16) atoi (gr_test_env ("GEOREP_SSH_PORT"));
  char *path = NULL;

  gr_manager_call_add_destination_sync (f->manager, HOST, port, "root",
                                        fingerprint, no_options (), &path, NULL,
                                        &error);
  /* Tests run one at a time: one that exists was left by a run that
   * failed, and this run removes it. */
  *own = TRUE;
  if (g_error_matches (error, GR_ERROR, GR_ERROR_ALREADY_EXISTS))
    return g_strdup (GR_DBUS_PATH_DESTINATIONS "/root_40127_2e0_2e0_2e1");
  g_assert_no_error (error);
  return path;
}

static void
assert_option (const char *volume, const char *key, const char *value)
{
  gr_test_dr_assert_option (NULL, volume, key, value);
}

/* The secondary volume promoted and written to; the failback brings the
 * files to the primary, restores read-only and runs the session again. */
static void
test_failover_failback (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *promotion = NULL, *back = NULL;
  g_autofree char *secondary = NULL, *primary = NULL;
  g_autoptr (GrJob) promoted = NULL;
  g_autoptr (GrJob) waiting = NULL;
  g_autoptr (GrJob) done = NULL;
  gboolean own = FALSE;
  gint64 begun;

  gr_session_call_set_config_sync (f->session, "sync-method", "tarssh",
                                   no_options (), NULL, &error);
  g_assert_no_error (error);
  destination = add_root_destination (f, &own);
  promotion = gr_test_dr_promote (f->bus, destination, SECONDARY);
  promoted = gr_test_dr_await_settled (f->bus, promotion, 300);
  g_assert_cmpstr (gr_job_get_state (promoted), ==, "completed");
  assert_option (SECONDARY, "features.read-only", "off");
  assert_option (SECONDARY, "geo-replication.indexing", "on");
  assert_option (SECONDARY, "changelog.changelog", "on");
  secondary = gr_test_mount (SECONDARY);
  gr_test_dr_write_files (secondary, 3);
  gr_test_unmount (secondary);
  begun = g_get_monotonic_time ();
  back = gr_test_dr_failback (f->session, HOST, 900);
  waiting = gr_test_dr_await_settled (f->bus, back, 300);
  gr_test_dr_confirm_io_stopped (waiting);
  done = gr_test_dr_await_settled (f->bus, back, 900);
  g_test_message ("failback took %.1f s",
                  (g_get_monotonic_time () - begun) / 1e6);
  g_assert_cmpstr (gr_job_get_state (done), ==, "completed");
  primary = gr_test_mount (PRIMARY);
  gr_test_dr_assert_files (primary, 3);
  gr_test_unmount (primary);
  assert_option (SECONDARY, "features.read-only", "on");
  g_assert_cmpint (gr_test_gluster ("volume", "geo-replication", SECONDARY,
                                    HOST "::" PRIMARY, "status", NULL),
                   !=, 0);
  /* The original session runs again: the job started it at its last
   * step, and its status reaches this proxy with the next refresh. */
  g_assert_true (
      gr_test_wait_for (gr_test_dr_session_is_running, f->session, 60000));
  if (own)
    gr_test_call (f->bus, destination, GR_DBUS_INTERFACE_DESTINATION, "Remove",
                  g_variant_new_parsed ("({'force': <true>},)"), NULL);
}

/* --- refusals ------------------------------------------------------------ */

static void
test_refusals (Fixture *f, gconstpointer data)
{
  const char *const bad[] = { "every 1s", "sometimes", "Mon..Sun 25:00",
                              "-daily" };
  g_autoptr (GError) error = NULL;
  g_autofree char *output = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gr_session_call_set_schedule_sync (f->session, bad[i], no_options (),
                                         NULL, &error);
      g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  gr_session_call_failback_sync (f->session, no_options (), NULL, NULL, &error);
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "confirm"));
  g_clear_error (&error);
  gr_test_dispatch_pending ();
  g_assert_cmpstr (gr_session_get_schedule (f->session), ==, "");
  /* Without the right: the unprivileged user is refused before any
   * change. */
  g_assert_cmpint (gr_test_call_as (gr_test_env ("GEOREP_PLAIN_USER"), f->path,
                                    GR_DBUS_INTERFACE_SESSION, "SetSchedule",
                                    "('daily', @a{sv} {})", &output),
                   ==, 1);
  g_assert_true (
      g_str_has_prefix (output, GR_DBUS_ERROR_PREFIX "NotAuthorized"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/dr/refusals", Fixture, NULL, fixture_setup, test_refusals,
              fixture_teardown);
  g_test_add ("/dr/window/schedule-runs-twice", Fixture, NULL,
              fixture_setup_runs, test_schedule_runs_twice, fixture_teardown);
  g_test_add ("/dr/window/unreachable-secondary", Fixture, NULL,
              fixture_setup_runs, test_unreachable_secondary, fixture_teardown);
  g_test_add ("/dr/window/resume-after-kill", Fixture, NULL, fixture_setup_runs,
              test_resume_after_kill, fixture_teardown);
  g_test_add ("/dr/failover-failback", Fixture, NULL, fixture_setup,
              test_failover_failback, fixture_teardown);
  return g_test_run ();
}
