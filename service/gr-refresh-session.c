/* georepd: refreshing one session after a change made to it, so that
 * the reply to the change finds the objects showing its outcome (the
 * snapshot is applied while it is emitted). */
#include "gr-error.h"
#include "gr-refresh-private.h"
#include "gr-xml-geo-status.h"

static void
apply_session (GrRefreshRun *run)
{
  guint reported = run->statuses->len;

  g_ptr_array_set_free_func (run->statuses, NULL);
  for (guint i = 0; i < run->statuses->len; i++)
    gr_refresh_report (run, run->statuses->pdata[i]);
  if (reported == 0)
    g_task_return_new_error (run->task, GR_ERROR, GR_ERROR_FAILED,
                             "gluster did not report the session's status");
  else
    g_task_return_boolean (run->task, TRUE);
  gr_refresher_poll_soon (run->refresher);
  gr_refresh_run_free (run);
}

static void
forget_session (GrRefreshRun *run)
{
  gr_refresher_forget (run->refresher, run->id->label);
  g_task_return_boolean (run->task, TRUE);
  gr_refresh_run_free (run);
}

static void
on_session_status (GObject *source, GAsyncResult *res, gpointer data)
{
  GrRefreshRun *run = data;
  g_autoptr (GError) error = NULL;

  run->statuses = gr_gluster_run_parsed_finish (
      gr_refresher_get_gluster (run->refresher), res, &error);
  /* Only the session's directory tells "no such session" from a failing
   * status command. */
  if (run->statuses == NULL &&
      g_error_matches (error, GR_ERROR, GR_ERROR_GLUSTER_FAILED) &&
      !gr_session_id_dir_exists (run->id))
    {
      forget_session (run);
      return;
    }
  if (run->statuses == NULL)
    {
      g_task_return_error (run->task, g_steal_pointer (&error));
      gr_refresh_run_free (run);
      return;
    }
  gr_refresh_query_configs (run, apply_session);
}

void
gr_refresher_refresh_session_async (GrRefresher *self,
                                    GrSessionId *id,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  GrRefreshRun *run = gr_refresh_run_new (self);
  const char *args[] = { "volume", "geo-replication", id->primary,
                         id->url,  "status",          NULL };

  run->task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (run->task, gr_refresher_refresh_session_async);
  run->id = gr_session_id_ref (id);
  gr_gluster_run_parsed_async (
      gr_refresher_get_gluster (self), args, gr_xml_read_geo_status,
      (GDestroyNotify) g_ptr_array_unref, NULL, on_session_status, run);
}

gboolean
gr_refresher_refresh_session_finish (GrRefresher *self,
                                     GAsyncResult *result,
                                     GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
