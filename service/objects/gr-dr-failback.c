/* georepd: Session.Failback (docs/disaster-recovery.md). After a Promote
 * of the secondary volume, what was written there goes back to the
 * primary volume through a reverse session that the secondary cluster's
 * glusterd runs (over the root destination of the secondary host), then
 * the volumes' roles are restored and this session runs again.
 *
 * Parameters: session (label), host (the secondary host), volume (the
 * secondary volume), primary-volume, primary-host (this cluster's name as
 * the secondary reaches it), force-stop (1 or 0), timeout (seconds);
 * learned: checkpoint-time, wait-since. */
#include <stdarg.h>
#include <string.h>

#include "gr-call.h"
#include "gr-dr-remote.h"
#include "gr-dr-steps.h"
#include "gr-error.h"
#include "gr-options.h"
#include "gr-ssh-gluster.h"
#include "gr-validate.h"
#include "gr-gluster-result.h"
#include "gr-gluster-types.h"
#include "gr-xml-geo-status.h"
#include "gr-xml-volume-info.h"

#define WAIT_POLL_S 5
#define FAILBACK_TIMEOUT_DEFAULT 3600

static const char *const failback_steps[] = {
  "precheck",
  "stop-session",
  "confirm-io-stopped",
  "prepare-keys",
  "create-reverse",
  "reverse-ssh-port",
  "reverse-sync-method",
  "reverse-recover-mode",
  "reverse-gfid-mode",
  "start-reverse",
  "checkpoint-reverse",
  "touch-promoted-root",
  "wait-reverse",
  "stop-reverse",
  "delete-reverse",
  "restore-read-only",
  "start-session",
  NULL,
};

/* The reverse session's words: `volume geo-replication SVOL PHOST::PVOL
 * WORD…` (NULL-terminated), run on the secondary host. */
static void
reverse_command (GrJobObject *job,
                 GrDrRefusal refusal,
                 GrDrRemoteThen then,
                 const char *word,
                 ...)
{
  g_autofree char *url =
      g_strconcat (gr_job_object_get (job, "primary-host"),
                   "::", gr_job_object_get (job, "primary-volume"), NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) words = NULL;
  va_list ap;

  g_strv_builder_add_many (builder, "volume", "geo-replication",
                           gr_job_object_get (job, "volume"), url, NULL);
  va_start (ap, word);
  for (const char *w = word; w != NULL; w = va_arg (ap, const char *))
    g_strv_builder_add (builder, w);
  va_end (ap);
  words = g_strv_builder_end (builder);
  gr_dr_remote (job, (const char *const *) words, refusal, then);
}

/* --- precheck, stop-session, confirm-io-stopped -------------------------- */

static void
precheck (GrJobObject *job, GrSessionObject *session)
{
  const GrVolumeInfo *primary =
      gr_refresher_lookup_volume (gr_session_object_get_refresher (session),
                                  gr_job_object_get (job, "primary-volume"));

  if (primary == NULL || g_strcmp0 (primary->status, "Started") != 0)
    {
      gr_job_object_step_done (
          job, g_error_new (GR_ERROR, GR_ERROR_INVALID_STATE,
                            "The primary volume %s is not started here",
                            gr_job_object_get (job, "primary-volume")));
      return;
    }
  gr_dr_remote_check_volume (job);
}

static void
stop_session (GrJobObject *job, GrSessionObject *session)
{
  if (gr_dr_session_is_idle (session))
    gr_job_object_step_done (job, NULL);
  else if (g_strcmp0 (gr_job_object_get (job, "force-stop"), "1") == 0)
    gr_dr_session_command (job, session, NULL, "stop", "force", NULL);
  else
    gr_dr_session_command (job, session, NULL, "stop", NULL);
}

static void
confirm_io_stopped (GrJobObject *job, GrSessionObject *session)
{
  g_autofree char *message = g_strdup_printf (
      "Stop all I/O on %s::%s (the promoted volume), then resume this job "
      "with confirm",
      gr_job_object_get (job, "host"), gr_job_object_get (job, "volume"));

  gr_job_object_wait (job, message);
}

