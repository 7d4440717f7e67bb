/* georepd: the long operations' shared steps (gr-dr-steps.h). */
#include <stdarg.h>

#include "gr-dr-steps.h"
#include "gr-error.h"
#include "gr-jobs.h"

GrSessionObject *
gr_dr_session (GrJobObject *job, GError **error)
{
  GrJobs *jobs = gr_job_object_get_jobs (job);
  GrRegistry *registry = gr_jobs_get_registry (jobs);
  const char *label = gr_job_object_get (job, "session");
  GrSessionObject *session =
      label ? gr_registry_lookup_session (registry, label) : NULL;

  if (session == NULL)
    g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND,
                 "The session %s no longer exists", label ? label : "");
  return session;
}

gboolean
gr_dr_session_is_idle (GrSessionObject *session)
{
  GrSessionState state = gr_session_object_get_state (session);

  return state == GR_SESSION_STATE_CREATED || state == GR_SESSION_STATE_STOPPED;
}

typedef struct {
  GrJobObject *job;
  GrSessionObject *session;
  GrJobStepFunc then;
} GrDrCall;

static void
dr_call_free (GrDrCall *call)
{
  g_object_unref (call->job);
  g_object_unref (call->session);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrDrCall, dr_call_free)

static GrDrCall *
dr_call_new (GrJobObject *job, GrSessionObject *session, GrJobStepFunc then)
{
  GrDrCall *call = g_new0 (GrDrCall, 1);

  call->job = g_object_ref (job);
  call->session = g_object_ref (session);
  call->then = then;
  return call;
}

static void
on_refreshed (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GrDrCall) call = data;
  g_autoptr (GError) error = NULL;

  /* A failed refresh only delays the model; the step looks again. */
  if (!gr_refresher_refresh_session_finish (GR_REFRESHER (source), res, &error))
    g_warning ("Cannot refresh a job's session: %s", error->message);
  if (call->then != NULL)
    call->then (call->job);
  else
    gr_job_object_step_done (call->job, NULL);
}

static GrGluster *
gluster_of (GrSessionObject *session)
{
  return gr_context_get_gluster (gr_session_object_get_context (session));
}

static void
refresh (GrDrCall *call)
{
  GrRefresher *refresher = gr_session_object_get_refresher (call->session);

  gr_refresher_refresh_session_async (
      refresher, gr_session_object_get_id (call->session), on_refreshed, call);
}

void
gr_dr_session_refresh (GrJobObject *job,
                       GrSessionObject *session,
                       GrJobStepFunc then)
{
  refresh (dr_call_new (job, session, then));
}

static void
on_command_done (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GrDrCall) call = data;
  GrRefresher *refresher = gr_session_object_get_refresher (call->session);
  GError *error = NULL;

  if (!gr_gluster_run_finish (gluster_of (call->session), res, &error))
    {
      gr_refresher_poll_soon (refresher);
      gr_job_object_step_done (call->job, error);
      return;
    }
  refresh (g_steal_pointer (&call));
}

void
gr_dr_session_command (GrJobObject *job,
                       GrSessionObject *session,
                       GrJobStepFunc then,
                       const char *word,
                       ...)
{
  GrSessionId *id = gr_session_object_get_id (session);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  va_list ap;

  g_strv_builder_add_many (builder, "volume", "geo-replication", id->primary,
                           id->url, NULL);
  va_start (ap, word);
  for (const char *w = word; w != NULL; w = va_arg (ap, const char *))
    g_strv_builder_add (builder, w);
  va_end (ap);
  argv = g_strv_builder_end (builder);
  gr_gluster_run_async (gluster_of (session), (const char *const *) argv, NULL,
                        on_command_done, dr_call_new (job, session, then));
}

GrCheckpointCount
gr_dr_count_checkpoint (const GrSessionStatus *status, guint64 checkpoint)
{
  GrCheckpointCount count = { 0 };

  for (guint i = 0; status != NULL && i < status->workers->len; i++)
    {
      const GrWorker *worker = status->workers->pdata[i];

      if (worker->status == GR_WORKER_STATUS_FAULTY)
        count.faulty++;
      if (worker->status != GR_WORKER_STATUS_ACTIVE)
        continue;
      count.active++;
      if (worker->checkpoint_completed && worker->checkpoint_time >= checkpoint)
        count.completed++;
    }
  return count;
}

void
gr_dr_run_step (GrJobObject *job, const GrDrStep *table, gsize n_steps)
{
  const char *step =
      gr_job_record_current_step (gr_job_object_get_record (job));
  GError *error = NULL;
  GrSessionObject *session = gr_dr_session (job, &error);

  if (session == NULL)
    {
      gr_job_object_step_done (job, error);
      return;
    }
  for (gsize i = 0; i < n_steps; i++)
    if (g_str_equal (table[i].name, step))
      {
        table[i].run (job, session);
        return;
      }
  g_assert_not_reached ();
}
