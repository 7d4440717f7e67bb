/* georepd: the long operations' runner (gr-jobs.h).
 *
 * Jobs that were running when georepd stopped run their current step
 * again once the first full refresh has filled the registry: their steps
 * look sessions up there. Waiting jobs keep waiting for their Resume;
 * failed ones for a Resume or an Abort. */
#include "gr-error.h"
#include "gr-job-store.h"
#include "gr-jobs.h"

#define JOBS_KEY "gr-jobs"

struct _GrJobs {
  GrContext *context;
  GrRefresher *refresher;
  GrRegistry *registry;
  char *state_dir;
  GPtrArray *jobs; /* GrJobObject *, oldest first */
  gulong first_refresh;
};

static const GrJobOperation *const operations[] = {
  &gr_dr_sync_window_operation,
  &gr_dr_promote_operation,
  &gr_dr_failback_operation,
};

static const GrJobOperation *
find_operation (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    if (g_str_equal (operations[i]->name, name))
      return operations[i];
  return NULL;
}

static GDBusObjectManagerServer *
object_manager (GrJobs *self)
{
  return gr_registry_get_object_manager (self->registry);
}

static void
export_job (GrJobs *self, GrJobObject *job)
{
  g_autoptr (GDBusObjectSkeleton) object =
      g_dbus_object_skeleton_new (gr_job_object_get_path (job));

  g_dbus_object_skeleton_add_interface (object,
                                        G_DBUS_INTERFACE_SKELETON (job));
  g_dbus_object_manager_server_export (object_manager (self), object);
}

void
gr_jobs_free (GrJobs *self)
{
  g_object_set_data (G_OBJECT (self->registry), JOBS_KEY, NULL);
  g_clear_signal_handler (&self->first_refresh, self->refresher);
  g_ptr_array_unref (self->jobs);
  g_free (self->state_dir);
  g_free (self);
}

/* Old finished jobs leave the bus as they leave the file. */
static void
drop_old_finished (GrJobs *self)
{
  guint finished = 0;

  for (guint i = self->jobs->len; i > 0; i--)
    {
      GrJobObject *job = self->jobs->pdata[i - 1];

      if (!gr_job_record_is_final (gr_job_object_get_record (job)) ||
          ++finished <= GR_JOB_STORE_KEEP_FINISHED)
        continue;
      g_dbus_object_manager_server_unexport (object_manager (self),
                                             gr_job_object_get_path (job));
      g_ptr_array_remove_index (self->jobs, i - 1);
    }
}

static void
save (GrJobs *self)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;

  drop_old_finished (self);
  for (guint i = 0; i < self->jobs->len; i++)
    g_ptr_array_add (records, gr_job_object_get_record (self->jobs->pdata[i]));
  if (!gr_job_store_save (self->state_dir, records, &error))
    g_warning ("The jobs are not saved: %s", error->message);
}

void
gr_jobs_changed (GrJobs *self, GrJobObject *job)
{
  gr_job_object_sync (job);
  save (self);
}

static void
on_job_changed (GrJobObject *job, gpointer data)
{
  gr_jobs_changed (data, job);
}

/* Takes @job. */
static void
adopt (GrJobs *self, GrJobObject *job)
{
  g_signal_connect (job, "changed", G_CALLBACK (on_job_changed), self);
  g_ptr_array_add (self->jobs, job);
}

static void
on_first_refresh (GObject *object, GParamSpec *pspec, gpointer data)
{
  GrJobs *self = data;
  g_autoptr (GPtrArray) running =
      g_ptr_array_new_with_free_func (g_object_unref);

  g_clear_signal_handler (&self->first_refresh, self->refresher);
  for (guint i = 0; i < self->jobs->len; i++)
    {
      GrJobObject *job = self->jobs->pdata[i];

      if (gr_job_object_get_record (job)->state == GR_JOB_STATE_RUNNING)
        g_ptr_array_add (running, g_object_ref (job));
    }
  for (guint i = 0; i < running->len; i++)
    {
      g_message ("Job %s (%s) goes on at its step %s after a restart",
                 gr_job_object_get_record (running->pdata[i])->id,
                 gr_job_object_get_record (running->pdata[i])->operation,
                 gr_job_record_current_step (
                     gr_job_object_get_record (running->pdata[i])));
      gr_job_object_run (running->pdata[i]);
    }
}

static void
load (GrJobs *self)
{
  g_autoptr (GPtrArray) records = gr_job_store_load (self->state_dir);

  /* The array gives up its records to the objects. */
  g_ptr_array_set_free_func (records, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      GrJobRecord *record = records->pdata[i];
      const GrJobOperation *operation = find_operation (record->operation);
      GrJobObject *job;

      if (operation == NULL)
        {
          g_warning ("Job %s has an unknown operation %s; dropped it",
                     record->id, record->operation);
          gr_job_record_free (record);
          continue;
        }
      job = gr_job_object_new (self, record, operation);
      adopt (self, job);
      export_job (self, job);
    }
}

