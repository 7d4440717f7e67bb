/* georepd: Session.SetSchedule, RemoveSchedule, RunSyncWindow and
 * GetRuns (the sync windows of gr-windows.h). */
#include "gr-auth.h"
#include "gr-error.h"
#include "gr-options.h"
#include "gr-schedule-spec.h"
#include "gr-session-object.h"
#include "gr-windows.h"

typedef struct {
  GrSessionObject *session;
  char *schedule; /* NULL: remove; unused by RunSyncWindow */
  guint timeout;
} GrScheduleCall;

static void
schedule_call_free (GrScheduleCall *call)
{
  g_clear_object (&call->session);
  g_free (call->schedule);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrScheduleCall, schedule_call_free)

static GrWindows *
windows_of (GrSessionObject *session)
{
  return gr_windows_get (gr_session_object_get_registry (session));
}

static gboolean
read_timeout (GVariant *options, guint *timeout, GError **error)
{
  static const GrOptionSpec specs[] = { { "timeout", "u" }, { NULL, NULL } };

  *timeout = GR_WINDOW_TIMEOUT_DEFAULT;
  if (!gr_options_check (options, specs, error))
    return FALSE;
  g_variant_lookup (options, "timeout", "u", timeout);
  if (*timeout >= GR_WINDOW_TIMEOUT_MIN && *timeout <= GR_WINDOW_TIMEOUT_MAX)
    return TRUE;
  g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
               "timeout must be %u to %u seconds", GR_WINDOW_TIMEOUT_MIN,
               GR_WINDOW_TIMEOUT_MAX);
  return FALSE;
}

static GrScheduleCall *
call_new (GrSession *iface, const char *schedule, guint timeout)
{
  GrScheduleCall *call = g_new0 (GrScheduleCall, 1);

  call->session = g_object_ref (GR_SESSION_OBJECT (iface));
  call->schedule = g_strdup (schedule);
  call->timeout = timeout;
  return call;
}

static void
schedule_authorized (GDBusMethodInvocation *invocation, gpointer data)
{
  g_autoptr (GrScheduleCall) call = data;
  GError *error = NULL;

  if (!gr_windows_set_schedule (windows_of (call->session), call->session,
                                call->schedule, call->timeout, &error))
    {
      gr_invocation_refuse (invocation, error);
      return;
    }
  g_message ("Session %s: sync windows %s%s by %s",
             gr_session_object_get_id (call->session)->label,
             call->schedule ? "scheduled " : "unscheduled",
             call->schedule ? call->schedule : "",
             g_dbus_method_invocation_get_sender (invocation));
  g_dbus_interface_skeleton_flush (G_DBUS_INTERFACE_SKELETON (call->session));
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static gboolean
handle_set_schedule (GrSession *iface,
                     GDBusMethodInvocation *invocation,
                     const char *schedule,
                     GVariant *options)
{
  GrScheduleSpec spec;
  GError *error = NULL;
  guint timeout;

  if (!read_timeout (options, &timeout, &error) ||
      !gr_schedule_spec_parse (schedule, &spec, &error))
    return gr_invocation_refuse (invocation, error);
  gr_auth_authorize (invocation, options, NULL, schedule_authorized,
                     call_new (iface, schedule, timeout),
                     (GDestroyNotify) schedule_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_remove_schedule (GrSession *iface,
                        GDBusMethodInvocation *invocation,
                        GVariant *options)
{
  GError *error = NULL;

  if (!gr_options_check (options, NULL, &error))
    return gr_invocation_refuse (invocation, error);
  gr_auth_authorize (invocation, options, NULL, schedule_authorized,
                     call_new (iface, NULL, 0),
                     (GDestroyNotify) schedule_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static void
run_authorized (GDBusMethodInvocation *invocation, gpointer data)
{
  g_autoptr (GrScheduleCall) call = data;
  GError *error = NULL;
  GrJobObject *job = gr_windows_run (windows_of (call->session), call->session,
                                     "call", call->timeout, &error);

  if (job == NULL)
    {
      gr_invocation_refuse (invocation, error);
      return;
    }
  g_dbus_method_invocation_return_value (
      invocation, g_variant_new ("(o)", gr_job_object_get_path (job)));
}

static gboolean
handle_run_sync_window (GrSession *iface,
                        GDBusMethodInvocation *invocation,
                        GVariant *options)
{
  GError *error = NULL;
  guint timeout;

  if (!read_timeout (options, &timeout, &error))
    return gr_invocation_refuse (invocation, error);
  gr_auth_authorize (invocation, options, NULL, run_authorized,
                     call_new (iface, NULL, timeout),
                     (GDestroyNotify) schedule_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_get_runs (GrSession *iface,
                 GDBusMethodInvocation *invocation,
                 GVariant *options)
{
  GrSessionObject *session = GR_SESSION_OBJECT (iface);
  GError *error = NULL;

  if (!gr_options_check (options, NULL, &error))
    return gr_invocation_refuse (invocation, error);
  gr_session_complete_get_runs (
      iface, invocation, gr_windows_get_runs (windows_of (session), session));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

void
gr_session_object_iface_init_schedule (GrSessionIface *iface)
{
  iface->handle_set_schedule = handle_set_schedule;
  iface->handle_remove_schedule = handle_remove_schedule;
  iface->handle_run_sync_window = handle_run_sync_window;
  iface->handle_get_runs = handle_get_runs;
}
