/* georepd: Destination.Promote, the failover (docs/disaster-recovery.md):
 * the secondary volume becomes writable and records its changes, so that
 * a failback can later bring them to the primary. Each option is set and
 * read back as its own step, as root over the destination.
 *
 * Parameters: host, volume (the secondary volume), destination (label). */
#include "gr-call.h"
#include "gr-destination-object.h"
#include "gr-destinations.h"
#include "gr-dr-remote.h"
#include "gr-error.h"
#include "gr-options.h"
#include "gr-validate.h"

static const char *const promote_steps[] = {
  "check-volume", "read-only-off", "indexing-on", "changelog-on", NULL,
};

/* The options, in the order gluster's documentation sets them. */
static const struct {
  const char *step;
  const char *key;
  const char *value;
} promote_options[] = {
  { "read-only-off", "features.read-only", "off" },
  { "indexing-on", "geo-replication.indexing", "on" },
  { "changelog-on", "changelog.changelog", "on" },
};

static void
run_promote_step (GrJobObject *job)
{
  const char *step =
      gr_job_record_current_step (gr_job_object_get_record (job));

  if (g_str_equal (step, "check-volume"))
    {
      gr_dr_remote_check_volume (job);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (promote_options); i++)
    if (g_str_equal (step, promote_options[i].step))
      {
        gr_dr_remote_set_option (job, promote_options[i].key,
                                 promote_options[i].value);
        return;
      }
  g_assert_not_reached ();
}

const GrJobOperation gr_dr_promote_operation = {
  .name = "promote",
  .steps = promote_steps,
  .run_step = run_promote_step,
};

/* --- the method ---------------------------------------------------------- */

/* The state of the call is the secondary volume. */
static void
promote (GrCall *call)
{
  GrDestinationObject *destination = gr_call_get_object (call);
  GrDestinationRecord *record = gr_destination_object_get_record (destination);
  GrRegistry *registry = gr_destinations_get_registry (
      gr_destination_object_get_destinations (destination));
  GHashTable *params =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GError *error = NULL;
  GrJobObject *job;

  g_hash_table_insert (params, g_strdup ("host"), g_strdup (record->host));
  g_hash_table_insert (params, g_strdup ("volume"),
                       g_strdup (gr_call_get_state (call)));
  g_hash_table_insert (
      params, g_strdup ("destination"),
      g_strdup (gr_destination_object_get_label (destination)));
  job = gr_jobs_begin (gr_jobs_get (registry), &gr_dr_promote_operation,
                       gr_destination_object_get_path (destination), params,
                       &error);
  if (job == NULL)
    gr_call_fail (call, error);
  else
    gr_call_return (call, g_variant_new ("(o)", gr_job_object_get_path (job)));
}

static gboolean
check_promote (GrDestinationObject *destination,
               const char *volume,
               GVariant *options,
               GError **error)
{
  static const GrOptionSpec specs[] = { { "confirm", "b" }, { NULL, NULL } };

  if (!gr_options_check (options, specs, error) ||
      !gr_validate_volume (volume, error))
    return FALSE;
  if (!gr_options_get_boolean (options, "confirm", FALSE))
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                           "Promote makes the secondary volume writable: "
                           "confirm it with the option confirm");
      return FALSE;
    }
  if (!g_str_equal (gr_destination_object_get_record (destination)->user,
                    "root"))
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID_STATE,
                           "Promote needs a destination that logs in as root");
      return FALSE;
    }
  return TRUE;
}

gboolean
gr_destination_object_handle_promote (GrDestination *iface,
                                      GDBusMethodInvocation *invocation,
                                      const char *volume,
                                      GVariant *options)
{
  GrDestinationObject *destination = GR_DESTINATION_OBJECT (iface);
  GError *error = NULL;

  if (!check_promote (destination, volume, options, &error))
    return gr_invocation_refuse (invocation, error);
  return gr_call_begin (invocation, destination, options, NULL, promote,
                        g_strdup (volume), g_free);
}
