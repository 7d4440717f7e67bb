/* georepd: Destination methods: SetupPasswordless, Test and Remove.
 *
 * A call holds a reference to its destination until it replied; the
 * destination may still leave the registry while an SSH operation runs
 * in its thread, which the callbacks check before touching it. */
#include <string.h>

#include "gr-auth.h"
#include "gr-destination-object.h"
#include "gr-destinations.h"
#include "gr-error.h"
#include "gr-log.h"
#include "gr-options.h"
#include "gr-ssh.h"

typedef struct {
  GrDestinationObject *destination;
  GrDestinations *destinations;
  GDBusMethodInvocation *invocation;
  GrSshTarget *target;
  char *password;
  char *key_line;
  gboolean revoke;
} GrDestinationCall;

static void
gr_destination_call_free (GrDestinationCall *call)
{
  gr_ssh_target_free (call->target);
  g_clear_object (&call->destination);
  if (call->password)
    explicit_bzero (call->password, strlen (call->password));
  g_free (call->password);
  g_free (call->key_line);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrDestinationCall, gr_destination_call_free)

static GrDestinationCall *
call_new (GrDestinationObject *destination)
{
  GrDestinationCall *call = g_new0 (GrDestinationCall, 1);

  call->destination = g_object_ref (destination);
  call->destinations = gr_destination_object_get_destinations (destination);
  call->target =
      gr_destinations_new_target (destination, GR_SSH_DEFAULT_TIMEOUT);
  return call;
}

/* The call's destination, or NULL (and the reply sent) when it left the
 * registry meanwhile. */
static GrDestinationObject *
call_destination (GrDestinationCall *call)
{
  if (gr_destinations_lookup (call->destinations, call->target->user,
                              call->target->host) == call->destination)
    return call->destination;
  gr_invocation_refuse (
      call->invocation,
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
  g_autoptr (GrDestinationCall) call = data;
  g_autoptr (GError) error = NULL;
  GrDestinationObject *destination;
  GrDestinationRecord *record;
  gboolean ok = gr_ssh_setup_passwordless_finish (res, &error);

  if ((destination = call_destination (call)) == NULL)
    return;
  record_test (destination, ok, ok ? "Key login works" : error->message);
  if (!ok)
    {
      gr_invocation_refuse (call->invocation, g_steal_pointer (&error));
      return;
    }
  record = gr_destination_object_get_record (destination);
  g_free (record->installed_key);
  record->installed_key = g_strdup (call->key_line);
  record_test (destination, TRUE, "Key login works");
  gr_log_event (GR_MESSAGE_KEY_INSTALLED, GR_LOG_FIELD_DESTINATION,
                gr_destination_object_get_label (destination),
                "Installed root's key for %s@%s", call->target->user,
                call->target->host);
  g_dbus_method_invocation_return_value (call->invocation, NULL);
}

static void
on_root_key (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GrDestinationCall) call = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *identity = NULL;

  if (!gr_ssh_root_key_finish (res, &call->key_line, &identity, &error))
    {
      gr_invocation_refuse (call->invocation, g_steal_pointer (&error));
      return;
    }
  g_free (call->target->identity);
  call->target->identity = g_steal_pointer (&identity);
  gr_ssh_setup_passwordless_async (call->target, call->password, call->key_line,
                                   NULL, on_setup, call);
  /* The operation keeps its own copy; ours goes now. */
  explicit_bzero (call->password, strlen (call->password));
  g_steal_pointer (&call);
}

static void
setup_authorized (GDBusMethodInvocation *invocation, gpointer data)
{
  GrDestinationCall *call = data;

  call->invocation = invocation;
  gr_ssh_root_key_async (gr_destinations_ssh_dir (call->destinations), NULL,
                         on_root_key, call);
}

