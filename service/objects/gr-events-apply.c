/* georepd: an event as a fact, before the refresh that confirms it.
 *
 * gsyncd sets a worker's status file, then emits the event (syncdaemon
 * gsyncdstatus.py and monitor.py); glustereventsd of its node posts it
 * to every webhook within a second. Another node's worker is otherwise
 * known only from the CLI's status, at the next poll; the event says
 * which worker and what it became, so it is applied at once and the
 * refresh that follows (gr-events-refresh.c) corrects whatever the
 * event could not tell. */
#include "gr-events-apply.h"
#include "gr-label.h"
#include "gr-session-object.h"
#include "gr-status-file.h"

static gboolean
names_worker (const GrWorker *worker, const GrEventWorker *named)
{
  if (g_strcmp0 (worker->primary_brick, named->brick) != 0)
    return FALSE;
  if (named->node_uuid != NULL && worker->primary_node_uuid != NULL &&
      *worker->primary_node_uuid != '\0')
    return g_ascii_strcasecmp (worker->primary_node_uuid, named->node_uuid) ==
           0;
  return g_strcmp0 (worker->primary_node, named->node) == 0;
}

/* What @event makes of @worker; FALSE when nothing. */
static gboolean
apply_one (GrWorker *worker, const char *event, const GrEventWorker *named)
{
  GrWorkerStatus before = worker->status;
  gboolean completed = worker->checkpoint_completed;

  if (g_str_equal (event, "GEOREP_ACTIVE"))
    worker->status = GR_WORKER_STATUS_ACTIVE;
  else if (g_str_equal (event, "GEOREP_PASSIVE"))
    worker->status = GR_WORKER_STATUS_PASSIVE;
  else if (g_str_equal (event, "GEOREP_FAULTY"))
    worker->status = GR_WORKER_STATUS_FAULTY;
  else if (g_str_equal (event, "GEOREP_CHECKPOINT_COMPLETED"))
    {
      worker->checkpoint_completed = TRUE;
      if (named->checkpoint_time != 0)
        worker->checkpoint_time = named->checkpoint_time;
      if (named->checkpoint_completion_time != 0)
        worker->checkpoint_completion_time = named->checkpoint_completion_time;
      return !completed;
    }
  return worker->status != before;
}

gboolean
gr_events_apply_to_workers (GPtrArray *workers,
                            const char *event,
                            const GrEventWorker *named,
                            const char *own_uuid)
{
  if (named->brick == NULL || (named->node == NULL && named->node_uuid == NULL))
    return FALSE;
  for (guint i = 0; workers != NULL && i < workers->len; i++)
    {
      GrWorker *worker = workers->pdata[i];

      if (!names_worker (worker, named))
        continue;
      if (own_uuid != NULL &&
          g_strcmp0 (worker->primary_node_uuid, own_uuid) == 0)
        return FALSE;
      return apply_one (worker, event, named);
    }
  return FALSE;
}

gboolean
gr_events_apply (GrEvents *events,
                 const char *event,
                 const char *primary,
                 const char *host,
                 const char *secondary,
                 gpointer worker_data,
                 gpointer registry)
{
  const GrEventWorker *worker = worker_data;
  g_autofree char *label = gr_session_label (primary, host, secondary);
  GrSessionObject *session = gr_registry_lookup_session (registry, label);
  g_autofree char *own_uuid = NULL;
  GrRefresher *refresher;
  GrSessionStatus *status;

  if (session == NULL ||
      (status = gr_session_object_get_status (session)) == NULL)
    return FALSE;
  refresher = gr_session_object_get_refresher (session);
  own_uuid = gr_status_file_read_node_uuid (
      gr_context_get_config (gr_session_object_get_context (session))
          ->glusterd_dir);
  if (!gr_events_apply_to_workers (status->workers, event, worker, own_uuid))
    return FALSE;
  g_debug ("Event %s applied to the worker of %s:%s", event,
           worker->node ? worker->node : worker->node_uuid, worker->brick);
  gr_session_object_apply_status (
      session, status, gr_refresher_lookup_volume (refresher, primary));
  return TRUE;
}
