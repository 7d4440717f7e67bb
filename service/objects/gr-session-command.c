/* georepd: session command sequences.
 *
 * The reply waits for the refresh so that a client that gets the reply
 * also finds the model already showing the outcome: a created session
 * is exported, a started one is no longer "stopped". */
#include <stdarg.h>

#include "gr-error.h"
#include "gr-log.h"
#include "gr-options.h"
#include "gr-session-command.h"
#include "gr-session-object.h"
#include "gr-start-verdict.h"
#include "gr-status-file.h"

struct _GrSessionCommand {
  GrRefresher *refresher;
  GrRegistry *registry;
  GrGluster *gluster;
  GrSessionId *id;
  GPtrArray *argvs;   /* char ** */
  GPtrArray *is_text; /* GINT_TO_POINTER: the command has no XML output */
  guint next;
  gboolean reply_path;
  const char *message_id;
  const char *what;
  gboolean await_monitor_exit;
  gint64 monitor_deadline;
  gboolean await_start;
  gint64 start_time;  /* real time, µs: log lines from then on count */
  gint64 start_begun; /* monotonic, µs */
  GrSessionCommandStep step;
  gpointer step_data;
  GDestroyNotify step_destroy;
};

#define START_POLL_MS 300
#define START_MAX_S 45

#define MONITOR_EXIT_POLL_MS 200
#define MONITOR_EXIT_MAX_S 30

GrSessionCommand *
gr_session_command_new (GrContext *context, GrSessionId *id)
{
  GrSessionCommand *command = g_new0 (GrSessionCommand, 1);

  command->refresher = gr_context_get_refresher (context);
  command->registry = gr_context_get_registry (context);
  command->gluster = gr_context_get_gluster (context);
  command->id = gr_session_id_ref (id);
  command->argvs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  command->is_text = g_ptr_array_new ();
  return command;
}

void
gr_session_command_free (GrSessionCommand *command)
{
  gr_session_id_unref (command->id);
  g_ptr_array_unref (command->argvs);
  g_ptr_array_unref (command->is_text);
  if (command->step_destroy != NULL)
    command->step_destroy (command->step_data);
  g_free (command);
}

void
gr_session_command_add (GrSessionCommand *command, const char *word, ...)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  va_list ap;

  g_strv_builder_add (builder, "volume");
  g_strv_builder_add (builder, "geo-replication");
  g_strv_builder_add (builder, command->id->primary);
  g_strv_builder_add (builder, command->id->url);
  va_start (ap, word);
  for (const char *w = word; w != NULL; w = va_arg (ap, const char *))
    g_strv_builder_add (builder, w);
  va_end (ap);
  g_ptr_array_add (command->argvs, g_strv_builder_end (builder));
  g_ptr_array_add (command->is_text, GINT_TO_POINTER (FALSE));
}

void
gr_session_command_add_argv (GrSessionCommand *command, const char *const *argv)
{
  g_ptr_array_add (command->argvs, g_strdupv ((char **) argv));
  g_ptr_array_add (command->is_text, GINT_TO_POINTER (FALSE));
}

void
gr_session_command_add_text_argv (GrSessionCommand *command,
                                  const char *const *argv)
{
  g_ptr_array_add (command->argvs, g_strdupv ((char **) argv));
  g_ptr_array_add (command->is_text, GINT_TO_POINTER (TRUE));
}

void
gr_session_command_reply_path (GrSessionCommand *command)
{
  command->reply_path = TRUE;
}

void
gr_session_command_log (GrSessionCommand *command,
                        const char *message_id,
                        const char *what)
{
  command->message_id = message_id;
  command->what = what;
}

static void
reply (GrCall *call)
{
  GrSessionCommand *command = gr_call_get_state (call);
  const GrSessionId *id = command->id;
  GrSessionObject *session =
      gr_registry_lookup_session (command->registry, id->label);

  if (command->message_id)
    gr_log_event (command->message_id, GR_LOG_FIELD_SESSION, id->label,
                  "Session %s::%s::%s %s by %s", id->primary, id->host,
                  id->secondary, command->what, gr_call_get_sender (call));
  /* The session's PropertiesChanged goes out before the reply, also when
   * the call was made on the Manager (CreateSession). */
  if (session != NULL)
    g_dbus_interface_skeleton_flush (G_DBUS_INTERFACE_SKELETON (session));
  if (!command->reply_path)
    gr_call_return (call, NULL);
  else if (session != NULL)
    gr_call_return (call, g_variant_new ("(o)", id->path));
  else
    gr_call_fail (
        call, g_error_new_literal (GR_ERROR, GR_ERROR_FAILED,
                                   "gluster created the session but does not "
                                   "report it"));
}

/* What did happen before a failure should still show. */
static void
fail (GrCall *call, GError *error)
{
  GrSessionCommand *command = gr_call_get_state (call);

  gr_refresher_poll_soon (command->refresher);
  gr_call_fail (call, error);
}

static void
on_refreshed (GObject *source, GAsyncResult *res, gpointer data)
{
  GrCall *call = data;
  GrSessionCommand *command = gr_call_get_state (call);
  g_autoptr (GError) error = NULL;

  /* The change itself succeeded; a failed refresh only delays the model,
   * and the next poll catches up. */
  if (!gr_refresher_refresh_session_finish (command->refresher, res, &error))
    g_warning ("Cannot refresh session %s: %s", command->id->label,
               error->message);
  reply (call);
}

