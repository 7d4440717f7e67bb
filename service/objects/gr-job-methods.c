/* georepd: the Job object's methods: Resume and Abort, authorized with
 * the action of the job's operation, handed to the runner (gr-jobs.c). */
#include "gr-call.h"
#include "gr-job-object.h"
#include "gr-jobs.h"
#include "gr-options.h"

static void
reply (GrCall *call, gboolean ok, GError *error)
{
  if (ok)
    gr_call_return (call, NULL);
  else
    gr_call_fail (call, error);
}

static void
resume (GrCall *call)
{
  GrJobObject *job = gr_call_get_object (call);
  GError *error = NULL;
  gboolean ok = gr_jobs_resume (
      gr_job_object_get_jobs (job), job,
      gr_options_get_boolean (gr_call_get_options (call), "confirm", FALSE),
      &error);

  reply (call, ok, error);
}

static void
abort_job (GrCall *call)
{
  GrJobObject *job = gr_call_get_object (call);
  GError *error = NULL;
  gboolean ok = gr_jobs_abort (gr_job_object_get_jobs (job), job, &error);

  reply (call, ok, error);
}

/* The action is the one of the job's operation (gr-auth.c). */
static gboolean
handle_call (GrJob *iface,
             GDBusMethodInvocation *invocation,
             GVariant *options,
             GrCallStep step)
{
  static const GrOptionSpec resume_specs[] = { { "confirm", "b" },
                                               { NULL, NULL } };
  GrJobObject *self = GR_JOB_OBJECT (iface);
  GError *error = NULL;

  if (!gr_options_check (options, step == resume ? resume_specs : NULL, &error))
    return gr_invocation_refuse (invocation, error);
  return gr_call_begin (invocation, self, options,
                        gr_job_object_get_record (self)->operation, step, NULL,
                        NULL);
}

static gboolean
handle_resume (GrJob *iface,
               GDBusMethodInvocation *invocation,
               GVariant *options)
{
  return handle_call (iface, invocation, options, resume);
}

static gboolean
handle_abort (GrJob *iface,
              GDBusMethodInvocation *invocation,
              GVariant *options)
{
  return handle_call (iface, invocation, options, abort_job);
}

void
gr_job_object_iface_init_methods (GrJobIface *iface)
{
  iface->handle_resume = handle_resume;
  iface->handle_abort = handle_abort;
}
