/* georepd: the Manager object and its Refresh method. Each handler
 * validates, begins its call (gr-call.h: authorized from the table),
 * acts, refreshes the registry and only then replies; a call holds a
 * reference to the Manager until it replied. */
#include "config.h"

#include "gr-call.h"
#include "gr-manager-private.h"
#include "gr-config-keys.h"
#include "gr-options.h"

struct _GrManagerObject {
  GrManagerSkeleton parent;
  GrContext *context;
  GrRefresher *refresher;
  GrRegistry *registry;
  GrDestinations *destinations;
  GrEvents *events;
};

static void gr_manager_object_iface_init (GrManagerIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
    GrManagerObject,
    gr_manager_object,
    GR_TYPE_MANAGER_SKELETON,
    G_IMPLEMENT_INTERFACE (GR_TYPE_MANAGER, gr_manager_object_iface_init))

static void
on_refreshed (GObject *source, GAsyncResult *res, gpointer data)
{
  GrCall *call = data;
  GrManagerObject *self = gr_call_get_object (call);
  GError *error = NULL;

  if (!gr_refresher_refresh_finish (self->refresher, res, &error))
    gr_call_fail (call, error);
  else
    gr_call_return (call, NULL);
}

static void
refresh (GrCall *call)
{
  GrManagerObject *self = gr_call_get_object (call);

  gr_refresher_refresh_async (self->refresher, on_refreshed, call);
}

/* Open to anyone (gr-auth.c): it only re-reads what everyone may read,
 * and concurrent calls share one refresh. */
static gboolean
handle_refresh (GrManager *iface,
                GDBusMethodInvocation *invocation,
                GVariant *options)
{
  GError *error = NULL;

  if (!gr_options_check (options, NULL, &error))
    return gr_invocation_refuse (invocation, error);
  return gr_call_begin (invocation, iface, options, NULL, refresh, NULL, NULL);
}

static void
gr_manager_object_iface_init (GrManagerIface *iface)
{
  iface->handle_refresh = handle_refresh;
  iface->handle_get_sessions = gr_manager_handle_get_sessions;
  iface->handle_create_session = gr_manager_handle_create_session;
  iface->handle_check_secondary = gr_manager_handle_check_secondary;
  iface->handle_probe_host = gr_manager_handle_probe_host;
  iface->handle_add_destination = gr_manager_handle_add_destination;
  iface->handle_register_events_webhook =
      gr_manager_handle_register_events_webhook;
  iface->handle_unregister_events_webhook =
      gr_manager_handle_unregister_events_webhook;
}

static void
gr_manager_object_class_init (GrManagerObjectClass *klass)
{
}

static void
gr_manager_object_init (GrManagerObject *self)
{
  const char *const none[] = { NULL };

  gr_manager_set_version (GR_MANAGER (self), GR_VERSION);
  gr_manager_set_volumes (GR_MANAGER (self), none);
  /* Clients (the Cockpit page) read the allowlist here, never copy it. */
  gr_manager_set_config_keys (GR_MANAGER (self), gr_config_keys_to_variant ());
}

GrManagerObject *
gr_manager_object_new (GrContext *context)
{
  GrManagerObject *self = g_object_new (GR_TYPE_MANAGER_OBJECT, NULL);
  GrRefresher *refresher = gr_context_get_refresher (context);
  GBindingFlags flags = G_BINDING_SYNC_CREATE;

  self->context = context;
  self->refresher = refresher;
  self->registry = gr_context_get_registry (context);
  self->destinations = gr_context_get_destinations (context);
  /* The properties follow their sources: no one sets them by name. */
  g_object_bind_property (refresher, "glusterd-running", self,
                          "glusterd-running", flags);
  g_object_bind_property (refresher, "gluster-version", self, "gluster-version",
                          flags);
  g_object_bind_property (refresher, "last-refresh", self, "last-refresh",
                          flags);
  g_object_bind_property (refresher, "volume-names", self, "volumes", flags);
  return self;
}

GrContext *
gr_manager_object_get_context (GrManagerObject *self)
{
  return self->context;
}

GrRefresher *
gr_manager_object_get_refresher (GrManagerObject *self)
{
  return self->refresher;
}

GrRegistry *
gr_manager_object_get_registry (GrManagerObject *self)
{
  return self->registry;
}

GrDestinations *
gr_manager_object_get_destinations (GrManagerObject *self)
{
  return self->destinations;
}

GrEvents *
gr_manager_object_get_events (GrManagerObject *self)
{
  return self->events;
}

void
gr_manager_object_set_events (GrManagerObject *self, GrEvents *events)
{
  self->events = events;
}
