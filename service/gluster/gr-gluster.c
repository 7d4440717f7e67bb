/* georepd: the gluster CLI queue.
 *
 * One job runs at a time. A job is an argv run without a shell, by
 * absolute path, with stdin /dev/null and a clean environment; its output
 * is read asynchronously with a size cap, and a timer kills it at a hard
 * deadline a little after gluster's own --timeout. A busy cluster lock is
 * retried with jittered exponential backoff. While glusterd runs a hook
 * script, the next job waits for it (see gr-gluster-hooks.c). */
#include <string.h>

#include "gr-error.h"
#include "gr-gluster.h"
#include "gr-gluster-hooks.h"
#include "gr-gluster-process.h"
#include "gr-gluster-result.h"

#define RETRY_MAX 5
#define RETRY_BASE_MS 250
#define DEADLINE_GRACE_S 5
#define HOOK_POLL_MS 200

struct _GrGluster {
  char *command;
  guint timeout;
  char *hooks_dir;      /* NULL: do not wait for glusterd's hooks */
  GrHookWait hook_wait; /* time spent waiting, bounded */
  guint hook_poll_id;
  GQueue pending; /* GTask *, each with a GrGlusterJob */
  GTask *running;
  gint64 running_since; /* monotonic µs */
  GrGlusterStats stats;
};

typedef struct {
  GrGluster *self;
  char **argv;
  gboolean xml;
  GrXmlAnswerReader parser; /* for an answer with data, else XML is read
                             * only for whether the command succeeded */
  GDestroyNotify result_free;
  guint attempt;
} GrGlusterJob;

static void start_next (GrGluster *self);

static void
gr_gluster_job_free (GrGlusterJob *job)
{
  g_strfreev (job->argv);
  g_free (job);
}

GrGluster *
gr_gluster_new (const char *command, guint timeout, const char *hooks_dir)
{
  GrGluster *self = g_new0 (GrGluster, 1);

  self->command = g_strdup (command);
  self->timeout = timeout;
  self->hooks_dir = g_strdup (hooks_dir);
  g_queue_init (&self->pending);
  return self;
}

void
gr_gluster_free (GrGluster *self)
{
  GTask *task;

  /* Jobs still queued are failed, not dropped, so no caller waits forever. */
  while ((task = g_queue_pop_head (&self->pending)))
    {
      g_task_return_new_error (task, GR_ERROR, GR_ERROR_FAILED,
                               "Service is stopping");
      g_object_unref (task);
    }
  g_clear_handle_id (&self->hook_poll_id, g_source_remove);
  g_free (self->hooks_dir);
  g_free (self->command);
  g_free (self);
}

static char **
build_argv (GrGluster *self, const char *const *args, gboolean xml)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *timeout = g_strdup_printf ("--timeout=%u", self->timeout);

  g_strv_builder_add_many (builder, self->command, "--mode=script", NULL);
  if (xml)
    g_strv_builder_add (builder, "--xml");
  g_strv_builder_add (builder, timeout);
  g_strv_builder_addv (builder, (const char **) args);
  return g_strv_builder_end (builder);
}

static GrGlusterJob *
job_new (GrGluster *self, const char *const *args, gboolean xml)
{
  GrGlusterJob *job = g_new0 (GrGlusterJob, 1);

  job->self = self;
  job->argv = build_argv (self, args, xml);
  job->xml = xml;
  job->result_free = g_free; /* what a text job returns */
  return job;
}

static void
enqueue (GrGlusterJob *job,
         GCancellable *cancellable,
         GAsyncReadyCallback callback,
         gpointer user_data,
         gpointer source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  GrGluster *self = job->self;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) gr_gluster_job_free);
  g_queue_push_tail (&self->pending, task);
  start_next (self);
}

void
gr_gluster_run_async (GrGluster *self,
                      const char *const *args,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data)
{
  enqueue (job_new (self, args, TRUE), cancellable, callback, user_data,
           gr_gluster_run_async);
}

