/* georepd: Destination.SetupMountbroker, gluster's mountbroker setup for a
 * non-root destination's user, run as root over the root destination of
 * the same host (gr-ssh-admin.h). Without one, the error tells the admin
 * what to run there. */
#include "gr-auth.h"
#include "gr-destination-object.h"
#include "gr-destinations.h"
#include "gr-error.h"
#include "gr-log.h"
#include "gr-options.h"
#include "gr-ssh-admin.h"

/* gluster-mountbroker restarts glusterd over there and waits for it. */
#define ADMIN_TIMEOUT 30

static const GrOptionSpec mountbroker_options[] = {
  { "group", "s" },
  { "mountbroker-root", "s" },
  { NULL, NULL },
};

typedef struct {
  GrDestinationObject *destination;
  GDBusMethodInvocation *invocation;
  char *words[5]; /* volume, user, group, root; NULL-terminated */
} GrMountbrokerCall;

static void
mountbroker_call_free (GrMountbrokerCall *call)
{
  g_clear_object (&call->destination);
  for (guint i = 0; i < G_N_ELEMENTS (call->words); i++)
    g_free (call->words[i]);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrMountbrokerCall, mountbroker_call_free)

static GError *
no_root_trust (GrMountbrokerCall *call)
{
  GrDestinationRecord *record =
      gr_destination_object_get_record (call->destination);
  g_autofree char *commands = gr_ssh_admin_commands (
      GR_SSH_ADMIN_MOUNTBROKER, (const char *const *) call->words);

  return g_error_new (GR_ERROR, GR_ERROR_INVALID_STATE,
                      "georepd has no root login to %s: add root@%s as a "
                      "destination with passwordless login and call again, "
                      "or run as root on %s:\n%s",
                      record->host, record->host, record->host, commands);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GrMountbrokerCall) call = data;
  GrDestinationRecord *record =
      gr_destination_object_get_record (call->destination);
  GError *error = NULL;

  if (!gr_ssh_admin_finish (result, &error))
    {
      gr_invocation_refuse (call->invocation, error);
      return;
    }
  g_message ("Mountbroker set up on %s for user %s and volume %s", record->host,
             call->words[1], call->words[0]);
  g_dbus_method_invocation_return_value (call->invocation, NULL);
}

static void
setup_authorized (GDBusMethodInvocation *invocation, gpointer data)
{
  GrMountbrokerCall *call = data;
  GrDestinationRecord *record =
      gr_destination_object_get_record (call->destination);
  GrDestinationObject *root = gr_destinations_lookup (
      gr_destination_object_get_destinations (call->destination), "root",
      record->host);
  g_autoptr (GrSshTarget) target = NULL;

  call->invocation = invocation;
  if (root == NULL)
    {
      gr_invocation_refuse (invocation, no_root_trust (call));
      mountbroker_call_free (call);
      return;
    }
  target = gr_destinations_new_target (root, ADMIN_TIMEOUT);
  /* on_done owns the call from here. */
  gr_ssh_admin_async (target, GR_SSH_ADMIN_MOUNTBROKER,
                      (const char *const *) call->words, NULL, on_done, call);
}

static GrMountbrokerCall *
call_new (GrDestinationObject *destination,
          const char *volume,
          GVariant *options)
{
  GrMountbrokerCall *call = g_new0 (GrMountbrokerCall, 1);
  const char *group = "", *root = GR_MOUNTBROKER_ROOT_DEFAULT;

  g_variant_lookup (options, "group", "&s", &group);
  g_variant_lookup (options, "mountbroker-root", "&s", &root);
  call->destination = g_object_ref (destination);
  call->words[0] = g_strdup (volume);
  call->words[1] =
      g_strdup (gr_destination_object_get_record (destination)->user);
  call->words[2] = g_strdup (group);
  call->words[3] = g_strdup (root);
  return call;
}

gboolean
gr_destination_object_handle_setup_mountbroker (
    GrDestination *iface,
    GDBusMethodInvocation *invocation,
    const char *volume,
    GVariant *options)
{
  GrDestinationObject *destination = GR_DESTINATION_OBJECT (iface);
  g_autoptr (GrMountbrokerCall) call = NULL;
  GError *error = NULL;

  if (!gr_options_check (options, mountbroker_options, &error))
    return gr_invocation_refuse (invocation, error);
  call = call_new (destination, volume, options);
  if (!gr_ssh_admin_validate (GR_SSH_ADMIN_MOUNTBROKER,
                              (const char *const *) call->words, &error))
    return gr_invocation_refuse (invocation, error);
  if (g_str_equal (call->words[1], "root"))
    return gr_invocation_refuse (
        invocation,
        g_error_new_literal (GR_ERROR, GR_ERROR_INVALID_STATE,
                             "root needs no mountbroker: it is for a "
                             "destination of a non-root user"));
  gr_auth_authorize (invocation, options, NULL, setup_authorized,
                     g_steal_pointer (&call),
                     (GDestroyNotify) mountbroker_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}
