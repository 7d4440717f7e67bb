/* georepd: the Manager's RegisterEventsWebhook and
 * UnregisterEventsWebhook: georepd's webhook in gluster's cluster-wide
 * webhooks.json, so that every node's glustereventsd posts its events
 * here (gr-events.h). The address is the caller's, checked as a host
 * name or address; it only ever becomes part of the URL. */
#include "gr-call.h"
#include "gr-error.h"
#include "gr-manager-private.h"
#include "gr-options.h"
#include "gr-validate.h"

/* The state of the call: which of the two it is. */
typedef struct {
  gboolean unregister;
  const char *done; /* for the log */
} GrWebhookVerb;

static const GrWebhookVerb register_verb = { FALSE, "Registered" };
static const GrWebhookVerb unregister_verb = { TRUE, "Unregistered" };

/* The caller's address option, checked by the handler; NULL: where the
 * listener listens. */
static const char *
requested_address (GrCall *call)
{
  const char *address = NULL;

  g_variant_lookup (gr_call_get_options (call), "address", "&s", &address);
  return address;
}

static void
on_registered (GObject *source, GAsyncResult *res, gpointer data)
{
  GrCall *call = data;
  const GrWebhookVerb *verb = gr_call_get_state (call);
  GrEvents *events = gr_manager_object_get_events (gr_call_get_object (call));
  g_autofree char *url = NULL, *token = NULL;
  GError *error = NULL;
  guint reloaded = 0;

  if (!gr_events_register_finish (events, res, &reloaded, &error))
    {
      gr_call_fail (call, error);
      return;
    }
  g_message ("%s georepd's events webhook; %u glustereventsd reloaded here",
             verb->done, reloaded);
  if (verb->unregister)
    gr_call_return (call, NULL);
  else if (gr_events_get_webhook (events, requested_address (call), &url,
                                  &token, &error))
    gr_call_return (call, g_variant_new ("(s)", url));
  else
    gr_call_fail (call, error);
}

static void
register_webhook (GrCall *call)
{
  const GrWebhookVerb *verb = gr_call_get_state (call);

  gr_events_register_async (
      gr_manager_object_get_events (gr_call_get_object (call)),
      requested_address (call),
      gr_options_get_boolean (gr_call_get_options (call), "jwt", FALSE),
      verb->unregister, on_registered, call);
}

static gboolean
handle_webhook (GrManager *manager,
                GDBusMethodInvocation *invocation,
                GVariant *options,
                const GrWebhookVerb *verb)
{
  static const GrOptionSpec specs[] = { { "address", "s" },
                                        { "jwt", "b" },
                                        { NULL, NULL } };
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
  return gr_call_begin (invocation, manager, options, NULL, register_webhook,
                        (gpointer) verb, NULL);
}

gboolean
gr_manager_handle_register_events_webhook (GrManager *manager,
                                           GDBusMethodInvocation *invocation,
                                           GVariant *options)
{
  return handle_webhook (manager, invocation, options, &register_verb);
}

gboolean
gr_manager_handle_unregister_events_webhook (GrManager *manager,
                                             GDBusMethodInvocation *invocation,
                                             GVariant *options)
{
  return handle_webhook (manager, invocation, options, &unregister_verb);
}
