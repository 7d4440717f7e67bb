/* georepd: a sync window, as a job (docs/disaster-recovery.md): start
 * the session if it is stopped, set a checkpoint, touch the primary
 * volume's root so that the checkpoint can complete without other
 * writes, wait until every Active worker completed it (bounded by the
 * job's timeout), and stop the session again if it was stopped.
 *
 * Parameters: session (label), timeout (seconds), trigger (schedule or
 * call); learned: was-stopped (1 or 0), checkpoint-time and wait-since
 * (Unix seconds). */
#include "gr-dr-steps.h"
#include "gr-error.h"
#include "gr-log.h"
#include "gr-status-file.h"
#include "gr-verify-local.h"
#include "gr-windows.h"

#define WAIT_POLL_S 3
/* With no Active worker this long and gsyncd's log saying why, the run
 * fails at once instead of waiting out its timeout. */
#define FAULT_GRACE_S 30
#define MONITOR_EXIT_MAX_S 30
#define TOUCH_TIMEOUT_S 60
#define NUDGE_AFTER_S 120

static const char *const window_steps[] = {
  "start-session",   "set-checkpoint",  "touch-root",
  "wait-checkpoint", "restore-session", NULL,
};

/* --- start-session --------------------------------------------------- */

static void
start_session (GrJobObject *job, GrSessionObject *session)
{
  GError *error = NULL;

  if (gr_job_object_get (job, "was-stopped") == NULL)
    gr_job_object_set (job, "was-stopped",
                       gr_dr_session_is_idle (session) ? "1" : "0");
  if (gr_session_object_get_state (session) == GR_SESSION_STATE_PAUSED)
    {
      g_set_error_literal (&error, GR_ERROR, GR_ERROR_INVALID_STATE,
                           "The session is paused: resume it first");
      gr_job_object_step_done (job, error);
      return;
    }
  if (!gr_dr_session_is_idle (session))
    {
      gr_job_object_step_done (job, NULL);
      return;
    }
  gr_job_object_set_uint (job, "started-at",
                          (guint64) (g_get_real_time () / G_USEC_PER_SEC));
  gr_dr_session_command (job, session, NULL, "start", NULL);
}

/* --- set-checkpoint ------------------------------------------------------ */

/* The checkpoint counts from the time asked for at the latest: a status
 * that still shows an older checkpoint, completed, must not end the run. */
static void
checkpoint_set (GrJobObject *job)
{
  g_autoptr (GError) error = NULL;
  GrSessionObject *session = gr_dr_session (job, &error);
  guint64 asked = gr_job_object_get_uint (job, "checkpoint-asked");
  guint64 shown =
      session ? gr_session_get_checkpoint_time (GR_SESSION (session)) : 0;

  gr_job_object_set_uint (job, "checkpoint-time", MAX (asked, shown));
  gr_job_object_step_done (job, NULL);
}

/* gluster's "now" is the primary node's clock, this one's: at or after
 * the time taken before the command. */
static void
set_checkpoint (GrJobObject *job, GrSessionObject *session)
{
  if (gr_job_object_get (job, "checkpoint-time") != NULL)
    {
      gr_job_object_step_done (job, NULL);
      return;
    }
  gr_job_object_set_uint (job, "checkpoint-asked",
                          (guint64) (g_get_real_time () / G_USEC_PER_SEC));
  gr_dr_session_command (job, session, checkpoint_set, "config", "checkpoint",
                         "now", NULL);
}

/* --- touch-root -------------------------------------------------------- */

typedef struct {
  GrJobObject *job;
  GrJobStepFunc then; /* NULL: the step is done */
} GrTouch;

static void
on_touched (GObject *source, GAsyncResult *res, gpointer data)
{
  GrTouch *touch = data;
  g_autoptr (GrJobObject) job = touch->job;
  GrJobStepFunc then = touch->then;
  g_autofree char *out = NULL, *err = NULL;
  GError *error = NULL;

  g_free (touch);
  if (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), res, &out,
                                            &err, &error) &&
      (!g_subprocess_get_successful (G_SUBPROCESS (source)) || out == NULL ||
       strstr (out, "end touched") == NULL))
    error = g_error_new (GR_ERROR, GR_ERROR_FAILED,
                         "Cannot touch the primary volume's root: %s",
                         err && *err ? g_strstrip (err) : "the helper failed");
  if (error == NULL && then != NULL)
    then (job);
  else
    gr_job_object_step_done (job, error);
}

/* The helper mounts the volume in a mount namespace of its own and sets
 * the mtime of its root: a change for gsyncd to sync. */