gboolean
gr_gluster_run_finish (GrGluster *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (
      g_task_get_source_tag (G_TASK (result)) == gr_gluster_run_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
gr_gluster_run_parsed_async (GrGluster *self,
                             const char *const *args,
                             GrXmlAnswerReader parser,
                             GDestroyNotify result_free,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  GrGlusterJob *job = job_new (self, args, TRUE);

  job->parser = parser;
  job->result_free = result_free;
  enqueue (job, cancellable, callback, user_data, gr_gluster_run_parsed_async);
}

gpointer
gr_gluster_run_parsed_finish (GrGluster *self,
                              GAsyncResult *result,
                              GError **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            gr_gluster_run_parsed_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
gr_gluster_run_text_async (GrGluster *self,
                           const char *const *args,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  enqueue (job_new (self, args, FALSE), cancellable, callback, user_data,
           gr_gluster_run_text_async);
}

char *
gr_gluster_run_text_finish (GrGluster *self,
                            GAsyncResult *result,
                            GError **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            gr_gluster_run_text_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const GrGlusterStats *
gr_gluster_get_stats (GrGluster *self)
{
  return &self->stats;
}

/* --- running one job --- */

static void
finish_job (GrGluster *self, GTask *task)
{
  g_assert (self->running == task);
  self->running = NULL;
  g_object_unref (task);
  start_next (self);
}

static gboolean
retry_later (gpointer data)
{
  GTask *task = data;
  GrGlusterJob *job = g_task_get_task_data (task);
  GrGluster *self = job->self;

  self->running = NULL;
  g_queue_push_head (&self->pending, task);
  start_next (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask *task)
{
  GrGlusterJob *job = g_task_get_task_data (task);
  guint delay = RETRY_BASE_MS << job->attempt;

  /* Jitter keeps several georepd instances of a cluster from retrying in
   * lockstep against the same lock. */
  delay = delay / 2 + g_random_int_range (0, (gint32) delay);
  job->attempt++;
  g_debug ("gluster: cluster lock busy, retry %u in %u ms", job->attempt,
           delay);
  g_timeout_add (delay, retry_later, task);
}

static GrGlusterOutcome
classify (GrGluster *self,
          GrGlusterJob *job,
          GrGlusterProcess *process,
          gpointer *result,
          GError **error)
{
  gsize len;
  const char *output = gr_gluster_process_output (process, &len);
  int exit_status = gr_gluster_process_exit_status (process);

  if (gr_gluster_process_timed_out (process))
    g_set_error (error, GR_ERROR, GR_ERROR_TIMEDOUT,
                 "gluster did not finish within %u seconds", self->timeout);
  else if (gr_gluster_process_overflowed (process))
    g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                 "gluster printed more than %d bytes", GR_GLUSTER_OUTPUT_MAX);
  else if (job->parser)
    return gr_gluster_result_from_stream (output, len, exit_status, job->parser,
                                          job->result_free, result, error);
  else if (job->xml)
    return gr_gluster_result_from_envelope (output, len, exit_status, error);
  else if (gr_gluster_result_from_text (output, exit_status, error) ==
           GR_GLUSTER_OUTCOME_OK)
    {
      *result = g_strdup (output);
      return GR_GLUSTER_OUTCOME_OK;
    }
  return GR_GLUSTER_OUTCOME_FAILED;
}

static void
on_process_done (GrGlusterProcess *process, gpointer data)
{
  GTask *task = data;
  GrGlusterJob *job = g_task_get_task_data (task);
  GrGluster *self = job->self;
  g_autoptr (GError) error = NULL;
  gpointer result = NULL;
  GrGlusterOutcome outcome = classify (self, job, process, &result, &error);

  gr_gluster_process_free (process);
  self->stats.commands++;
  self->stats.failures += outcome != GR_GLUSTER_OUTCOME_OK;
  self->stats.duration_us +=
      (guint64) (g_get_monotonic_time () - self->running_since);
  if (gr_gluster_args_create_push_pem ((const char *const *) job->argv))
    gr_hook_wait_settle (&self->hook_wait, g_get_monotonic_time ());
  if (outcome == GR_GLUSTER_OUTCOME_RETRY && job->attempt + 1 < RETRY_MAX)
    {
      schedule_retry (task);
      return;
    }
  if (outcome == GR_GLUSTER_OUTCOME_RETRY)
    g_set_error (&error, GR_ERROR, GR_ERROR_BUSY,
                 "Another gluster transaction kept the cluster locked");
  if (error)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (job->xml && job->parser == NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_pointer (task, result, job->result_free);
  finish_job (self, task);
}

static gboolean
on_hook_poll (gpointer data)
{
  GrGluster *self = data;

  self->hook_poll_id = 0;
  start_next (self);
  return G_SOURCE_REMOVE;
}

/* TRUE when the next job must wait for a hook script; bounded, because a
 * hook that never ends must not stop the service for good. */
static gboolean
must_wait_for_hooks (GrGluster *self)
{
  return gr_hook_wait_check (&self->hook_wait, self->hooks_dir,
                             g_get_monotonic_time ());
}

static void
start_next (GrGluster *self)
{
  g_autoptr (GError) error = NULL;
  GrGlusterJob *job;
  GTask *task;

  if (self->running != NULL || self->hook_poll_id != 0 ||
      g_queue_is_empty (&self->pending))
    return;
  if (must_wait_for_hooks (self))
    {
      self->hook_poll_id = g_timeout_add (HOOK_POLL_MS, on_hook_poll, self);
      return;
    }
  task = g_queue_pop_head (&self->pending);
  self->running = task;
  self->running_since = g_get_monotonic_time ();
  job = g_task_get_task_data (task);
  if (g_log_get_debug_enabled ())
    {
      g_autofree char *line = g_strjoinv (" ", job->argv);
      g_debug ("gluster: running %s", line);
    }
  if (!gr_gluster_process_start (job->argv, self->timeout + DEADLINE_GRACE_S,
                                 GR_GLUSTER_OUTPUT_MAX, on_process_done, task,
                                 &error))
    {
      g_task_return_new_error (task, GR_ERROR, GR_ERROR_FAILED,
                               "Cannot run %s: %s", self->command,
                               error->message);
      finish_job (self, task);
    }
}
