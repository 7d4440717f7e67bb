/* georepd: a Job object (gr-job-object.h): its properties and how a
 * step reports its end; Resume and Abort are in gr-job-methods.c. */
#include "gr-auth.h"
#include "gr-error.h"
#include "gr-job-object.h"
#include "gr-log.h"
#include "gr-names.h"
#include "gr-options.h"

struct _GrJobObject {
  GrJobSkeleton parent;
  GrJobs *jobs; /* outlives its jobs */
  GrJobRecord *record;
  const GrJobOperation *operation;
  char *path;
  guint poll_timer;
};

enum {
  CHANGED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE_WITH_CODE (
    GrJobObject,
    gr_job_object,
    GR_TYPE_JOB_SKELETON,
    G_IMPLEMENT_INTERFACE (GR_TYPE_JOB, gr_job_object_iface_init_methods))

static void
gr_job_object_finalize (GObject *object)
{
  GrJobObject *self = GR_JOB_OBJECT (object);

  g_clear_handle_id (&self->poll_timer, g_source_remove);
  gr_job_record_free (self->record);
  g_free (self->path);
  G_OBJECT_CLASS (gr_job_object_parent_class)->finalize (object);
}

static void
gr_job_object_class_init (GrJobObjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gr_job_object_finalize;
  /* The runner (gr-jobs.c) saves the jobs and syncs the properties. */
  signals[CHANGED] =
      g_signal_new ("changed", GR_TYPE_JOB_OBJECT, G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 0);
}

static void
changed (GrJobObject *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
gr_job_object_init (GrJobObject *self)
{
}

GrJobObject *
gr_job_object_new (GrJobs *jobs, GrJobRecord *record, gconstpointer operation)
{
  GrJobObject *self = g_object_new (GR_TYPE_JOB_OBJECT, NULL);

  self->jobs = jobs;
  self->record = record;
  self->operation = operation;
  self->path = g_strconcat (GR_DBUS_PATH_JOBS "/", record->id, NULL);
  gr_job_object_sync (self);
  return self;
}

GrJobRecord *
gr_job_object_get_record (GrJobObject *self)
{
  return self->record;
}

gconstpointer
gr_job_object_get_operation (GrJobObject *self)
{
  return self->operation;
}

GrJobs *
gr_job_object_get_jobs (GrJobObject *self)
{
  return self->jobs;
}

const char *
gr_job_object_get_path (GrJobObject *self)
{
  return self->path;
}

void
gr_job_object_sync (GrJobObject *self)
{
  GrJob *iface = GR_JOB (self);
  const GrJobRecord *record = self->record;

  gr_job_set_operation (iface, record->operation);
  gr_job_set_object (iface, record->object);
  gr_job_set_steps (iface, (const char *const *) record->steps);
  gr_job_set_current_step (iface, record->current);
  gr_job_set_state (iface, gr_job_state_to_string (record->state));
  gr_job_set_error (iface, record->error);
  gr_job_set_message (iface, record->message);
  gr_job_set_start_time (iface, record->start_time);
  gr_job_set_end_time (iface, record->end_time);
  g_dbus_interface_skeleton_flush (G_DBUS_INTERFACE_SKELETON (self));
}

const char *
gr_job_object_get (GrJobObject *self, const char *key)
{
  return gr_job_record_get (self->record, key);
}

void
gr_job_object_set (GrJobObject *self, const char *key, const char *value)
{
  gr_job_record_set (self->record, key, value);
}

guint64
gr_job_object_get_uint (GrJobObject *self, const char *key)
{
  const char *text = gr_job_record_get (self->record, key);

  return text ? g_ascii_strtoull (text, NULL, 10) : 0;
}

void
gr_job_object_set_uint (GrJobObject *self, const char *key, guint64 value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);

  gr_job_record_set (self->record, key, text);
}

/* --- the end of a step --------------------------------------------------- */

static void
run_step (GrJobObject *self)
{
  if (self->record->state == GR_JOB_STATE_RUNNING &&
      gr_job_record_current_step (self->record) != NULL)
    self->operation->run_step (self);
}

static void
on_final (GrJobObject *self)
{
  if (self->operation->ended != NULL)
    self->operation->ended (self);
}

void
gr_job_object_step_done (GrJobObject *self, GError *error)
{
  g_autoptr (GError) failure = error;
  g_autoptr (GObject) hold = g_object_ref (G_OBJECT (self));

  /* An abort while the step ran: its outcome no longer matters. */
  if (self->record->state != GR_JOB_STATE_RUNNING)
    return;
  if (failure == NULL)
    gr_job_record_step_done (self->record, NULL);
  else
    {
      /* A sync window logs its own message when it ended
       * (gr-windows.c). */
      if (!self->operation->failure_is_final)
        gr_log_event (
            GR_MESSAGE_JOB_FAILED, "GEOREPD_JOB", self->record->id,
            "Job %s (%s on %s) failed at its step %s: %s", self->record->id,
            self->record->operation, self->record->object,
            gr_job_record_current_step (self->record), failure->message);
      gr_job_record_fail (self->record, failure->message, NULL);
      if (self->operation->failure_is_final)
        {
          self->record->end_time = (guint64) g_get_real_time ();
          if (self->operation->cleanup)
            self->operation->cleanup (self);
        }
    }
  changed (self);
  if (gr_job_record_is_final (self->record) ||
      (failure && self->operation->failure_is_final))
    on_final (self);
  else
    run_step (self);
}

void
gr_job_object_wait (GrJobObject *self, const char *message)
{
  if (self->record->state != GR_JOB_STATE_RUNNING)
    return;
  gr_job_record_wait (self->record, message, NULL);
  changed (self);
}

static gboolean
on_poll (gpointer data)
{
  GrJobObject *self = data;

  self->poll_timer = 0;
  run_step (self);
  return G_SOURCE_REMOVE;
}

void
gr_job_object_poll (GrJobObject *self, guint seconds, const char *message)
{
  if (self->record->state != GR_JOB_STATE_RUNNING)
    return;
  if (g_strcmp0 (message, self->record->message) != 0)
    {
      g_free (self->record->message);
      self->record->message = g_strdup (message ? message : "");
      changed (self);
    }
  g_clear_handle_id (&self->poll_timer, g_source_remove);
  self->poll_timer = g_timeout_add_seconds (seconds, on_poll, self);
}

void
gr_job_object_run (GrJobObject *self)
{
  run_step (self);
}

void
gr_job_object_aborted (GrJobObject *self)
{
  g_clear_handle_id (&self->poll_timer, g_source_remove);
  if (self->operation->cleanup)
    self->operation->cleanup (self);
  on_final (self);
}
