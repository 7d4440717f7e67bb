/* georepd: the Job object's methods: Resume and Abort, authorized with
 * the action of the job's operation, handed to the runner (gr-jobs.c). */
#include "gr-auth.h"
#include "gr-job-object.h"
#include "gr-jobs.h"
#include "gr-options.h"

typedef struct {
  GrJobObject *job;
  gboolean confirm;
  gboolean abort;
} GrJobCall;

static void
job_call_free (GrJobCall *call)
{
  g_clear_object (&call->job);
  g_free (call);
}

static void
call_authorized (GDBusMethodInvocation *invocation, gpointer data)
{
  GrJobCall *call = data;
  GError *error = NULL;
  gboolean ok = call->abort
                    ? gr_jobs_abort (gr_job_object_get_jobs (call->job),
                                     call->job, &error)
                    : gr_jobs_resume (gr_job_object_get_jobs (call->job),
                                      call->job, call->confirm, &error);

  if (ok)
    g_dbus_method_invocation_return_value (invocation, NULL);
  else
    gr_invocation_refuse (invocation, error);
  job_call_free (call);
}

static gboolean
handle_call (GrJob *iface,
             GDBusMethodInvocation *invocation,
             GVariant *options,
             gboolean abort)
{
  static const GrOptionSpec resume_specs[] = { { "confirm", "b" },
                                               { NULL, NULL } };
  GrJobObject *self = GR_JOB_OBJECT (iface);
  GrJobCall *call;
  GError *error = NULL;

  if (!gr_options_check (options, abort ? NULL : resume_specs, &error))
    return gr_invocation_refuse (invocation, error);
  call = g_new0 (GrJobCall, 1);
  call->job = g_object_ref (self);
  call->abort = abort;
  call->confirm = gr_options_get_boolean (options, "confirm", FALSE);
  gr_auth_authorize (invocation, options,
                     gr_job_object_get_record (self)->operation,
                     call_authorized, call, (GDestroyNotify) job_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_resume (GrJob *iface,
               GDBusMethodInvocation *invocation,
               GVariant *options)
{
  return handle_call (iface, invocation, options, FALSE);
}

static gboolean
handle_abort (GrJob *iface,
              GDBusMethodInvocation *invocation,
              GVariant *options)
{
  return handle_call (iface, invocation, options, TRUE);
}

void
gr_job_object_iface_init_methods (GrJobIface *iface)
{
  iface->handle_resume = handle_resume;
  iface->handle_abort = handle_abort;
}
