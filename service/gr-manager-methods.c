/* georepd: Manager methods. Each handler validates, authorizes, acts,
 * refreshes the model and only then replies. */
#include "gr-auth.h"
#include "gr-create-session.h"
#include "gr-destination-methods.h"
#include "gr-error.h"
#include "gr-manager-methods.h"
#include "gr-options.h"
#include "gr-refresh.h"

static void
on_refreshed (GObject *source, GAsyncResult *res, gpointer data)
{
  GDBusMethodInvocation *invocation = data;
  GrDaemon *daemon = g_object_get_data (G_OBJECT (invocation), "gr-daemon");
  g_autoptr (GError) error = NULL;

  /* Replying consumes the invocation. */
  if (!gr_refresher_refresh_finish (daemon->refresher, res, &error))
    g_dbus_method_invocation_return_gerror (invocation, error);
  else
    gr_manager_complete_refresh (daemon->manager, invocation);
}

/* Allowed to anyone: it only re-reads what everyone may read, and
 * concurrent calls share one refresh. */
static gboolean
handle_refresh (GrManager *manager,
                GDBusMethodInvocation *invocation,
                GVariant *options,
                GrDaemon *daemon)
{
  g_autoptr (GError) error = NULL;

  if (!gr_options_check (options, NULL, &error))
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  g_object_set_data (G_OBJECT (invocation), "gr-daemon", daemon);
  gr_refresher_refresh_async (daemon->refresher, on_refreshed, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

void
gr_manager_connect_methods (GrDaemon *daemon)
{
  g_signal_connect (daemon->manager, "handle-refresh",
                    G_CALLBACK (handle_refresh), daemon);
  g_signal_connect (daemon->manager, "handle-create-session",
                    G_CALLBACK (gr_handle_create_session), daemon);
  g_signal_connect (daemon->manager, "handle-probe-host",
                    G_CALLBACK (gr_handle_probe_host), daemon);
  g_signal_connect (daemon->manager, "handle-add-destination",
                    G_CALLBACK (gr_handle_add_destination), daemon);
}
