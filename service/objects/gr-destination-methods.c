/* georepd: Destination methods: SetupPasswordless, Test and Remove.
 *
 * A call holds a reference to its destination until it replied; the
 * destination may still leave the registry while an SSH operation runs
 * in its thread, which the callbacks check before touching it. */
#include <string.h>

#include "gr-call.h"
#include "gr-destination-object.h"
#include "gr-destinations.h"
#include "gr-error.h"
#include "gr-log.h"
#include "gr-options.h"
#include "gr-ssh.h"

/* The state of the calls: the login, and what the method needs. */
typedef struct {
  GrSshTarget *target;
  char *password;
  char *key_line;
  gboolean revoke;
} GrDestinationRequest;

static void
request_free (GrDestinationRequest *request)
{
  gr_ssh_target_free (request->target);
  if (request->password)
    explicit_bzero (request->password, strlen (request->password));
  g_free (request->password);
  g_free (request->key_line);
  g_free (request);
}

static GrDestinationRequest *
request_new (GrDestinationObject *destination)
{
  GrDestinationRequest *request = g_new0 (GrDestinationRequest, 1);

  request->target =
      gr_destinations_new_target (destination, GR_SSH_DEFAULT_TIMEOUT);
  return request;
}

static gboolean
begin (GrDestinationObject *destination,
       GDBusMethodInvocation *invocation,
       GVariant *options,
       GrCallStep step,
       GrDestinationRequest *request)
{
  return gr_call_begin (invocation, destination, options, NULL, step, request,
                        (GDestroyNotify) request_free);
}

static GrDestinations *
destinations_of (GrCall *call)
{
  return gr_destination_object_get_destinations (gr_call_get_object (call));
}

/* The call's destination, or NULL (and the call failed) when it left the
 * registry meanwhile. */
static GrDestinationObject *
call_destination (GrCall *call)
{
  GrDestinationRequest *request = gr_call_get_state (call);
  GrDestinationObject *destination = gr_call_get_object (call);

  if (gr_destinations_lookup (destinations_of (call), request->target->user,
                              request->target->host) == destination)
    return destination;
  gr_call_fail (call,
                g_error_new_literal (GR_ERROR, GR_ERROR_NOT_FOUND,
                                     "The destination was removed meanwhile"));
  return NULL;
}

static void
record_test (GrDestinationObject *destination, gboolean ok, const char *message)
{
  GrDestinationRecord *record = gr_destination_object_get_record (destination);
  g_autoptr (GError) error = NULL;

  g_free (record->passwordless);
  record->passwordless = g_strdup (ok ? "ok" : "failed");
  record->last_test_time = (guint64) g_get_real_time ();
  g_free (record->last_test_message);
  record->last_test_message = g_strdup (message);
  gr_destination_object_sync (destination);
  if (!gr_destinations_save (
          gr_destination_object_get_destinations (destination), &error))
    g_warning ("Cannot store the destinations: %s", error->message);
}

/* --- SetupPasswordless --- */

static void
on_setup (GObject *source, GAsyncResult *res, gpointer data)
{
  GrCall *call = data;
  GrDestinationRequest *request = gr_call_get_state (call);
  GError *error = NULL;
  GrDestinationObject *destination;
  GrDestinationRecord *record;
  gboolean ok = gr_ssh_setup_passwordless_finish (res, &error);

  if ((destination = call_destination (call)) == NULL)
    {
      g_clear_error (&error);
      return;
    }
  record_test (destination, ok, ok ? "Key login works" : error->message);
  if (!ok)
    {
      gr_call_fail (call, error);
      return;
    }
  record = gr_destination_object_get_record (destination);
  g_free (record->installed_key);
  record->installed_key = g_strdup (request->key_line);
  record_test (destination, TRUE, "Key login works");
  gr_log_event (GR_MESSAGE_KEY_INSTALLED, GR_LOG_FIELD_DESTINATION,
                gr_destination_object_get_label (destination),
                "Installed root's key for %s@%s", request->target->user,
                request->target->host);
  gr_call_return (call, NULL);
}

static void
on_root_key (GObject *source, GAsyncResult *res, gpointer data)
{
  GrCall *call = data;
  GrDestinationRequest *request = gr_call_get_state (call);
  GError *error = NULL;
  g_autofree char *identity = NULL;

  if (!gr_ssh_root_key_finish (res, &request->key_line, &identity, &error))
    {
      gr_call_fail (call, error);
      return;
    }
  g_free (request->target->identity);
  request->target->identity = g_steal_pointer (&identity);
  gr_ssh_setup_passwordless_async (request->target, request->password,
                                   request->key_line, NULL, on_setup, call);
  /* The operation keeps its own copy; ours goes now. */
  explicit_bzero (request->password, strlen (request->password));
}

static void
setup_passwordless (GrCall *call)
{
  gr_ssh_root_key_async (gr_destinations_ssh_dir (destinations_of (call)), NULL,
                         on_root_key, call);
}

static gboolean
handle_setup_passwordless (GrDestination *iface,
                           GDBusMethodInvocation *invocation,
                           const char *password,
                           GVariant *options)
{
  GrDestinationObject *destination = GR_DESTINATION_OBJECT (iface);
  GrDestinationRequest *request;
  GError *error = NULL;

  if (!gr_options_check (options, NULL, &error))
    return gr_invocation_refuse (invocation, error);
  request = request_new (destination);
  request->password = g_strdup (password);
  /* The message's copy is wiped too: the password should live in one
   * place only, for as short as possible. The buffer is the message's own
   * heap memory and nothing reads it after this point. */
  explicit_bzero ((char *) password, strlen (password));
  return begin (destination, invocation, options, setup_passwordless, request);
}

