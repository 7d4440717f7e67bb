/* georepd: Session.Verify and SetVerifyInterval, and the same work for a
 * periodic or after-checkpoint verification (gr-verify.h does it; this
 * file chooses what to compare, with whose login, and records the result
 * on the session). */
#include "gr-destinations.h"
#include "gr-call.h"
#include "gr-destination-object.h"
#include "gr-error.h"
#include "gr-log.h"
#include "gr-options.h"
#include "gr-refresh.h"
#include "gr-registry.h"
#include "gr-session-object.h"
#include "gr-verify-digest.h"
#include "gr-verify.h"

/* The longest VerifyInterval; the shortest is the configuration's
 * VerifyIntervalMin (300 s by default: shorter would keep the volumes
 * busy reading). */
#define VERIFY_INTERVAL_MAX (30 * 24 * 3600)

typedef struct {
  GrSessionObject *session;
  char *trigger; /* call, periodic or checkpoint */
  char **paths;
  guint max_files;
  guint timeout;
} GrVerifyJob;

static void
verify_job_free (GrVerifyJob *job)
{
  g_clear_object (&job->session);
  g_free (job->trigger);
  g_strfreev (job->paths);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrVerifyJob, verify_job_free)

/* The root destination of the session's secondary host: reading the
 * secondary volume needs root there, whatever user the session uses. */
static GrSshTarget *
secondary_root_target (GrSessionObject *session, GError **error)
{
  GrSessionId *id = gr_session_object_get_id (session);
  GrRegistry *registry = gr_session_object_get_registry (session);
  g_autoptr (GPtrArray) all = gr_registry_list_destinations (registry);

  for (guint i = 0; i < all->len; i++)
    {
      GrDestinationRecord *record =
          gr_destination_object_get_record (all->pdata[i]);

      if (g_str_equal (record->user, "root") &&
          g_str_equal (record->host, id->host))
        return gr_destinations_new_target (all->pdata[i],
                                           GR_VERIFY_MAX_TIMEOUT);
    }
  g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND,
               "Verify reads the secondary volume as root on %s: add the "
               "destination root@%s first",
               id->host, id->host);
  return NULL;
}

static GVariant *
last_verification (const GrVerifyResult *result,
                   const GError *error,
                   const char *trigger)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (
      &builder, "{sv}", "time",
      g_variant_new_uint64 (g_get_real_time () / G_USEC_PER_SEC));
  g_variant_builder_add (
      &builder, "{sv}", "files-checked",
      g_variant_new_uint32 (result ? result->files_checked : 0));
  g_variant_builder_add (
      &builder, "{sv}", "mismatches",
      g_variant_new_uint32 (result ? result->mismatches->len : 0));
  g_variant_builder_add (
      &builder, "{sv}", "duration-ms",
      g_variant_new_uint32 (result ? result->duration_ms : 0));
  g_variant_builder_add (&builder, "{sv}", "error",
                         g_variant_new_string (error ? error->message : ""));
  g_variant_builder_add (&builder, "{sv}", "trigger",
                         g_variant_new_string (trigger));
  g_variant_builder_add (
      &builder, "{sv}", "end",
      g_variant_new_string (result && result->end ? result->end : ""));
  return g_variant_builder_end (&builder);
}

static void
log_result (GrSessionObject *session,
            const GrVerifyResult *result,
            const GError *error)
{
  const char *label = gr_session_object_get_id (session)->label;

  if (error != NULL)
    gr_log_event (GR_MESSAGE_VERIFY_FAILED, GR_LOG_FIELD_SESSION, label,
                  "Session %s could not be verified: %s", label,
                  error->message);
  else if (result->mismatches->len > 0)
    gr_log_event (GR_MESSAGE_VERIFY_MISMATCH, GR_LOG_FIELD_SESSION, label,
                  "Session %s: %u of %u files differ between the primary "
                  "and the secondary (first: %s)",
                  label, result->mismatches->len, result->files_checked,
                  ((GrMismatch *) result->mismatches->pdata[0])->path);
  else
    g_info ("Session %s verified: %u files equal", label,
            result->files_checked);
}

static void
record_result (GrVerifyJob *job,
               const GrVerifyResult *result,
               const GError *error)
{
  gr_session_set_last_verification (
      GR_SESSION (job->session),
      last_verification (result, error, job->trigger));
  gr_session_object_update_health (job->session);
  log_result (job->session, result, error);
}

static void
on_verified (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GTask) task = data;
  GrVerifyJob *job = g_task_get_task_data (task);
  GError *error = NULL;
  GrVerifyResult *result = gr_verify_run_finish (res, &error);

  record_result (job, result, error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result,
                           (GDestroyNotify) gr_verify_result_free);
}