static void
touch (GrJobObject *job, GrSessionObject *session, GrJobStepFunc then)
{
  g_autofree char *helper = gr_verify_helper_path ();
  g_autofree char *timeout = g_strdup_printf ("%d", TOUCH_TIMEOUT_S);
  const char *argv[] = {
    helper,      "--volume", gr_session_object_get_id (session)->primary,
    "--timeout", timeout,    "--touch-root",
    NULL
  };
  g_autoptr (GSubprocess) process = NULL;
  GError *error = NULL;
  GrTouch *data;

  process = g_subprocess_newv (argv,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                   G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  if (process == NULL)
    {
      gr_job_object_step_done (job, error);
      return;
    }
  data = g_new0 (GrTouch, 1);
  data->job = g_object_ref (job);
  data->then = then;
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_touched, data);
}

static void
touch_root (GrJobObject *job, GrSessionObject *session)
{
  touch (job, session, NULL);
}

/* --- wait-checkpoint ---------------------------------------------------- */

/* gsyncd's logged reason since the run began, or NULL. */
static const char *
logged_reason (GrJobObject *job, GrSessionObject *session)
{
  GrGsyncdWatch *watch = gr_session_object_get_log_watch (session);
  const GrGsyncdReason *reason;

  if (watch == NULL)
    return NULL;
  gr_gsyncd_watch_catch_up (watch);
  /* Not what the nudge's own stop made gsyncd log. */
  reason = gr_gsyncd_reasons_latest (
      gr_gsyncd_watch_get_reasons (watch),
      MAX ((gint64) gr_job_object_get_record (job)->start_time,
           (gint64) gr_job_object_get_uint (job, "restarted-at") *
               G_USEC_PER_SEC));
  return reason ? reason->message : NULL;
}

static GError *
wait_failure (GrJobObject *job,
              GrSessionObject *session,
              GrCheckpointCount count,
              guint64 waited)
{
  const char *reason = logged_reason (job, session);
  guint64 timeout = gr_job_object_get_uint (job, "timeout");
  guint64 restarted = gr_job_object_get_uint (job, "restarted-at");
  guint64 now = (guint64) (g_get_real_time () / G_USEC_PER_SEC);
  gboolean settled =
      restarted ? now >= restarted + FAULT_GRACE_S : waited >= FAULT_GRACE_S;

  if (count.active == 0 && settled && reason != NULL &&
      g_strcmp0 (gr_job_object_get (job, "nudge"), "stopping") != 0)
    return g_error_new (GR_ERROR, GR_ERROR_FAILED,
                        "No worker became Active: %s", reason);
  if (waited < timeout)
    return NULL;
  return g_error_new (
      GR_ERROR, GR_ERROR_TIMEDOUT,
      "The checkpoint did not complete within %" G_GUINT64_FORMAT
      " s: %u of %u Active workers completed it, %u Faulty%s%s",
      timeout, count.completed, count.active, count.faulty,
      reason ? "; gsyncd: " : "", reason ? reason : "");
}

static void
poll_again (GrJobObject *job)
{
  gr_job_object_poll (job, 1, "restarting the session");
}

static void
nudge_touch (GrJobObject *job)
{
  g_autoptr (GError) error = NULL;
  GrSessionObject *session = gr_dr_session (job, &error);

  gr_job_object_set (job, "nudge", "done");
  if (session == NULL)
    gr_job_object_step_done (job, g_steal_pointer (&error));
  else
    touch (job, session, poll_again);
}

/* On one node gluster's checkpoint sometimes never completes: the live
 * changelog did not start, and a stop and start lets the history crawl
 * catch up (docs/disaster-recovery.md). Done once per run, after
 * NUDGE_AFTER_S, in phases kept in the job so that a restart goes on. */
static gboolean
nudge (GrJobObject *job, GrSessionObject *session, guint64 waited)
{
  const char *phase = gr_job_object_get (job, "nudge");
  GrSessionId *id = gr_session_object_get_id (session);

  if (waited < NUDGE_AFTER_S || g_strcmp0 (phase, "done") == 0)
    return FALSE;
  if (phase == NULL)
    {
      g_message ("Session %s: the checkpoint has not completed after "
                 "%" G_GUINT64_FORMAT " s; restarting the session once",
                 id->label, waited);
      gr_job_object_set (job, "nudge", "stopping");
      gr_dr_session_command (job, session, poll_again, "stop", "force", NULL);
    }
  else if (gr_status_file_monitor_running (id->pid_file))
    poll_again (job);
  else
    {
      gr_job_object_set_uint (job, "restarted-at",
                              (guint64) (g_get_real_time () / G_USEC_PER_SEC));
      gr_dr_session_command (job, session, nudge_touch, "start", "force", NULL);
    }
  return TRUE;
}

