/* georepd: remote steps of the disaster recovery jobs (gr-dr-remote.h). */
#include <string.h>

#include "gr-destinations.h"
#include "gr-destination-object.h"
#include "gr-dr-remote.h"
#include "gr-error.h"
#include "gr-gluster-result.h"
#include "gr-ssh-gluster.h"
#include "gr-gluster-types.h"
#include "gr-xml-geo-status.h"
#include "gr-xml-volume-info.h"

/* Remote gluster commands may wait for glusterd's lock and hooks. */
#define REMOTE_TIMEOUT 150
#define LOCK_RETRY_S 5
/* glusterd there not answering (restarting, or stalled for 120 s per
 * command of a hook script: create push-pem's hook runs some) or the
 * host out of reach: the step tries again every TRANSIENT_RETRY_S, and
 * fails once that went on for TRANSIENT_MAX_S. */
#define TRANSIENT_RETRY_S 10
#define TRANSIENT_MAX_S 600
#define TRANSIENT_SINCE "transient-since"

typedef struct {
  GrJobObject *job;
  GrDrRefusal refusal;
  GrDrRemoteThen then;
  gboolean xml;
  char *key; /* set-option: the key and value to read back */
  char *value;
} GrDrRemoteCall;

static void
remote_call_free (GrDrRemoteCall *call)
{
  g_object_unref (call->job);
  g_free (call->key);
  g_free (call->value);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrDrRemoteCall, remote_call_free)

/* root@HOST among the destinations: reading and changing the secondary
 * cluster needs root there. */
GrSshTarget *
gr_dr_root_target (GrJobObject *job, GError **error)
{
  GrRegistry *registry = gr_jobs_get_registry (gr_job_object_get_jobs (job));
  g_autoptr (GPtrArray) all = gr_registry_list_destinations (registry);
  const char *host = gr_job_object_get (job, "host");

  for (guint i = 0; host != NULL && i < all->len; i++)
    {
      GrDestinationRecord *record =
          gr_destination_object_get_record (all->pdata[i]);

      if (g_str_equal (record->user, "root") &&
          g_str_equal (record->host, host))
        return gr_destinations_new_target (all->pdata[i], REMOTE_TIMEOUT);
    }
  g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND,
               "No root destination for %s: add root@%s with passwordless "
               "login first",
               host ? host : "", host ? host : "");
  return NULL;
}

