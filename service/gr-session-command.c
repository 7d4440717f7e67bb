/* georepd: session command sequences.
 *
 * The reply waits for the refresh so that a client that gets the reply
 * also finds the model already showing the outcome: a created session
 * is exported, a started one is no longer "stopped". */
#include <stdarg.h>

#include "gr-error.h"
#include "gr-label.h"
#include "gr-log.h"
#include "gr-model.h"
#include "gr-refresh.h"
#include "gr-session-command.h"
#include "gr-status-file.h"
#include "gr-xml.h"

struct _GrSessionCommand {
  GrDaemon *daemon;
  GDBusMethodInvocation *invocation;
  char *primary;
  char *user;
  char *host;
  char *secondary;
  GPtrArray *argvs;   /* char ** */
  GPtrArray *is_text; /* GINT_TO_POINTER: the command has no XML output */
  guint next;
  gboolean reply_path;
  const char *message_id;
  const char *what;
  gboolean await_monitor_exit;
  gint64 monitor_deadline;
};

#define MONITOR_EXIT_POLL_MS 200
#define MONITOR_EXIT_MAX_S 30

GrSessionCommand *
gr_session_command_new (GrDaemon *daemon,
                        GDBusMethodInvocation *invocation,
                        const char *primary,
                        const char *user,
                        const char *host,
                        const char *secondary)
{
  GrSessionCommand *command = g_new0 (GrSessionCommand, 1);

  command->daemon = daemon;
  command->invocation = invocation;
  command->primary = g_strdup (primary);
  command->user = g_strdup (user);
  command->host = g_strdup (host);
  command->secondary = g_strdup (secondary);
  command->argvs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  command->is_text = g_ptr_array_new ();
  return command;
}

void
gr_session_command_free (GrSessionCommand *command)
{
  g_free (command->primary);
  g_free (command->user);
  g_free (command->host);
  g_free (command->secondary);
  g_ptr_array_unref (command->argvs);
  g_ptr_array_unref (command->is_text);
  g_free (command);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSessionCommand, gr_session_command_free)

static char *
secondary_url (GrSessionCommand *command)
{
  if (command->user == NULL || g_str_equal (command->user, "root"))
    return g_strdup_printf ("%s::%s", command->host, command->secondary);
  return g_strdup_printf ("%s@%s::%s", command->user, command->host,
                          command->secondary);
}

void
gr_session_command_add (GrSessionCommand *command, const char *word, ...)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *url = secondary_url (command);
  va_list ap;

  g_strv_builder_add (builder, "volume");
  g_strv_builder_add (builder, "geo-replication");
  g_strv_builder_add (builder, command->primary);
  g_strv_builder_add (builder, url);
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
reply (GrSessionCommand *command)
{
  GrSessionObject *session = gr_model_lookup_session (
      command->daemon, command->primary, command->host, command->secondary);
  g_autofree char *label =
      gr_session_label (command->primary, command->host, command->secondary);

  if (command->message_id)
    gr_log_event (command->message_id, GR_LOG_FIELD_SESSION, label,
                  "Session %s::%s::%s %s by %s", command->primary,
                  command->host, command->secondary, command->what,
                  g_dbus_method_invocation_get_sender (command->invocation));
  /* PropertiesChanged goes out before the reply, so that a client that
   * caches properties already holds the outcome when the reply arrives. */
  if (session != NULL)
    g_dbus_interface_skeleton_flush (
        G_DBUS_INTERFACE_SKELETON (session->iface));
  if (!command->reply_path)
    g_dbus_method_invocation_return_value (command->invocation, NULL);
  else if (session != NULL)
    g_dbus_method_invocation_return_value (
        command->invocation, g_variant_new ("(o)", session->path));
  else
    g_dbus_method_invocation_return_error_literal (
        command->invocation, GR_ERROR, GR_ERROR_FAILED,
        "gluster created the session but does not report it");
}

static void
on_refreshed (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GrSessionCommand) command = data;
  g_autoptr (GError) error = NULL;

  /* The change itself succeeded; a failed refresh only delays the model,
   * and the next poll catches up. */
  if (!gr_refresher_refresh_session_finish (command->daemon->refresher, res,
                                            &error))
    g_warning ("Cannot refresh session %s::%s::%s: %s", command->primary,
               command->host, command->secondary, error->message);
  reply (command);
}

static void run_next (GrSessionCommand *command);

void
gr_session_command_await_monitor_exit (GrSessionCommand *command)
{
  command->await_monitor_exit = TRUE;
}

static void
refresh_session (GrSessionCommand *command)
{
  gr_refresher_refresh_session_async (
      command->daemon->refresher, command->primary, command->user,
      command->host, command->secondary, on_refreshed, command);
}

/* A start right after a stop fails silently in gluster while the old
 * monitor still holds its lock; so Stop replies once it is gone. */
static gboolean
on_monitor_poll (gpointer data)
{
  GrSessionCommand *command = data;
  g_autofree char *pid_file = gr_model_session_pid_file (
      command->primary, command->host, command->secondary);

  if (gr_status_file_monitor_running (pid_file) &&
      g_get_monotonic_time () < command->monitor_deadline)
    return G_SOURCE_CONTINUE;
  refresh_session (command);
  return G_SOURCE_REMOVE;
}

static void
on_command_done (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GrSessionCommand) command = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (res)) == gr_gluster_run_text_async)
    ok = (text = gr_gluster_run_text_finish (command->daemon->gluster, res,
                                             &error)) != NULL;
  else
    ok = gr_gluster_run_finish (command->daemon->gluster, res, &error);
  if (!ok)
    {
      g_dbus_method_invocation_return_gerror (command->invocation, error);
      /* What did happen before the failure should still show. */
      gr_refresher_poll_soon (command->daemon->refresher);
      return;
    }
  run_next (g_steal_pointer (&command));
}

static void
run_next (GrSessionCommand *command)
{
  if (command->next < command->argvs->len)
    {
      const char *const *argv = command->argvs->pdata[command->next];

      if (command->is_text->pdata[command->next++])
        gr_gluster_run_text_async (command->daemon->gluster, argv, NULL,
                                   on_command_done, command);
      else
        gr_gluster_run_async (command->daemon->gluster, argv, NULL,
                              on_command_done, command);
      return;
    }
  if (command->await_monitor_exit)
    {
      command->monitor_deadline =
          g_get_monotonic_time () + MONITOR_EXIT_MAX_S * G_USEC_PER_SEC;
      g_timeout_add (MONITOR_EXIT_POLL_MS, on_monitor_poll, command);
      return;
    }
  refresh_session (command);
}

void
gr_session_command_run (GrSessionCommand *command)
{
  run_next (command);
}
