/* georepd: did the start work (gr-start-verdict.h). */
#include "gr-start-verdict.h"

static gboolean
any_worker_runs (GPtrArray *workers)
{
  for (guint i = 0; workers && i < workers->len; i++)
    {
      const GrWorker *worker = g_ptr_array_index (workers, i);

      if (worker->status == GR_WORKER_STATUS_ACTIVE ||
          worker->status == GR_WORKER_STATUS_PASSIVE)
        return TRUE;
    }
  return FALSE;
}

GrStartVerdict
gr_start_verdict (gboolean monitor_running,
                  GPtrArray *workers,
                  const GrGsyncdReason *reason,
                  gint64 elapsed)
{
  /* No brick here: nothing of the session runs on this node to look at. */
  if (workers == NULL || workers->len == 0 || any_worker_runs (workers))
    return GR_START_RUNNING;
  if (reason != NULL)
    return GR_START_FAILED;
  if (!monitor_running && elapsed >= GR_START_MONITOR_GRACE_US)
    return GR_START_FAILED;
  return GR_START_WAITING;
}

char *
gr_start_failure_message (const GrGsyncdReason *reason,
                          gboolean monitor_running,
                          guint timeout_seconds)
{
  if (reason != NULL)
    return g_strdup_printf ("The session did not start: %s", reason->message);
  if (!monitor_running)
    return g_strdup ("The session did not start: gsyncd's monitor exited "
                     "without logging why (see the session's gsyncd.log)");
  return g_strdup_printf ("The session did not start within %u s: no worker "
                          "of this node became Active or Passive",
                          timeout_seconds);
}