/* --- the reverse session --------------------------------------------- */

static void
prepare_keys (GrJobObject *job, GrSessionObject *session)
{
  const char *words[] = { "system::", "execute", "gsec_create", NULL };

  gr_dr_remote_text (job, words, NULL);
}

static void
create_reverse (GrJobObject *job, GrSessionObject *session)
{
  reverse_command (job, GR_DR_DONE_IF_ALREADY, NULL, "create", "ssh-port",
                   gr_job_object_get (job, "ssh-port"), "push-pem", "force",
                   NULL);
}

/* gluster's create does not keep its ssh-port (glusterfs#2819). */
static void
reverse_ssh_port (GrJobObject *job, GrSessionObject *session)
{
  reverse_command (job, GR_DR_STRICT, NULL, "config", "ssh-port",
                   gr_job_object_get (job, "ssh-port"), NULL);
}

/* The forward session's sync method, when it was set (e.g. tarssh where
 * rsync leaves files empty: docs/rsync-empty-files.md). */
static void
reverse_sync_method (GrJobObject *job, GrSessionObject *session)
{
  const char *method = gr_job_object_get (job, "sync-method");

  if (method == NULL)
    gr_job_object_step_done (job, NULL);
  else
    reverse_command (job, GR_DR_STRICT, NULL, "config", "sync-method", method,
                     NULL);
}

static void
reverse_recover_mode (GrJobObject *job, GrSessionObject *session)
{
  reverse_command (job, GR_DR_STRICT, NULL, "config", "special-sync-mode",
                   "recover", NULL);
}

static void
reverse_gfid_mode (GrJobObject *job, GrSessionObject *session)
{
  reverse_command (job, GR_DR_STRICT, NULL, "config",
                   "gfid-conflict-resolution", "false", NULL);
}

static void
start_reverse (GrJobObject *job, GrSessionObject *session)
{
  reverse_command (job, GR_DR_DONE_IF_ALREADY, NULL, "start", NULL);
}

/* The time is taken before the command: gluster's "now" is then at or
 * after it, whatever the clocks' skew within a second. */
static void
checkpoint_reverse (GrJobObject *job, GrSessionObject *session)
{
  gr_job_object_set_uint (job, "checkpoint-time",
                          (guint64) (g_get_real_time () / G_USEC_PER_SEC) - 1);
  reverse_command (job, GR_DR_STRICT, NULL, "config", "checkpoint", "now",
                   NULL);
}

static void
on_touched (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GrJobObject) job = data;
  GError *error = NULL;

  gr_ssh_touch_root_finish (res, &error);
  gr_job_object_step_done (job, error);
}

static void
touch_promoted_root (GrJobObject *job, GrSessionObject *session)
{
  GError *error = NULL;
  g_autoptr (GrSshTarget) target = gr_dr_root_target (job, &error);

  if (target == NULL)
    {
      gr_job_object_step_done (job, error);
      return;
    }
  gr_ssh_touch_root_async (target, gr_job_object_get (job, "volume"), NULL,
                           on_touched, g_object_ref (job));
}

static guint64
waited_s (GrJobObject *job)
{
  return (guint64) (g_get_real_time () / G_USEC_PER_SEC) -
         gr_job_object_get_uint (job, "wait-since");
}

/* The wait's bound, also when the status did not come (glusterd there
 * restarting or stalled: gr-dr-remote.c tries again) or georepd was
 * down meanwhile. @seen: what the last look found. */
static gboolean
wait_timed_out (GrJobObject *job, const char *seen)
{
  if (waited_s (job) < gr_job_object_get_uint (job, "timeout"))
    return FALSE;
  gr_job_object_step_done (
      job, g_error_new (GR_ERROR, GR_ERROR_TIMEDOUT,
                        "The reverse session's checkpoint did not complete "
                        "within %" G_GUINT64_FORMAT " s (%s)",
                        gr_job_object_get_uint (job, "timeout"),
                        *seen ? seen : "no status seen"));
  return TRUE;
}

/* Whether every Active worker of the reverse session completed the
 * checkpoint, from its `status detail` there. */
