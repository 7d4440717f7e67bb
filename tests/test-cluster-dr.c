/* Disaster recovery on the two-cluster sandbox (scripts/sandbox
 * cluster-up; docs/disaster-recovery.md): a session from the replica-2
 * volume of A+B to a volume of the separate cluster C.
 *
 * - Sync windows on a short schedule run twice; each checkpoint completes
 *   (the Active worker may be A's or B's) and the session ends stopped;
 *   RemoveSchedule reaches a cached proxy at once.
 * - C unreachable (its link down): the run fails with its reason.
 * - Failover and failback: C's volume promoted and written to through a
 *   mount; the failback's reverse session runs on C's glusterd and writes
 *   into the primary through B (A's sshd is on loopback only); georepd is
 *   killed in the middle and C's glusterd stopped meanwhile: after the
 *   restart the job goes on from its step, tries C again until its
 *   glusterd is back, and ends with the files on the primary, read-only
 *   back on C and the original session running. One failback only: the
 *   cluster suite runs in CI. */
#include <signal.h>
#include <string.h>

#include "gr-error.h"
#include "gr-names.h"
#include "gr-test-cluster.h"
#include "gr-test-dr.h"
#include "gr-test-gluster.h"
#include "gr-test-util.h"

#define FILES 3

typedef struct {
  GrTestCluster cluster;
  GrSession *session;
  guint runs_before;
  char *failback; /* the test's failback job, aborted if not over */
} Fixture;

/* The reverse session of C, should a failback have stopped half-way. */
static void
reverse_destroy (Fixture *f)
{
  g_autofree char *url = g_strdup_printf ("%s::%s", gr_test_cluster_addr ("B"),
                                          f->cluster.primary);

  gr_test_sandbox (GR_TEST_GLUSTER_ON_C, "volume", "geo-replication",
                   f->cluster.secondary, url, "stop", "force", NULL);
  gr_test_sandbox (GR_TEST_GLUSTER_ON_C, "volume", "geo-replication",
                   f->cluster.secondary, url, "delete", NULL);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GVariant) runs = NULL;
  g_autofree char *brick = NULL;

  gr_test_cluster_setup (&f->cluster, data);
  reverse_destroy (f);
  gr_test_cluster_primary_create (f->cluster.primary);
  brick = gr_test_cluster_secondary_create (f->cluster.secondary);
  f->session = gr_test_cluster_create_session (&f->cluster);
  runs = gr_test_dr_get_runs (f->session);
  f->runs_before = (guint) g_variant_n_children (runs);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gr_test_sandbox ("cluster-glusterd", "C", "start", NULL);
  if (f->session != NULL)
    gr_session_call_remove_schedule_sync (f->session, gr_test_options_none (),
                                          NULL, NULL);
  /* A failed failback would keep the session Busy for the next run. */
  if (f->failback != NULL)
    gr_test_call (f->cluster.bus, f->failback, GR_DBUS_INTERFACE_JOB, "Abort",
                  g_variant_new_parsed ("(@a{sv} {},)"), NULL);
  g_free (f->failback);
  reverse_destroy (f);
  g_clear_object (&f->session);
  gr_test_cluster_teardown (&f->cluster, data);
}

/* --- sync windows --------------------------------------------------------- */

static void
test_schedule_runs_twice (Fixture *f, gconstpointer data)
{
  gr_test_dr_schedule_runs_twice (f->cluster.bus, f->session, f->runs_before);
  gr_test_cluster_await_refreshed (&f->cluster, f->session,
                                   gr_test_cluster_is_stopped, 60, "stopped");
}

/* C cannot be reached (its link down, every packet lost): the run fails
 * with its reason, recorded, and the session is stopped again. */
