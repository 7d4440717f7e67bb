/* georepd: the webhook's registration, as an administrator would do it
 * (README.md, "Gluster events"), from argv: gluster-eventsapi by its
 * absolute path, the URL and token georepd made (never a caller's text
 * at the start of an argument), stdin /dev/null, a clean environment
 * and a deadline (gluster/gr-gluster-process.h).
 *
 * gluster-eventsapi keeps the webhooks in webhooks.json, copies it to
 * every node (gluster system:: copy file) and exits 5 when the URL is
 * there already and 6 when it is not (gfevents/eventsapiconf.py). A URL
 * that is there is deleted and added again: webhook-mod cannot take a
 * --secret back. */
#include "gr-error.h"
#include "gr-events-register.h"
#include "gr-events-reload.h"
#include "gr-gluster-process.h"
#include "gr-text.h"

#define OUTPUT_MAX (64 * 1024)
#define MESSAGE_MAX 1024
#define EXIT_ALREADY_EXISTS 5
#define EXIT_NOT_EXISTS 6

typedef enum { STEP_ADD, STEP_DEL_THEN_ADD, STEP_DEL } Step;

typedef struct {
  char *eventsapi;
  guint timeout;
  char *url;
  char *token;
  gboolean jwt;
  Step step;
} Registration;

static void
registration_free (Registration *reg)
{
  g_free (reg->eventsapi);
  g_free (reg->url);
  g_free (reg->token);
  g_free (reg);
}

static GPtrArray *
argv_of (Registration *reg, gboolean add)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, reg->eventsapi);
  g_ptr_array_add (argv, add ? "webhook-add" : "webhook-del");
  g_ptr_array_add (argv, reg->url);
  if (add)
    {
      g_ptr_array_add (argv, reg->jwt ? "--secret" : "--bearer_token");
      g_ptr_array_add (argv, reg->token);
    }
  g_ptr_array_add (argv, NULL);
  return argv;
}

static void run_step (GTask *task, gboolean add);

static void
fail (GTask *task, GrGlusterProcess *process, const char *what)
{
  gsize len;
  const char *output = gr_gluster_process_output (process, &len);
  g_autofree char *clean = gr_text_clean_len (output, len, MESSAGE_MAX);

  g_task_return_new_error (
      task, GR_ERROR, GR_ERROR_GLUSTER_FAILED, "gluster-eventsapi %s %s: %s",
      what, gr_gluster_process_timed_out (process) ? "took too long" : "failed",
      g_strstrip (clean));
}

static void
succeed (GTask *task)
{
  guint *reloaded = g_new (guint, 1);

  *reloaded = gr_events_reload_glustereventsd ();
  g_task_return_pointer (task, reloaded, g_free);
}

static void
on_done (GrGlusterProcess *process, gpointer data)
{
  g_autoptr (GTask) task = data;
  Registration *reg = g_task_get_task_data (task);
  int status = gr_gluster_process_exit_status (process);
  gboolean was_add = reg->step == STEP_ADD;

  if (was_add && status == EXIT_ALREADY_EXISTS)
    {
      reg->step = STEP_DEL_THEN_ADD;
      run_step (g_steal_pointer (&task), FALSE);
    }
  else if (reg->step == STEP_DEL_THEN_ADD && status == 0)
    {
      reg->step = STEP_ADD;
      run_step (g_steal_pointer (&task), TRUE);
    }
  else if (status == 0 || (reg->step == STEP_DEL && status == EXIT_NOT_EXISTS))
    succeed (task);
  else
    fail (task, process, was_add ? "webhook-add" : "webhook-del");
  gr_gluster_process_free (process);
}

static void
run_step (GTask *task, gboolean add)
{
  Registration *reg = g_task_get_task_data (task);
  g_autoptr (GPtrArray) argv = argv_of (reg, add);
  g_autoptr (GError) error = NULL;

  if (gr_gluster_process_start ((char **) argv->pdata, reg->timeout, OUTPUT_MAX,
                                on_done, task, &error) == NULL)
    {
      g_task_return_new_error (task, GR_ERROR, GR_ERROR_FAILED,
                               "Cannot run %s: %s", reg->eventsapi,
                               error->message);
      g_object_unref (task);
    }
}

static void
start (const GrEventsWebhook *webhook,
       Step step,
       GAsyncReadyCallback callback,
       gpointer user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  Registration *reg = g_new0 (Registration, 1);

  g_task_set_source_tag (task, gr_events_webhook_add_async);
  reg->eventsapi = g_strdup (webhook->eventsapi);
  reg->timeout = webhook->timeout;
  reg->url = g_strdup (webhook->url);
  reg->token = g_strdup (webhook->token);
  reg->jwt = webhook->jwt;
  reg->step = step;
  g_task_set_task_data (task, reg, (GDestroyNotify) registration_free);
  run_step (task, step == STEP_ADD);
}

void
gr_events_webhook_add_async (const GrEventsWebhook *webhook,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  start (webhook, STEP_ADD, callback, user_data);
}

void
gr_events_webhook_del_async (const GrEventsWebhook *webhook,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  start (webhook, STEP_DEL, callback, user_data);
}

gboolean
gr_events_webhook_finish (GAsyncResult *result, guint *reloaded, GError **error)
{
  g_autofree guint *count = g_task_propagate_pointer (G_TASK (result), error);

  if (count == NULL)
    return FALSE;
  if (reloaded != NULL)
    *reloaded = *count;
  return TRUE;
}
