/* georepd: the Manager's ProbeHost and AddDestination. Authorization
 * comes before any connection: an unauthorized caller cannot even make
 * the service knock on a host. */
#include "gr-call.h"
#include "gr-destination-object.h"
#include "gr-manager-private.h"
#include "gr-error.h"
#include "gr-log.h"
#include "gr-options.h"
#include "gr-ssh.h"
#include "gr-validate.h"

static guint16
effective_port (guint16 port)
{
  return port ? port : GR_SSH_DEFAULT_PORT;
}

/* The state of both calls: the login to probe. */
static GrSshTarget *
probe_target (GrManager *manager,
              const char *host,
              guint16 port,
              const char *user,
              const char *fingerprint)
{
  GrDestinations *destinations =
      gr_manager_object_get_destinations (GR_MANAGER_OBJECT (manager));

  return gr_ssh_target_new (host, effective_port (port), user, fingerprint,
                            gr_destinations_known_hosts (destinations), NULL,
                            GR_SSH_DEFAULT_TIMEOUT);
}

/* --- ProbeHost --- */

static void
on_probed (GObject *source, GAsyncResult *res, gpointer data)
{
  GrCall *call = data;
  GError *error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *key_type = NULL;

  if (!gr_ssh_probe_finish (res, &fingerprint, &key_type, &error))
    gr_call_fail (call, error);
  else
    gr_call_return (call, g_variant_new ("(ss)", fingerprint, key_type));
}

static void
probe (GrCall *call)
{
  gr_ssh_probe_async (gr_call_get_state (call), NULL, on_probed, call);
}

gboolean
gr_manager_handle_probe_host (GrManager *manager,
                              GDBusMethodInvocation *invocation,
                              const char *host,
                              guint16 port,
                              GVariant *options)
{
  GError *error = NULL;

  if (!gr_validate_host (host, &error) ||
      !gr_options_check (options, NULL, &error))
    return gr_invocation_refuse (invocation, error);
  return gr_call_begin (invocation, manager, options, NULL, probe,
                        probe_target (manager, host, port, NULL, NULL),
                        (GDestroyNotify) gr_ssh_target_free);
}

/* --- AddDestination --- */

/* Takes @fingerprint and @key_type, as the host presented them. */
static GrDestinationRecord *
new_record (const GrSshTarget *target, char *fingerprint, char *key_type)
{
  GrDestinationRecord *record = gr_destination_record_new ();

  record->host = g_strdup (target->host);
  record->port = target->port;
  record->user = g_strdup (target->user);
  record->fingerprint = fingerprint;
  record->key_type = key_type;
  return record;
}

static void
on_verified (GObject *source, GAsyncResult *res, gpointer data)
{
  GrCall *call = data;
  GrSshTarget *target = gr_call_get_state (call);
  GError *error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *key_type = NULL;
  GrDestinations *destinations =
      gr_manager_object_get_destinations (gr_call_get_object (call));
  GrDestinationRecord *record;
  GrDestinationObject *destination;

  if (!gr_ssh_probe_finish (res, &fingerprint, &key_type, &error))
    {
      gr_call_fail (call, error);
      return;
    }
  /* Checked again: a concurrent call may have added it meanwhile. */
  if (gr_destinations_lookup (destinations, target->user, target->host))
    {
      gr_call_fail (call, g_error_new (GR_ERROR, GR_ERROR_ALREADY_EXISTS,
                                       "Destination %s@%s exists", target->user,
                                       target->host));
      return;
    }
  record = new_record (target, g_steal_pointer (&fingerprint),
                       g_steal_pointer (&key_type));
  destination = gr_destinations_add (destinations, record, &error);
  if (destination == NULL)
    {
      gr_call_fail (call, error);
      return;
    }
  gr_log_event (GR_MESSAGE_DESTINATION_ADDED, GR_LOG_FIELD_DESTINATION,
                gr_destination_object_get_label (destination),
                "Destination %s@%s:%u added with host key %s", record->user,
                record->host, record->port, record->fingerprint);
  gr_call_return (call, g_variant_new ("(o)", gr_destination_object_get_path (
                                                  destination)));
}

static void
add (GrCall *call)
{
  gr_ssh_probe_async (gr_call_get_state (call), NULL, on_verified, call);
}

gboolean
gr_manager_handle_add_destination (GrManager *manager,
                                   GDBusMethodInvocation *invocation,
                                   const char *host,
                                   guint16 port,
                                   const char *user,
                                   const char *fingerprint,
                                   GVariant *options)
{
  GError *error = NULL;

  if (*user == '\0')
    user = "root";
  if (!gr_validate_host (host, &error) || !gr_validate_user (user, &error) ||
      !gr_validate_fingerprint (fingerprint, &error) ||
      !gr_options_check (options, NULL, &error))
    return gr_invocation_refuse (invocation, error);
  if (gr_destinations_lookup (
          gr_manager_object_get_destinations (GR_MANAGER_OBJECT (manager)),
          user, host))
    return gr_invocation_refuse (
        invocation, g_error_new (GR_ERROR, GR_ERROR_ALREADY_EXISTS,
                                 "Destination %s@%s exists", user, host));
  return gr_call_begin (invocation, manager, options, NULL, add,
                        probe_target (manager, host, port, user, fingerprint),
                        (GDestroyNotify) gr_ssh_target_free);
}