GrJobs *
gr_jobs_new (GrContext *context)
{
  GrJobs *self = g_new0 (GrJobs, 1);
  GrRefresher *refresher = gr_context_get_refresher (context);
  GrRegistry *registry = gr_context_get_registry (context);

  self->context = context;
  self->refresher = refresher;
  self->registry = registry;
  self->state_dir = g_strdup (gr_context_get_config (context)->state_directory);
  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  load (self);
  self->first_refresh = g_signal_connect (refresher, "notify::last-refresh",
                                          G_CALLBACK (on_first_refresh), self);
  g_object_set_data (G_OBJECT (registry), JOBS_KEY, self);
  return self;
}

GrJobs *
gr_jobs_get (GrRegistry *registry)
{
  return g_object_get_data (G_OBJECT (registry), JOBS_KEY);
}

GrRegistry *
gr_jobs_get_registry (GrJobs *self)
{
  return self->registry;
}

GrContext *
gr_jobs_get_context (GrJobs *self)
{
  return self->context;
}

GrRefresher *
gr_jobs_get_refresher (GrJobs *self)
{
  return self->refresher;
}

/* A sync window whose failure is final counts as ended too. */
static gboolean
is_over (GrJobObject *job)
{
  const GrJobRecord *record = gr_job_object_get_record (job);
  const GrJobOperation *operation = gr_job_object_get_operation (job);

  return gr_job_record_is_final (record) ||
         (record->state == GR_JOB_STATE_FAILED && operation->failure_is_final);
}

GrJobObject *
gr_jobs_find_active (GrJobs *self, const char *object_path)
{
  for (guint i = 0; i < self->jobs->len; i++)
    {
      GrJobObject *job = self->jobs->pdata[i];

      if (!is_over (job) &&
          g_str_equal (gr_job_object_get_record (job)->object, object_path))
        return job;
    }
  return NULL;
}

GrJobObject *
gr_jobs_begin (GrJobs *self,
               const GrJobOperation *operation,
               const char *object_path,
               GHashTable *params,
               GError **error)
{
  g_autoptr (GHashTable) taken = params;
  g_autoptr (GPtrArray) records = g_ptr_array_new ();
  g_autofree char *id = NULL;
  GrJobObject *busy = gr_jobs_find_active (self, object_path);
  GrJobRecord *record;
  GrJobObject *job;

  if (busy != NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_BUSY,
                   "Job %s (%s) is not over yet on this object",
                   gr_job_object_get_record (busy)->id,
                   gr_job_object_get_record (busy)->operation);
      return NULL;
    }
  for (guint i = 0; i < self->jobs->len; i++)
    g_ptr_array_add (records, gr_job_object_get_record (self->jobs->pdata[i]));
  id = gr_job_store_next_id (records);
  record =
      gr_job_record_new (id, operation->name, object_path, operation->steps);
  g_hash_table_unref (record->params);
  record->params = g_steal_pointer (&taken);
  job = gr_job_object_new (self, record, operation);
  adopt (self, job);
  export_job (self, job);
  save (self);
  g_message ("Job %s (%s) begins on %s", id, operation->name, object_path);
  gr_job_object_run (job);
  return job;
}

gboolean
gr_jobs_resume (GrJobs *self,
                GrJobObject *job,
                gboolean confirm,
                GError **error)
{
  GrJobRecord *record = gr_job_object_get_record (job);
  const GrJobOperation *operation = gr_job_object_get_operation (job);
  gboolean was_waiting = record->state == GR_JOB_STATE_WAITING;

  if (is_over (job) && operation->failure_is_final)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_STATE,
                   "Job %s is over: a %s is not resumed, run a new one",
                   record->id, record->operation);
      return FALSE;
    }
  if (was_waiting && !confirm)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                   "Job %s waits for a confirmation: %s (resume with "
                   "confirm)",
                   record->id, record->message);
      return FALSE;
    }
  if (!gr_job_record_resume (record, error))
    return FALSE;
  /* A waiting step is a confirmation: confirming ends it. */
  if (was_waiting)
    gr_job_object_step_done (job, NULL);
  else
    {
      gr_jobs_changed (self, job);
      gr_job_object_run (job);
    }
  return TRUE;
}

gboolean
gr_jobs_abort (GrJobs *self, GrJobObject *job, GError **error)
{
  GrJobRecord *record = gr_job_object_get_record (job);

  if (is_over (job))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_STATE, "Job %s is over",
                   record->id);
      return FALSE;
    }
  if (!gr_job_record_abort (record, error))
    return FALSE;
  g_message ("Job %s (%s) aborted at its step %s", record->id,
             record->operation, gr_job_record_current_step (record));
  gr_jobs_changed (self, job);
  gr_job_object_aborted (job);
  return TRUE;
}