static void
test_unreachable_secondary (Fixture *f, gconstpointer data)
{
  g_autoptr (GrJob) job = NULL;
  g_autoptr (GVariant) runs = NULL;
  g_autoptr (GVariant) last = NULL;
  g_autofree char *path = NULL;
  const char *reason;
  gint64 start = g_get_monotonic_time ();

  gr_test_cluster_set_c_link ("down");
  path = gr_test_dr_run_now (f->session, 120);
  job = gr_test_dr_job (f->cluster.bus, path);
  g_assert_true (gr_test_wait_for (gr_test_dr_job_is_over, job, 300000));
  g_assert_cmpstr (gr_job_get_state (job), ==, "failed");
  runs = gr_test_dr_await_runs (f->session, f->runs_before + 1, 30);
  last = g_variant_get_child_value (runs, f->runs_before);
  reason = gr_test_dr_assert_failed (last);
  g_test_message ("failed after %.0f s at step %u: %s",
                  (g_get_monotonic_time () - start) / 1e6,
                  gr_job_get_current_step (job), reason);
  g_assert_cmpstr (reason, ==, gr_job_get_error (job));
  /* gsyncd's logged reason (seen: "No route to host" from its ssh, or a
   * TypeError of gsyncd's own on that path), or else the count of
   * workers at the run's timeout. */
  g_assert_true (g_str_has_prefix (reason, "No worker became Active: ") ||
                 strstr (reason, "0 of 0 Active") != NULL);
  gr_test_cluster_await_refreshed (&f->cluster, f->session,
                                   gr_test_dr_session_is_idle, 60, "stopped");
}

/* --- failover and failback ------------------------------------------------ */

static void
assert_option_on_c (const char *volume, const char *key, const char *value)
{
  const char *on_c[] = { gr_test_env ("GEOREP_SANDBOX_SCRIPT"), "on", "C",
                         NULL };

  gr_test_dr_assert_option (on_c, volume, key, value);
}

static void
promote_and_write (Fixture *f)
{
  g_autofree char *promotion = NULL;
  g_autofree char *mount = NULL;
  g_autoptr (GrJob) promoted = NULL;
  const char *volume = f->cluster.secondary;

  f->cluster.destination =
      gr_test_cluster_add_destination_c (&f->cluster, "root");
  promotion =
      gr_test_dr_promote (f->cluster.bus, f->cluster.destination, volume);
  promoted = gr_test_dr_await_settled (f->cluster.bus, promotion, 300);
  g_assert_cmpstr (gr_job_get_state (promoted), ==, "completed");
  assert_option_on_c (volume, "features.read-only", "off");
  assert_option_on_c (volume, "geo-replication.indexing", "on");
  assert_option_on_c (volume, "changelog.changelog", "on");
  /* An application of the secondary site writes. */
  mount = gr_test_mount_from (gr_test_cluster_addr ("C"), volume);
  gr_test_dr_write_files (mount, FILES);
  gr_test_unmount (mount);
}

/* The index of @name among the job's steps. */
static guint
step_index (GrJob *job, const char *name)
{
  const char *const *steps = gr_job_get_steps (job);

  for (guint i = 0; steps && steps[i]; i++)
    if (g_str_equal (steps[i], name))
      return i;
  g_error ("no step %s", name);
}

typedef struct {
  GrJob *job;
  guint step;
} StepWait;

static gboolean
reached_step (gpointer data)
{
  StepWait *wait = data;

  return gr_job_get_current_step (wait->job) >= wait->step ||
         gr_test_dr_job_is_over (wait->job);
}

/* Whether the job tries C again (gr-dr-remote.c), for a GrJob *. */
static gboolean
retrying (gpointer job)
{
  return strstr (gr_job_get_message (job), "trying again") != NULL;
}

/* georepd SIGKILLed once the reverse session is started, C's glusterd
 * stopped; georepd back: the job goes on from the step it was at, tries
 * C until its glusterd is back. Returns the job's new proxy. */
static GrJob *
interrupt (Fixture *f, GrJob *job, const char *path, gint64 *killed)
{
  StepWait wait = { job, step_index (job, "start-reverse") };
  guint step;
  GrJob *again;

  g_assert_true (gr_test_wait_for (reached_step, &wait, 300000));
  step = gr_job_get_current_step (job);
  g_assert_false (gr_test_dr_job_is_over (job));
  g_test_message ("killing georepd at step %u (%s)", step,
                  gr_job_get_steps (job)[step]);
  *killed = g_get_monotonic_time ();
  g_assert_cmpint (kill ((pid_t) gr_test_service_pid (f->cluster.bus), SIGKILL),
                   ==, 0);
  g_assert_cmpint (gr_test_sandbox ("cluster-glusterd", "C", "stop", NULL), ==,
                   0);
  g_assert_cmpint (gr_test_sandbox ("restart-service", NULL), ==, 0);
  again = gr_test_dr_job (f->cluster.bus, path);
  g_assert_cmpuint (gr_job_get_current_step (again), >=, step);
  g_assert_cmpuint (gr_job_get_start_time (again), ==,
                    gr_job_get_start_time (job));
  /* Every step from start-reverse on but the last asks C. */
  if (!gr_test_wait_for (retrying, again, 120000))
    g_error ("the job does not try C again: %s at step %u, %s %s",
             gr_job_get_state (again), gr_job_get_current_step (again),
             gr_job_get_message (again), gr_job_get_error (again));
  g_test_message ("while C's glusterd is down: %s", gr_job_get_message (again));
  g_assert_cmpstr (gr_job_get_state (again), ==, "running");
  g_assert_cmpint (gr_test_sandbox ("cluster-glusterd", "C", "start", NULL), ==,
                   0);
  return again;
}