static void run_next (GrCall *call);

void
gr_session_command_await_monitor_exit (GrSessionCommand *command)
{
  command->await_monitor_exit = TRUE;
}

void
gr_session_command_await_start (GrSessionCommand *command)
{
  command->await_start = TRUE;
}

static void
refresh_session (GrCall *call)
{
  GrSessionCommand *command = gr_call_get_state (call);

  gr_refresher_refresh_session_async (command->refresher, command->id,
                                      on_refreshed, call);
}

/* A start right after a stop fails silently in gluster while the old
 * monitor still holds its lock; so Stop replies once it is gone. */
static gboolean
on_monitor_poll (gpointer data)
{
  GrCall *call = data;
  GrSessionCommand *command = gr_call_get_state (call);

  if (gr_status_file_monitor_running (command->id->pid_file) &&
      g_get_monotonic_time () < command->monitor_deadline)
    return G_SOURCE_CONTINUE;
  refresh_session (call);
  return G_SOURCE_REMOVE;
}

static void
on_command_done (GObject *source, GAsyncResult *res, gpointer data)
{
  GrCall *call = data;
  GrSessionCommand *command = gr_call_get_state (call);
  GError *error = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (res)) == gr_gluster_run_text_async)
    ok = (text = gr_gluster_run_text_finish (command->gluster, res, &error)) !=
         NULL;
  else
    ok = gr_gluster_run_finish (command->gluster, res, &error);
  if (!ok)
    {
      fail (call, error);
      return;
    }
  run_next (call);
}

static GrStartVerdict
start_verdict (GrCall *call, const GrGsyncdReason **reason)
{
  GrSessionCommand *command = gr_call_get_state (call);
  GrSessionObject *session = GR_SESSION_OBJECT (gr_call_get_object (call));
  GrGsyncdWatch *watch = gr_session_object_get_log_watch (session);
  g_autoptr (GPtrArray) workers =
      gr_session_object_read_local_workers (session);
  gint64 elapsed = g_get_monotonic_time () - command->start_begun;

  *reason = NULL;
  if (watch != NULL)
    {
      gr_gsyncd_watch_catch_up (watch);
      *reason = gr_gsyncd_reasons_latest (gr_gsyncd_watch_get_reasons (watch),
                                          command->start_time);
    }
  return gr_start_verdict (
      gr_status_file_monitor_running (command->id->pid_file), workers, *reason,
      elapsed);
}

/* gluster's start returns success even when gsyncd's monitor dies at
 * once: Start replies once a worker of this node runs, or fails with the
 * reason gsyncd logged, within START_MAX_S. */
static gboolean
on_start_poll (gpointer data)
{
  GrCall *call = data;
  GrSessionCommand *command = gr_call_get_state (call);
  const GrGsyncdReason *reason;
  GrStartVerdict verdict = start_verdict (call, &reason);
  gboolean late = g_get_monotonic_time () - command->start_begun >=
                  START_MAX_S * G_USEC_PER_SEC;

  if (verdict == GR_START_WAITING && !late)
    return G_SOURCE_CONTINUE;
  if (verdict == GR_START_RUNNING)
    {
      refresh_session (call);
      return G_SOURCE_REMOVE;
    }
  fail (call,
        g_error_new_literal (
            GR_ERROR, late ? GR_ERROR_TIMEDOUT : GR_ERROR_GLUSTER_FAILED,
            gr_start_failure_message (
                reason, gr_status_file_monitor_running (command->id->pid_file),
                START_MAX_S)));
  return G_SOURCE_REMOVE;
}

void
gr_session_command_then (GrSessionCommand *command,
                         GrSessionCommandStep step,
                         gpointer data,
                         GDestroyNotify destroy)
{
  command->step = step;
  command->step_data = data;
  command->step_destroy = destroy;
}

void
gr_session_command_step_done (GrCall *call, GError *error)
{
  if (error != NULL)
    {
      fail (call, error);
      return;
    }
  run_next (call);
}

static void
run_next (GrCall *call)
{
  GrSessionCommand *command = gr_call_get_state (call);
  GrSessionCommandStep step = command->step;

  if (command->next < command->argvs->len)
    {
      const char *const *argv = command->argvs->pdata[command->next];

      if (command->is_text->pdata[command->next++])
        gr_gluster_run_text_async (command->gluster, argv, NULL,
                                   on_command_done, call);
      else
        gr_gluster_run_async (command->gluster, argv, NULL, on_command_done,
                              call);
      return;
    }
  if (step != NULL)
    {
      command->step = NULL;
      step (call, command->step_data);
      return;
    }
  if (command->await_monitor_exit)
    {
      command->monitor_deadline =
          g_get_monotonic_time () + MONITOR_EXIT_MAX_S * G_USEC_PER_SEC;
      g_timeout_add (MONITOR_EXIT_POLL_MS, on_monitor_poll, call);
      return;
    }
  if (command->await_start && GR_IS_SESSION_OBJECT (gr_call_get_object (call)))
    {
      command->start_begun = g_get_monotonic_time ();
      g_timeout_add (START_POLL_MS, on_start_poll, call);
      return;
    }
  refresh_session (call);
}

void
gr_session_command_run (GrCall *call)
{
  GrSessionCommand *command = gr_call_get_state (call);

  command->start_time = g_get_real_time ();
  run_next (call);
}
