/* georepd: Session.SetSchedule, RemoveSchedule, RunSyncWindow and
 * GetRuns (the sync windows of gr-windows.h). */
#include "gr-call.h"
#include "gr-error.h"
#include "gr-options.h"
#include "gr-schedule-spec.h"
#include "gr-session-object.h"
#include "gr-windows.h"

/* The state of SetSchedule, RemoveSchedule and RunSyncWindow. */
typedef struct {
  char *schedule; /* NULL: remove; unused by RunSyncWindow */
  guint timeout;
} GrScheduleRequest;

static void
schedule_request_free (GrScheduleRequest *request)
{
  g_free (request->schedule);
  g_free (request);
}

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

static GrScheduleRequest *
request_new (const char *schedule, guint timeout)
{
  GrScheduleRequest *request = g_new0 (GrScheduleRequest, 1);

  request->schedule = g_strdup (schedule);
  request->timeout = timeout;
  return request;
}

static void
set_schedule (GrCall *call)
{
  GrSessionObject *session = gr_call_get_object (call);
  GrScheduleRequest *request = gr_call_get_state (call);
  GError *error = NULL;

  if (!gr_windows_set_schedule (windows_of (session), session,
                                request->schedule, request->timeout, &error))
    {
      gr_call_fail (call, error);
      return;
    }
  g_message ("Session %s: sync windows %s%s by %s",
             gr_session_object_get_id (session)->label,
             request->schedule ? "scheduled " : "unscheduled",
             request->schedule ? request->schedule : "",
             gr_call_get_sender (call));
  gr_call_return (call, NULL);
}

static gboolean
begin (GrSession *iface,
       GDBusMethodInvocation *invocation,
       GVariant *options,
       GrCallStep step,
       GrScheduleRequest *request)
{
  return gr_call_begin (invocation, iface, options, NULL, step, request,
                        (GDestroyNotify) schedule_request_free);
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
  return begin (iface, invocation, options, set_schedule,
                request_new (schedule, timeout));
}

static gboolean
handle_remove_schedule (GrSession *iface,
                        GDBusMethodInvocation *invocation,
                        GVariant *options)
{
  GError *error = NULL;

  if (!gr_options_check (options, NULL, &error))
    return gr_invocation_refuse (invocation, error);
  return begin (iface, invocation, options, set_schedule,
                request_new (NULL, 0));
}

static void
run_sync_window (GrCall *call)
{
  GrSessionObject *session = gr_call_get_object (call);
  GrScheduleRequest *request = gr_call_get_state (call);
  GError *error = NULL;
  GrJobObject *job = gr_windows_run (windows_of (session), session, "call",
                                     request->timeout, &error);

  if (job == NULL)
    {
      gr_call_fail (call, error);
      return;
    }
  gr_call_return (call, g_variant_new ("(o)", gr_job_object_get_path (job)));
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
  return begin (iface, invocation, options, run_sync_window,
                request_new (NULL, timeout));
}

static void
get_runs (GrCall *call)
{
  GrSessionObject *session = gr_call_get_object (call);

  gr_call_return (
      call, g_variant_new ("(@aa{sv})", gr_windows_get_runs (
                                            windows_of (session), session)));
}

/* A read of what everyone may read (open in gr-auth.c). */
static gboolean
handle_get_runs (GrSession *iface,
                 GDBusMethodInvocation *invocation,
                 GVariant *options)
{
  GError *error = NULL;

  if (!gr_options_check (options, NULL, &error))
    return gr_invocation_refuse (invocation, error);
  return gr_call_begin (invocation, iface, options, NULL, get_runs, NULL, NULL);
}

void
gr_session_object_iface_init_schedule (GrSessionIface *iface)
{
  iface->handle_set_schedule = handle_set_schedule;
  iface->handle_remove_schedule = handle_remove_schedule;
  iface->handle_run_sync_window = handle_run_sync_window;
  iface->handle_get_runs = handle_get_runs;
}
