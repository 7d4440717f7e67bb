/* georepd: the Manager's RegisterEventsWebhook and
 * UnregisterEventsWebhook: georepd's webhook in gluster's cluster-wide
 * webhooks.json, so that every node's glustereventsd posts its events
 * here (gr-events.h). The address is the caller's, checked as a host
 * name or address; it only ever becomes part of the URL. */
#include "gr-auth.h"
#include "gr-error.h"
#include "gr-manager-private.h"
#include "gr-options.h"
#include "gr-validate.h"

typedef struct {
  GrManagerObject *manager;
  GDBusMethodInvocation *invocation;
  char *address; /* NULL: where the listener listens */
  gboolean jwt;
  gboolean unregister;
} GrWebhookCall;

static void
gr_webhook_call_free (GrWebhookCall *call)
{
  g_object_unref (call->manager);
  g_free (call->address);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrWebhookCall, gr_webhook_call_free)

static void
on_registered (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GrWebhookCall) call = data;
  GrEvents *events = gr_manager_object_get_events (call->manager);
  g_autofree char *url = NULL, *token = NULL;
  GError *error = NULL;
  guint reloaded = 0;

  if (!gr_events_register_finish (events, res, &reloaded, &error))
    {
      gr_invocation_refuse (call->invocation, error);
      return;
    }
  g_message ("%s georepd's events webhook; %u glustereventsd reloaded here",
             call->unregister ? "Unregistered" : "Registered", reloaded);
  if (call->unregister)
    g_dbus_method_invocation_return_value (call->invocation, NULL);
  else if (gr_events_get_webhook (events, call->address, &url, &token, &error))
    g_dbus_method_invocation_return_value (call->invocation,
                                           g_variant_new ("(s)", url));
  else
    gr_invocation_refuse (call->invocation, error);
}

static void
webhook_authorized (GDBusMethodInvocation *invocation, gpointer data)
{
  GrWebhookCall *call = data;

  call->invocation = invocation;
  gr_events_register_async (gr_manager_object_get_events (call->manager),
                            call->address, call->jwt, call->unregister,
                            on_registered, call);
}

static gboolean
handle_webhook (GrManager *manager,
                GDBusMethodInvocation *invocation,
                GVariant *options,
                gboolean unregister)
{
  static const GrOptionSpec specs[] = { { "address", "s" },
                                        { "jwt", "b" },
                                        { NULL, NULL } };
  GrWebhookCall *call;
  const char *address = NULL;
  GError *error = NULL;

  if (!gr_options_check (options, specs, &error))
    return gr_invocation_refuse (invocation, error);
  if (g_variant_lookup (options, "address", "&s", &address) &&
      !gr_validate_host (address, &error))
    return gr_invocation_refuse (invocation, error);
  if (gr_manager_object_get_events (GR_MANAGER_OBJECT (manager)) == NULL)
    return gr_invocation_refuse (
        invocation, g_error_new (GR_ERROR, GR_ERROR_INVALID_STATE,
                                 "georepd has no events listener"));
  call = g_new0 (GrWebhookCall, 1);
  call->manager = g_object_ref (GR_MANAGER_OBJECT (manager));
  call->address = g_strdup (address);
  call->jwt = gr_options_get_boolean (options, "jwt", FALSE);
  call->unregister = unregister;
  gr_auth_authorize (invocation, options, NULL, webhook_authorized, call,
                     (GDestroyNotify) gr_webhook_call_free);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

gboolean
gr_manager_handle_register_events_webhook (GrManager *manager,
                                           GDBusMethodInvocation *invocation,
                                           GVariant *options)
{
  return handle_webhook (manager, invocation, options, FALSE);
}

gboolean
gr_manager_handle_unregister_events_webhook (GrManager *manager,
                                             GDBusMethodInvocation *invocation,
                                             GVariant *options)
{
  return handle_webhook (manager, invocation, options, TRUE);
}