static gboolean
is_already (const GError *error)
{
  static const char *const phrases[] = { "already",        "not running",
                                         "does not exist", "not found",
                                         "not started",    NULL };

  for (guint i = 0; phrases[i]; i++)
    if (strstr (error->message, phrases[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Besides no answer at all (above), what `config checkpoint now` answers
 * for a while after that glusterd came back (both seen on the
 * two-cluster sandbox, tests/test-cluster-dr.c): "config-set failed",
 * or a staging failure that names no error, only the log. A staging
 * failure with a reason ("Staging failed on HOST. Error: …") is not
 * tried again. */
static const char *const transient_gluster_failures[] = {
  "config-set failed",
  "Staging failed on localhost. Please check the log file",
  NULL,
};

gboolean
gr_dr_remote_is_transient (const GError *error)
{
  if (g_error_matches (error, GR_ERROR, GR_ERROR_TIMEDOUT) ||
      g_error_matches (error, GR_ERROR, GR_ERROR_GLUSTERD_UNAVAILABLE) ||
      g_error_matches (error, GR_ERROR, GR_ERROR_HOST_UNREACHABLE))
    return TRUE;
  if (!g_error_matches (error, GR_ERROR, GR_ERROR_GLUSTER_FAILED))
    return FALSE;
  for (guint i = 0; transient_gluster_failures[i] != NULL; i++)
    if (strstr (error->message, transient_gluster_failures[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* A failure that may pass: the step runs again a little later, within
 * its bound; then it fails with how long it tried. Takes @error. */
static void
fail_or_retry (GrJobObject *job, GError *error)
{
  guint64 now = (guint64) (g_get_real_time () / G_USEC_PER_SEC);
  guint64 since = gr_job_object_get_uint (job, TRANSIENT_SINCE);
  g_autofree char *message = NULL;

  if (!gr_dr_remote_is_transient (error))
    {
      gr_job_object_set (job, TRANSIENT_SINCE, NULL);
      gr_job_object_step_done (job, error);
      return;
    }
  if (since == 0)
    gr_job_object_set_uint (job, TRANSIENT_SINCE, since = now);
  if (now - since >= TRANSIENT_MAX_S)
    {
      gr_job_object_set (job, TRANSIENT_SINCE, NULL);
      g_prefix_error (&error, "No answer from %s for %" G_GUINT64_FORMAT " s: ",
                      gr_job_object_get (job, "host"), now - since);
      gr_job_object_step_done (job, error);
      return;
    }
  message = g_strdup_printf ("%s; trying again", error->message);
  g_message ("Job %s: %s", gr_job_object_get_record (job)->id, message);
  g_error_free (error);
  gr_job_object_poll (job, TRANSIENT_RETRY_S, message);
}

static void
finish_call (GrDrRemoteCall *call, const char *output)
{
  gr_job_object_set (call->job, TRANSIENT_SINCE, NULL);
  if (call->then != NULL)
    call->then (call->job, output);
  else
    gr_job_object_step_done (call->job, NULL);
}

static void
on_remote_done (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GrDrRemoteCall) call = data;
  GError *error = NULL;
  int status = -1;
  g_autofree char *out = gr_ssh_gluster_finish (res, &status, &error);
  GrGlusterOutcome outcome;

  if (out == NULL)
    {
      fail_or_retry (call->job, error);
      return;
    }
  outcome = call->xml ? gr_gluster_result_from_envelope (out, strlen (out),
                                                         status, &error)
                      : gr_gluster_result_from_text (out, status, &error);
  if (outcome == GR_GLUSTER_OUTCOME_RETRY)
    {
      g_clear_error (&error);
      gr_job_object_poll (call->job, LOCK_RETRY_S,
                          "the secondary cluster is busy; trying again");
      return;
    }
  /* "glusterd is not running" is no "not running" of a session. */
  if (outcome == GR_GLUSTER_OUTCOME_FAILED &&
      (gr_dr_remote_is_transient (error) ||
       !(call->refusal == GR_DR_DONE_IF_ALREADY && is_already (error))))
    {
      fail_or_retry (call->job, error);
      return;
    }
  g_clear_error (&error);
  finish_call (call, out);
}

static void
run_remote (GrDrRemoteCall *call, const char *const *words)
{
  GError *error = NULL;
  g_autoptr (GrSshTarget) target = gr_dr_root_target (call->job, &error);

  if (target == NULL)
    {
      gr_job_object_step_done (call->job, error);
      remote_call_free (call);
      return;
    }
  gr_ssh_gluster_async (target, words, call->xml, NULL, on_remote_done, call);
}

static GrDrRemoteCall *
call_new (GrJobObject *job,
          GrDrRefusal refusal,
          GrDrRemoteThen then,
          gboolean xml)
{
  GrDrRemoteCall *call = g_new0 (GrDrRemoteCall, 1);

  call->job = g_object_ref (job);
  call->refusal = refusal;
  call->then = then;
  call->xml = xml;
  return call;
}

void
gr_dr_remote (GrJobObject *job,
              const char *const *words,
              GrDrRefusal refusal,
              GrDrRemoteThen then)
{
  run_remote (call_new (job, refusal, then, TRUE), words);
}

void
gr_dr_remote_text (GrJobObject *job,
                   const char *const *words,
                   GrDrRemoteThen then)
{
  run_remote (call_new (job, GR_DR_STRICT, then, FALSE), words);
}

char *
gr_dr_parse_volume_get (const char *output, const char *key)
{
  g_auto (GStrv) lines = g_strsplit (output ? output : "", "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_auto (GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      guint n = g_strv_length (fields);

      /* "KEY   VALUE": the spaces between make empty fields. */
      if (n >= 2 && g_str_equal (fields[0], key) && *fields[n - 1] != '\0')
        return g_strdup (fields[n - 1]);
    }
  return NULL;
}

/* The option read back: the step ends with whether it holds. */
static void
on_option_read (GrJobObject *job, const char *output)
{
  const char *key = gr_job_object_get (job, "option-key");
  const char *want = gr_job_object_get (job, "option-value");
  g_autofree char *now = gr_dr_parse_volume_get (output, key);

  if (g_strcmp0 (now, want) == 0)
    {
      gr_job_object_step_done (job, NULL);
      return;
    }
  gr_job_object_step_done (
      job, g_error_new (GR_ERROR, GR_ERROR_FAILED,
                        "%s of %s on %s is %s after setting it to %s", key,
                        gr_job_object_get (job, "volume"),
                        gr_job_object_get (job, "host"), now ? now : "unknown",
                        want));
}

static void
on_option_set (GrJobObject *job, const char *output)
{
  const char *words[] = { "volume", "get", gr_job_object_get (job, "volume"),
                          gr_job_object_get (job, "option-key"), NULL };

  gr_dr_remote_text (job, words, on_option_read);
}

void
gr_dr_remote_set_option (GrJobObject *job, const char *key, const char *value)
{
  const char *words[] = { "volume", "set", gr_job_object_get (job, "volume"),
                          key,      value, NULL };

  gr_job_object_set (job, "option-key", key);
  gr_job_object_set (job, "option-value", value);
  gr_dr_remote (job, words, GR_DR_STRICT, on_option_set);
}

static void
on_volume_info (GrJobObject *job, const char *output)
{
  g_autoptr (GError) error = NULL;
  gpointer result = NULL;
  g_autoptr (GPtrArray) volumes = NULL;
  const char *volume = gr_job_object_get (job, "volume");

  if (gr_gluster_result_from_stream (output, strlen (output), 0,
                                     gr_xml_read_volume_info,
                                     (GDestroyNotify) g_ptr_array_unref,
                                     &result, &error) != GR_GLUSTER_OUTCOME_OK)
    {
      gr_job_object_step_done (job, g_steal_pointer (&error));
      return;
    }
  volumes = result;
  for (guint i = 0; i < volumes->len; i++)
    {
      GrVolumeInfo *info = volumes->pdata[i];

      if (g_str_equal (info->name, volume) &&
          g_strcmp0 (info->status, "Started") == 0)
        {
          gr_job_object_step_done (job, NULL);
          return;
        }
    }
  gr_job_object_step_done (
      job, g_error_new (GR_ERROR, GR_ERROR_INVALID_STATE,
                        "The volume %s on %s is not started", volume,
                        gr_job_object_get (job, "host")));
}

void
gr_dr_remote_check_volume (GrJobObject *job)
{
  const char *words[] = { "volume", "info", gr_job_object_get (job, "volume"),
                          NULL };

  gr_dr_remote (job, words, GR_DR_STRICT, on_volume_info);
}