static void
check_checkpoint (GrJobObject *job)
{
  g_autoptr (GError) missing = NULL;
  GrSessionObject *session = gr_dr_session (job, &missing);
  guint64 now = (guint64) (g_get_real_time () / G_USEC_PER_SEC);
  guint64 waited = now - gr_job_object_get_uint (job, "wait-since");
  g_autofree char *progress = NULL;
  GrCheckpointCount count;
  GError *error;

  if (session == NULL)
    {
      gr_job_object_step_done (job, g_steal_pointer (&missing));
      return;
    }
  count =
      gr_dr_count_checkpoint (gr_session_object_get_status (session),
                              gr_job_object_get_uint (job, "checkpoint-time"));
  if (count.active > 0 && count.completed == count.active)
    {
      gr_job_object_set_uint (job, "completed-after", waited);
      gr_job_object_step_done (job, NULL);
      return;
    }
  if ((error = wait_failure (job, session, count, waited)) != NULL)
    {
      gr_job_object_step_done (job, error);
      return;
    }
  if (nudge (job, session, waited))
    return;
  progress = g_strdup_printf ("%u of %u Active workers completed the "
                              "checkpoint",
                              count.completed, count.active);
  gr_job_object_poll (job, WAIT_POLL_S, progress);
}

static void
wait_checkpoint (GrJobObject *job, GrSessionObject *session)
{
  if (gr_job_object_get (job, "wait-since") == NULL)
    gr_job_object_set_uint (job, "wait-since",
                            (guint64) (g_get_real_time () / G_USEC_PER_SEC));
  gr_dr_session_refresh (job, session, check_checkpoint);
}

/* --- restore-session ---------------------------------------------------- */

/* A start right after a stop fails silently in gluster while the old
 * monitor still holds its lock: the run ends once it is gone. */
static void
await_monitor_exit (GrJobObject *job)
{
  g_autoptr (GError) error = NULL;
  GrSessionObject *session = gr_dr_session (job, &error);
  guint64 now = (guint64) (g_get_real_time () / G_USEC_PER_SEC);

  if (session != NULL &&
      gr_status_file_monitor_running (
          gr_session_object_get_id (session)->pid_file) &&
      now < gr_job_object_get_uint (job, "stop-since") + MONITOR_EXIT_MAX_S)
    {
      gr_job_object_poll (job, 1, "waiting for gsyncd's monitor to exit");
      return;
    }
  gr_job_object_step_done (job, NULL);
}

static void
restore_session (GrJobObject *job, GrSessionObject *session)
{
  if (gr_job_object_get (job, "started-at") == NULL)
    {
      gr_job_object_step_done (job, NULL);
      return;
    }
  if (gr_job_object_get (job, "stop-since") != NULL ||
      gr_dr_session_is_idle (session))
    {
      await_monitor_exit (job);
      return;
    }
  gr_job_object_set_uint (job, "stop-since",
                          (guint64) (g_get_real_time () / G_USEC_PER_SEC));
  gr_dr_session_command (job, session, await_monitor_exit, "stop", NULL);
}

/* --- the operation ----------------------------------------------------- */

static const GrDrStep window_table[] = {
  { "start-session", start_session },
  { "set-checkpoint", set_checkpoint },
  { "touch-root", touch_root },
  { "wait-checkpoint", wait_checkpoint },
  { "restore-session", restore_session },
};

static void
run_window_step (GrJobObject *job)
{
  gr_dr_run_step (job, window_table, G_N_ELEMENTS (window_table));
}

/* A failed or aborted run leaves the session as it found it. */
static void
cleanup_window (GrJobObject *job)
{
  g_autoptr (GError) error = NULL;
  GrSessionObject *session = gr_dr_session (job, &error);
  GrRefresher *refresher;
  GrSessionId *id;

  /* Whatever the status shows: a start whose monitor died at once is
   * still started for glusterd. */
  if (session == NULL || gr_job_object_get (job, "started-at") == NULL)
    return;
  refresher = gr_session_object_get_refresher (session);
  id = gr_session_object_get_id (session);
  {
    const char *argv[] = { "volume", "geo-replication", id->primary, id->url,
                           "stop",   "force",           NULL };

    gr_gluster_run_async (
        gr_context_get_gluster (gr_session_object_get_context (session)), argv,
        NULL, NULL, NULL);
  }
  gr_refresher_poll_soon (refresher);
}

static void
window_ended (GrJobObject *job)
{
  gr_windows_record_run (job);
}

const GrJobOperation gr_dr_sync_window_operation = {
  .name = "sync-window",
  .steps = window_steps,
  .run_step = run_window_step,
  .cleanup = cleanup_window,
  .failure_is_final = TRUE,
  .ended = window_ended,
};