/* The session's proxy after georepd's restart. */
static void
renew_session (Fixture *f)
{
  g_autofree char *path =
      g_strdup (g_dbus_proxy_get_object_path (G_DBUS_PROXY (f->session)));

  g_clear_object (&f->session);
  gr_test_await_object (f->cluster.objects, path, TRUE, 60000);
  f->session = GR_SESSION (g_dbus_object_manager_get_interface (
      f->cluster.objects, path, GR_DBUS_INTERFACE_SESSION));
  g_assert_nonnull (f->session);
  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (f->session), 300000);
}

static void
assert_failed_back (Fixture *f)
{
  g_autofree char *mount = gr_test_mount (f->cluster.primary);
  g_autofree char *url = g_strdup_printf ("%s::%s", gr_test_cluster_addr ("B"),
                                          f->cluster.primary);

  gr_test_dr_assert_files (mount, FILES);
  gr_test_unmount (mount);
  assert_option_on_c (f->cluster.secondary, "features.read-only", "on");
  /* The reverse session is gone from C. */
  g_assert_cmpint (gr_test_sandbox (GR_TEST_GLUSTER_ON_C, "volume",
                                    "geo-replication", f->cluster.secondary,
                                    url, "status", NULL),
                   !=, 0);
  gr_test_cluster_await_refreshed (&f->cluster, f->session,
                                   gr_test_cluster_active_passive, 180,
                                   "the original session runs again");
}

static void
test_failover_failback (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (GrJob) waiting = NULL;
  g_autoptr (GrJob) again = NULL;
  g_autoptr (GrJob) done = NULL;
  gint64 begun, confirmed, killed = 0, back;

  gr_test_cluster_start_session (f->session);
  promote_and_write (f);
  begun = g_get_monotonic_time ();
  path = gr_test_dr_failback (f->session, gr_test_cluster_addr ("B"), 900);
  f->failback = g_strdup (path);
  waiting = gr_test_dr_await_settled (f->cluster.bus, path, 300);
  gr_test_dr_confirm_io_stopped (waiting);
  confirmed = g_get_monotonic_time ();
  again = interrupt (f, waiting, path, &killed);
  back = g_get_monotonic_time ();
  done = gr_test_dr_await_settled (f->cluster.bus, path, 900);
  g_test_message (
      "cluster failback: %.1f s to the confirmation, %.1f s from it to the "
      "kill, %.1f s with georepd killed and C's glusterd stopped, %.1f s "
      "from C's glusterd back to the end; %.1f s without the interruption",
      (confirmed - begun) / 1e6, (killed - confirmed) / 1e6,
      (back - killed) / 1e6, (g_get_monotonic_time () - back) / 1e6,
      (g_get_monotonic_time () - begun - (back - killed)) / 1e6);
  g_assert_cmpstr (gr_job_get_state (done), ==, "completed");
  renew_session (f);
  assert_failed_back (f);
}

int
main (int argc, char **argv)
{
  static const char *const windows[] = { "grsb_cw_p", "grsb_cw_s", NULL };
  static const char *const unreachable[] = { "grsb_cx_p", "grsb_cx_s", NULL };
  static const char *const failback[] = { "grsb_cf_p", "grsb_cf_s", NULL };

  g_test_init (&argc, &argv, NULL);
#define ADD(path, names, func)                                                 \
  g_test_add (path, Fixture, names, fixture_setup, func, fixture_teardown)
  ADD ("/cluster-dr/schedule-runs-twice", windows, test_schedule_runs_twice);
  ADD ("/cluster-dr/unreachable-secondary", unreachable,
       test_unreachable_secondary);
  ADD ("/cluster-dr/failover-failback", failback, test_failover_failback);
  return g_test_run ();
}