static void
on_reverse_status (GrJobObject *job, const char *output)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sessions = NULL;
  gpointer result = NULL;
  GrCheckpointCount count = { 0 };
  g_autofree char *progress = NULL;

  if (gr_gluster_result_from_stream (output, strlen (output), 0,
                                     gr_xml_read_geo_status,
                                     (GDestroyNotify) g_ptr_array_unref,
                                     &result, &error) != GR_GLUSTER_OUTCOME_OK)
    {
      gr_job_object_step_done (job, g_steal_pointer (&error));
      return;
    }
  sessions = result;
  if (sessions->len > 0)
    count = gr_dr_count_checkpoint (
        sessions->pdata[0], gr_job_object_get_uint (job, "checkpoint-time"));
  if (count.active > 0 && count.completed == count.active)
    {
      gr_job_object_step_done (job, NULL);
      return;
    }
  progress = g_strdup_printf ("reverse sync: %u of %u Active workers "
                              "completed the checkpoint, %u Faulty",
                              count.completed, count.active, count.faulty);
  if (!wait_timed_out (job, progress))
    gr_job_object_poll (job, WAIT_POLL_S, progress);
}

static void
wait_reverse (GrJobObject *job, GrSessionObject *session)
{
  if (gr_job_object_get (job, "wait-since") == NULL)
    gr_job_object_set_uint (job, "wait-since",
                            (guint64) (g_get_real_time () / G_USEC_PER_SEC));
  else if (wait_timed_out (job, gr_job_object_get_record (job)->message))
    return;
  reverse_command (job, GR_DR_STRICT, on_reverse_status, "status", "detail",
                   NULL);
}

/* --- back to the original roles --------------------------------------- */

static void
stop_reverse (GrJobObject *job, GrSessionObject *session)
{
  reverse_command (job, GR_DR_DONE_IF_ALREADY, NULL, "stop", "force", NULL);
}

static void
delete_reverse (GrJobObject *job, GrSessionObject *session)
{
  reverse_command (job, GR_DR_DONE_IF_ALREADY, NULL, "delete", NULL);
}

/* The secondary volume is a geo-replication secondary again: read-only
 * for every client but gsyncd. */
static void
restore_read_only (GrJobObject *job, GrSessionObject *session)
{
  gr_dr_remote_set_option (job, "features.read-only", "on");
}

static void
start_session (GrJobObject *job, GrSessionObject *session)
{
  if (!gr_dr_session_is_idle (session))
    gr_job_object_step_done (job, NULL);
  else
    gr_dr_session_command (job, session, NULL, "start", "force", NULL);
}

/* --- the operation ----------------------------------------------------- */

static const GrDrStep failback_table[] = {
  { "precheck", precheck },
  { "stop-session", stop_session },
  { "confirm-io-stopped", confirm_io_stopped },
  { "prepare-keys", prepare_keys },
  { "create-reverse", create_reverse },
  { "reverse-ssh-port", reverse_ssh_port },
  { "reverse-sync-method", reverse_sync_method },
  { "reverse-recover-mode", reverse_recover_mode },
  { "reverse-gfid-mode", reverse_gfid_mode },
  { "start-reverse", start_reverse },
  { "checkpoint-reverse", checkpoint_reverse },
  { "touch-promoted-root", touch_promoted_root },
  { "wait-reverse", wait_reverse },
  { "stop-reverse", stop_reverse },
  { "delete-reverse", delete_reverse },
  { "restore-read-only", restore_read_only },
  { "start-session", start_session },
};

static void
run_failback_step (GrJobObject *job)
{
  gr_dr_run_step (job, failback_table, G_N_ELEMENTS (failback_table));
}

const GrJobOperation gr_dr_failback_operation = {
  .name = "failback",
  .steps = failback_steps,
  .run_step = run_failback_step,
};

/* --- the method ------------------------------------------------------- */

static const GrOptionSpec failback_options[] = {
  { "confirm", "b" },      { "force-stop", "b" }, { "timeout", "u" },
  { "primary-host", "s" }, { NULL, NULL },
};

/* The port of the primary's sshd as the secondary dials it: the option,
 * else the session's own ssh-port (the same sshd setup both ways), else
 * 22. */