/* Runs @job (taken) and completes @task with its GrVerifyResult. */
static void
run_job (GrVerifyJob *job, GTask *task)
{
  GrSession *iface = GR_SESSION (job->session);
  GrSessionId *id = gr_session_object_get_id (job->session);
  g_autoptr (GrSshTarget) target = NULL;
  GError *error = NULL;
  GrVerifyRequest request = {
    .primary_volume = id->primary,
    .secondary_volume = id->secondary,
    .paths = job->paths,
    .max_files = job->max_files,
    .timeout = job->timeout,
    /* Files changed since gsyncd's last sync are not expected there. */
    .not_after = (gint64) gr_session_get_last_synced (iface),
  };

  g_task_set_task_data (task, job, (GDestroyNotify) verify_job_free);
  target = secondary_root_target (job->session, &error);
  if (target == NULL)
    {
      record_result (job, NULL, error);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  request.secondary_root = target;
  gr_verify_run_async (&request, on_verified, task);
}

void
gr_session_object_verify_async (GrSessionObject *self,
                                const char *trigger,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  GrVerifyJob *job = g_new0 (GrVerifyJob, 1);

  job->session = g_object_ref (self);
  job->trigger = g_strdup (trigger);
  job->max_files = GR_VERIFY_DEFAULT_MAX_FILES;
  job->timeout = GR_VERIFY_DEFAULT_TIMEOUT;
  run_job (job, g_task_new (self, NULL, callback, user_data));
}

gboolean
gr_session_object_verify_finish (GrSessionObject *self,
                                 GAsyncResult *result,
                                 GError **error)
{
  g_autoptr (GrVerifyResult) verdict =
      g_task_propagate_pointer (G_TASK (result), error);

  return verdict != NULL;
}

/* --- Verify ------------------------------------------------------------ */

static void
on_verify_replied (GObject *source, GAsyncResult *res, gpointer data)
{
  GrCall *call = data;
  GError *error = NULL;
  g_autoptr (GrVerifyResult) result =
      g_task_propagate_pointer (G_TASK (res), &error);

  /* LastVerification and Health go out before the reply (gr-call.h). */
  if (result == NULL)
    {
      gr_call_fail (call, error);
      return;
    }
  gr_call_return (
      call, g_variant_new ("(u@a(sss))", result->files_checked,
                           gr_verify_result_mismatches_to_variant (result)));
}

static void
verify (GrCall *call)
{
  run_job (
      gr_call_steal_state (call),
      g_task_new (gr_call_get_object (call), NULL, on_verify_replied, call));
}

static gboolean
read_paths (GrVerifyJob *job, GVariant *options, GError **error)
{
  g_autofree const char **given = NULL;
  GPtrArray *paths;

  if (!g_variant_lookup (options, "paths", "^a&s", &given))
    return TRUE;
  if (given[0] == NULL || g_strv_length ((char **) given) > GR_VERIFY_MAX_FILES)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                   "paths must name 1 to %u files", GR_VERIFY_MAX_FILES);
      return FALSE;
    }
  paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; given[i]; i++)
    {
      char *path = gr_verify_path_normalize (given[i], error);

      if (path == NULL)
        return g_ptr_array_unref (paths), FALSE;
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  job->paths = (char **) g_ptr_array_free (paths, FALSE);
  job->max_files = g_strv_length (job->paths);
  return TRUE;
}

static gboolean
read_bound (GVariant *options,
            const char *key,
            guint max,
            guint *value,
            GError **error)
{
  guint32 given;

  if (!g_variant_lookup (options, key, "u", &given))
    return TRUE;
  if (given < 1 || given > max)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                   "%s must be 1 to %u", key, max);
      return FALSE;
    }
  *value = given;
  return TRUE;
}

static gboolean
read_verify_options (GrVerifyJob *job, GVariant *options, GError **error)
{
  static const GrOptionSpec specs[] = {
    { "paths", "as" },
    { "max-files", "u" },
    { "timeout", "u" },
    { NULL, NULL },
  };

  job->max_files = GR_VERIFY_DEFAULT_MAX_FILES;
  job->timeout = GR_VERIFY_DEFAULT_TIMEOUT;
  return gr_options_check (options, specs, error) &&
         read_bound (options, "max-files", GR_VERIFY_MAX_FILES, &job->max_files,
                     error) &&
         read_bound (options, "timeout", GR_VERIFY_MAX_TIMEOUT, &job->timeout,
                     error) &&
         read_paths (job, options, error);
}

static gboolean
handle_verify (GrSession *iface,
               GDBusMethodInvocation *invocation,
               GVariant *options)
{
  g_autoptr (GrVerifyJob) job = g_new0 (GrVerifyJob, 1);
  g_autoptr (GrSshTarget) target = NULL;
  GError *error = NULL;

  job->session = g_object_ref (GR_SESSION_OBJECT (iface));
  job->trigger = g_strdup ("call");
  if (!read_verify_options (job, options, &error) ||
      (target = secondary_root_target (job->session, &error)) == NULL)
    return gr_invocation_refuse (invocation, error);
  return gr_call_begin (invocation, iface, options, NULL, verify,
                        g_steal_pointer (&job),
                        (GDestroyNotify) verify_job_free);
}

/* --- SetVerifyInterval --------------------------------------------------- */

static void
set_verify_interval (GrCall *call)
{
  const guint64 *seconds = gr_call_get_state (call);

  /* The schedule (gr-verify-schedule.c) follows the property. */
  gr_session_set_verify_interval (GR_SESSION (gr_call_get_object (call)),
                                  *seconds);
  gr_call_return (call, NULL);
}

static gboolean
handle_set_verify_interval (GrSession *iface,
                            GDBusMethodInvocation *invocation,
                            guint64 seconds,
                            GVariant *options)
{
  GrContext *context =
      gr_session_object_get_context (GR_SESSION_OBJECT (iface));
  guint min = gr_context_get_config (context)->verify_interval_min;
  GError *error = NULL;

  if (!gr_options_check (options, NULL, &error))
    return gr_invocation_refuse (invocation, error);
  if (seconds != 0 && (seconds < min || seconds > VERIFY_INTERVAL_MAX))
    return gr_invocation_refuse (
        invocation,
        g_error_new (GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                     "The interval must be 0 (off) or %u to %u seconds", min,
                     VERIFY_INTERVAL_MAX));
  return gr_call_begin (invocation, iface, options, NULL, set_verify_interval,
                        g_memdup2 (&seconds, sizeof seconds), g_free);
}

void
gr_session_object_iface_init_verify (GrSessionIface *iface)
{
  iface->handle_verify = handle_verify;
  iface->handle_set_verify_interval = handle_set_verify_interval;
}