/* --- Test --- */

static void
on_tested (GObject *source, GAsyncResult *res, gpointer data)
{
  GrCall *call = data;
  GError *error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *rsync = NULL;
  g_auto (GStrv) volumes = NULL;
  g_autofree char *message = NULL;
  GrDestinationObject *destination;
  GrDestinationRecord *record;
  gboolean ok =
      gr_ssh_test_finish (res, &version, &rsync, &volumes, &message, &error);

  if ((destination = call_destination (call)) == NULL)
    {
      g_clear_error (&error);
      return;
    }
  if (!ok)
    {
      record_test (destination, FALSE, error->message);
      gr_call_fail (call, error);
      return;
    }
  record = gr_destination_object_get_record (destination);
  g_free (record->remote_gluster_version);
  record->remote_gluster_version = g_strdup (version ? version : "");
  g_free (record->remote_rsync_version);
  record->remote_rsync_version = g_strdup (rsync ? rsync : "");
  g_strfreev (record->remote_volumes);
  record->remote_volumes = g_steal_pointer (&volumes);
  /* Key login worked even when gluster is missing over there. */
  record_test (destination, TRUE, message);
  gr_call_return (call, g_variant_new ("(bs)", version != NULL, message));
}

static void
test_login (GrCall *call)
{
  GrDestinationRequest *request = gr_call_get_state (call);

  gr_ssh_test_async (request->target, NULL, on_tested, call);
}

static gboolean
handle_test (GrDestination *iface,
             GDBusMethodInvocation *invocation,
             GVariant *options)
{
  GrDestinationObject *destination = GR_DESTINATION_OBJECT (iface);
  GError *error = NULL;

  if (!gr_options_check (options, NULL, &error))
    return gr_invocation_refuse (invocation, error);
  return begin (destination, invocation, options, test_login,
                request_new (destination));
}

/* --- Remove --- */

static void
forget (GrCall *call)
{
  GrDestinationRequest *request = gr_call_get_state (call);
  GError *error = NULL;
  GrDestinationObject *destination = call_destination (call);
  g_autofree char *label = NULL;

  if (destination == NULL)
    return;
  label = g_strdup (gr_destination_object_get_label (destination));
  if (!gr_ssh_forget_host (request->target, &error))
    g_warning ("Cannot forget the host key of %s: %s", request->target->host,
               error->message);
  g_clear_error (&error);
  if (!gr_destinations_remove (destinations_of (call), destination, &error))
    {
      gr_call_fail (call, error);
      return;
    }
  gr_log_event (GR_MESSAGE_DESTINATION_REMOVED, GR_LOG_FIELD_DESTINATION, label,
                "Destination %s@%s removed%s", request->target->user,
                request->target->host, request->revoke ? ", key revoked" : "");
  gr_call_return (call, NULL);
}

static void
on_revoked (GObject *source, GAsyncResult *res, gpointer data)
{
  GrCall *call = data;
  GrDestinationRequest *request = gr_call_get_state (call);
  GError *error = NULL;

  /* A key that could not be revoked stays trusted over there: the
   * destination is kept so the admin can retry or remove without revoke. */
  if (!gr_ssh_revoke_key_finish (res, &error))
    {
      gr_call_fail (call, error);
      return;
    }
  gr_log_event (GR_MESSAGE_KEY_REVOKED, GR_LOG_FIELD_DESTINATION,
                request->target->host, "Revoked root's key for %s@%s",
                request->target->user, request->target->host);
  forget (call);
}

static void
remove_destination (GrCall *call)
{
  GrDestinationRequest *request = gr_call_get_state (call);

  if (!request->revoke)
    forget (call);
  else
    gr_ssh_revoke_key_async (request->target, request->key_line, NULL,
                             on_revoked, call);
}

static gboolean
handle_remove (GrDestination *iface,
               GDBusMethodInvocation *invocation,
               GVariant *options)
{
  GrDestinationObject *destination = GR_DESTINATION_OBJECT (iface);
  GrDestinationRecord *record = gr_destination_object_get_record (destination);
  const GrOptionSpec specs[] = { { "revoke-key", "b" },
                                 { "force", "b" },
                                 { NULL, NULL } };
  const char *const *sessions = gr_destination_get_sessions (iface);
  GrDestinationRequest *request;
  GError *error = NULL;

  if (!gr_options_check (options, specs, &error))
    return gr_invocation_refuse (invocation, error);
  if (sessions && sessions[0] &&
      !gr_options_get_boolean (options, "force", FALSE))
    return gr_invocation_refuse (
        invocation,
        g_error_new (GR_ERROR, GR_ERROR_INVALID_STATE,
                     "%u session(s) use this destination (use force)",
                     g_strv_length ((char **) sessions)));
  if (gr_options_get_boolean (options, "revoke-key", FALSE) &&
      record->installed_key == NULL)
    return gr_invocation_refuse (
        invocation,
        g_error_new_literal (GR_ERROR, GR_ERROR_INVALID_STATE,
                             "georepd installed no key there to revoke"));
  request = request_new (destination);
  request->revoke = gr_options_get_boolean (options, "revoke-key", FALSE);
  request->key_line = g_strdup (record->installed_key);
  return begin (destination, invocation, options, remove_destination, request);
}

/* Called from the class's iface_init. */
void
gr_destination_object_iface_init_methods (GrDestinationIface *iface)
{
  iface->handle_setup_passwordless = handle_setup_passwordless;
  iface->handle_test = handle_test;
  iface->handle_remove = handle_remove;
  iface->handle_setup_mountbroker =
      gr_destination_object_handle_setup_mountbroker;
  iface->handle_promote = gr_destination_object_handle_promote;
}
