/* georepd: Destination.SetupMountbroker, gluster's mountbroker setup for a
 * non-root destination's user, run as root over the root destination of
 * the same host (gr-ssh-admin.h). Without one, the error tells the admin
 * what to run there. */
#include "gr-call.h"
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

/* The state of the call: the words of the script (gr-ssh-admin.h),
 * volume, user, group and root, a NULL-terminated GStrv. */
static char **
mountbroker_words (GrDestinationObject *destination,
                   const char *volume,
                   GVariant *options)
{
  g_autoptr (GStrvBuilder) words = g_strv_builder_new ();
  const char *group = "", *root = GR_MOUNTBROKER_ROOT_DEFAULT;

  g_variant_lookup (options, "group", "&s", &group);
  g_variant_lookup (options, "mountbroker-root", "&s", &root);
  g_strv_builder_add_many (words, volume,
                           gr_destination_object_get_record (destination)->user,
                           group, root, NULL);
  return g_strv_builder_end (words);
}

static GError *
no_root_trust (GrDestinationObject *destination, const char *const *words)
{
  GrDestinationRecord *record = gr_destination_object_get_record (destination);
  g_autofree char *commands =
      gr_ssh_admin_commands (GR_SSH_ADMIN_MOUNTBROKER, words);

  return g_error_new (GR_ERROR, GR_ERROR_INVALID_STATE,
                      "georepd has no root login to %s: add root@%s as a "
                      "destination with passwordless login and call again, "
                      "or run as root on %s:\n%s",
                      record->host, record->host, record->host, commands);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  GrCall *call = data;
  GrDestinationRecord *record =
      gr_destination_object_get_record (gr_call_get_object (call));
  char **words = gr_call_get_state (call);
  GError *error = NULL;

  if (!gr_ssh_admin_finish (result, &error))
    {
      gr_call_fail (call, error);
      return;
    }
  g_message ("Mountbroker set up on %s for user %s and volume %s", record->host,
             words[1], words[0]);
  gr_call_return (call, NULL);
}

static void
setup_mountbroker (GrCall *call)
{
  GrDestinationObject *destination = gr_call_get_object (call);
  const char *const *words = gr_call_get_state (call);
  GrDestinationRecord *record = gr_destination_object_get_record (destination);
  GrDestinationObject *root = gr_destinations_lookup (
      gr_destination_object_get_destinations (destination), "root",
      record->host);
  g_autoptr (GrSshTarget) target = NULL;

  if (root == NULL)
    {
      gr_call_fail (call, no_root_trust (destination, words));
      return;
    }
  target = gr_destinations_new_target (root, ADMIN_TIMEOUT);
  gr_ssh_admin_async (target, GR_SSH_ADMIN_MOUNTBROKER, words, NULL, on_done,
                      call);
}

gboolean
gr_destination_object_handle_setup_mountbroker (
    GrDestination *iface,
    GDBusMethodInvocation *invocation,
    const char *volume,
    GVariant *options)
{
  GrDestinationObject *destination = GR_DESTINATION_OBJECT (iface);
  g_auto (GStrv) words = NULL;
  GError *error = NULL;

  if (!gr_options_check (options, mountbroker_options, &error))
    return gr_invocation_refuse (invocation, error);
  words = mountbroker_words (destination, volume, options);
  if (!gr_ssh_admin_validate (GR_SSH_ADMIN_MOUNTBROKER,
                              (const char *const *) words, &error))
    return gr_invocation_refuse (invocation, error);
  if (g_str_equal (words[1], "root"))
    return gr_invocation_refuse (
        invocation,
        g_error_new_literal (GR_ERROR, GR_ERROR_INVALID_STATE,
                             "root needs no mountbroker: it is for a "
                             "destination of a non-root user"));
  return gr_call_begin (invocation, destination, options, NULL,
                        setup_mountbroker, g_steal_pointer (&words),
                        (GDestroyNotify) g_strfreev);
}