static guint
reverse_port (GrSessionObject *session, GVariant *options)
{
  const char *configured = NULL;
  guint16 port = 0;
  guint64 number = 0;

  if (g_variant_lookup (options, "ssh-port", "q", &port) && port != 0)
    return port;
  if (g_variant_lookup (gr_session_get_config (GR_SESSION (session)),
                        "ssh-port", "&s", &configured) &&
      g_ascii_string_to_unsigned (configured, 10, 1, G_MAXUINT16, &number,
                                  NULL))
    return (guint) number;
  return 22;
}

static GHashTable *
failback_params (GrSessionObject *session, GVariant *options)
{
  GrSessionId *id = gr_session_object_get_id (session);
  GHashTable *params =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *primary_host = NULL;
  guint32 timeout = FAILBACK_TIMEOUT_DEFAULT;
  const char *method = NULL;

  g_variant_lookup (gr_session_get_config (GR_SESSION (session)), "sync-method",
                    "&s", &method);
  g_variant_lookup (options, "primary-host", "&s", &primary_host);
  g_variant_lookup (options, "timeout", "u", &timeout);
  g_hash_table_insert (params, g_strdup ("session"), g_strdup (id->label));
  g_hash_table_insert (params, g_strdup ("host"), g_strdup (id->host));
  g_hash_table_insert (params, g_strdup ("volume"), g_strdup (id->secondary));
  g_hash_table_insert (params, g_strdup ("primary-volume"),
                       g_strdup (id->primary));
  g_hash_table_insert (
      params, g_strdup ("primary-host"),
      g_strdup (primary_host ? primary_host : g_get_host_name ()));
  g_hash_table_insert (
      params, g_strdup ("force-stop"),
      g_strdup (gr_options_get_boolean (options, "force-stop", FALSE) ? "1"
                                                                      : "0"));
  g_hash_table_insert (params, g_strdup ("timeout"),
                       g_strdup_printf ("%u", timeout));
  g_hash_table_insert (params, g_strdup ("ssh-port"),
                       g_strdup_printf ("%u", reverse_port (session, options)));
  if (method != NULL)
    g_hash_table_insert (params, g_strdup ("sync-method"), g_strdup (method));
  return params;
}

static gboolean
check_failback (GVariant *options, GError **error)
{
  const char *primary_host = NULL;
  guint32 timeout = FAILBACK_TIMEOUT_DEFAULT;

  if (!gr_options_check (options, failback_options, error))
    return FALSE;
  if (!gr_options_get_boolean (options, "confirm", FALSE))
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                           "Failback overwrites the primary volume with what "
                           "was written on the secondary: confirm it with "
                           "the option confirm");
      return FALSE;
    }
  g_variant_lookup (options, "timeout", "u", &timeout);
  if (timeout < 60 || timeout > 7 * 86400)
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                           "timeout must be 60 to 604800 seconds");
      return FALSE;
    }
  return !g_variant_lookup (options, "primary-host", "&s", &primary_host) ||
         gr_validate_host (primary_host, error);
}

static void
failback (GrCall *call)
{
  GrSessionObject *session = gr_call_get_object (call);
  GrRegistry *registry = gr_session_object_get_registry (session);
  GError *error = NULL;
  GrJobObject *job = gr_jobs_begin (
      gr_jobs_get (registry), &gr_dr_failback_operation,
      gr_session_object_get_id (session)->path,
      failback_params (session, gr_call_get_options (call)), &error);

  if (job == NULL)
    gr_call_fail (call, error);
  else
    gr_call_return (call, g_variant_new ("(o)", gr_job_object_get_path (job)));
}

static gboolean
handle_failback (GrSession *iface,
                 GDBusMethodInvocation *invocation,
                 GVariant *options)
{
  GError *error = NULL;

  if (!check_failback (options, &error))
    return gr_invocation_refuse (invocation, error);
  return gr_call_begin (invocation, iface, options, NULL, failback, NULL, NULL);
}

void
gr_session_object_iface_init_failback (GrSessionIface *iface)
{
  iface->handle_failback = handle_failback;
}