static gboolean
handle_setup_passwordless (GrDestination *iface,
                           GDBusMethodInvocation *invocation,
                           const char *password,
                           GVariant *options)
{
  GrDestinationObject *destination = GR_DESTINATION_OBJECT (iface);
  GrDestinationCall *call;
  GError *error = NULL;

  if (!gr_options_check (options, NULL, &error))
    return gr_invocation_refuse (invocation, error);
  call = call_new (destination);
  call->password = g_strdup (password);
  /* The message's copy is wiped too: the password should live in one
   * place only, for as short as possible. The buffer is the message's own
   * heap memory and nothing reads it after this point. */
  explicit_bzero ((char *) password, strlen (password));
  gr_auth_authorize (invocation, options, NULL, setup_authorized, call,
                     (GDestroyNotify) gr_destination_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* --- Test --- */

static void
on_tested (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GrDestinationCall) call = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *rsync = NULL;
  g_auto (GStrv) volumes = NULL;
  g_autofree char *message = NULL;
  GrDestinationObject *destination;
  GrDestinationRecord *record;
  gboolean ok =
      gr_ssh_test_finish (res, &version, &rsync, &volumes, &message, &error);

  if ((destination = call_destination (call)) == NULL)
    return;
  if (!ok)
    {
      record_test (destination, FALSE, error->message);
      gr_invocation_refuse (call->invocation, g_steal_pointer (&error));
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
  g_dbus_method_invocation_return_value (
      call->invocation, g_variant_new ("(bs)", version != NULL, message));
}

static void
test_authorized (GDBusMethodInvocation *invocation, gpointer data)
{
  GrDestinationCall *call = data;

  call->invocation = invocation;
  gr_ssh_test_async (call->target, NULL, on_tested, call);
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
  gr_auth_authorize (invocation, options, NULL, test_authorized,
                     call_new (destination),
                     (GDestroyNotify) gr_destination_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* --- Remove --- */

static void
forget (GrDestinationCall *call)
{
  g_autoptr (GError) error = NULL;
  GrDestinationObject *destination = call_destination (call);
  g_autofree char *label = NULL;

  if (destination == NULL)
    return;
  label = g_strdup (gr_destination_object_get_label (destination));
  if (!gr_ssh_forget_host (call->target, &error))
    g_warning ("Cannot forget the host key of %s: %s", call->target->host,
               error->message);
  g_clear_error (&error);
  if (!gr_destinations_remove (call->destinations, destination, &error))
    {
      gr_invocation_refuse (call->invocation, g_steal_pointer (&error));
      return;
    }
  gr_log_event (GR_MESSAGE_DESTINATION_REMOVED, GR_LOG_FIELD_DESTINATION, label,
                "Destination %s@%s removed%s", call->target->user,
                call->target->host, call->revoke ? ", key revoked" : "");
  g_dbus_method_invocation_return_value (call->invocation, NULL);
}

static void
on_revoked (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GrDestinationCall) call = data;
  g_autoptr (GError) error = NULL;

  /* A key that could not be revoked stays trusted over there: the
   * destination is kept so the admin can retry or remove without revoke. */
  if (!gr_ssh_revoke_key_finish (res, &error))
    {
      gr_invocation_refuse (call->invocation, g_steal_pointer (&error));
      return;
    }
  gr_log_event (GR_MESSAGE_KEY_REVOKED, GR_LOG_FIELD_DESTINATION,
                call->target->host, "Revoked root's key for %s@%s",
                call->target->user, call->target->host);
  forget (call);
}

static void
remove_authorized (GDBusMethodInvocation *invocation, gpointer data)
{
  g_autoptr (GrDestinationCall) call = data;

  call->invocation = invocation;
  if (!call->revoke)
    {
      forget (call);
      return;
    }
  {
    GrDestinationCall *pending = g_steal_pointer (&call);

    gr_ssh_revoke_key_async (pending->target, pending->key_line, NULL,
                             on_revoked, pending);
  }
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
  GrDestinationCall *call;
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
  call = call_new (destination);
  call->revoke = gr_options_get_boolean (options, "revoke-key", FALSE);
  if (call->revoke && record->installed_key == NULL)
    {
      gr_destination_call_free (call);
      return gr_invocation_refuse (
          invocation,
          g_error_new_literal (GR_ERROR, GR_ERROR_INVALID_STATE,
                               "georepd installed no key there to revoke"));
    }
  call->key_line = g_strdup (record->installed_key);
  gr_auth_authorize (invocation, options, NULL, remove_authorized, call,
                     (GDestroyNotify) gr_destination_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
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
