/* georepd: ProbeHost and AddDestination. */
#include "gr-auth.h"
#include "gr-destination-methods.h"
#include "gr-error.h"
#include "gr-options.h"
#include "gr-validate.h"

static void
not_yet (GDBusMethodInvocation *invocation, gpointer data)
{
  g_dbus_method_invocation_return_error_literal (invocation, GR_ERROR, GR_ERROR_FAILED,
                                                 "Destinations are not implemented yet");
}

gboolean
gr_handle_probe_host (GrManager *manager,
                      GDBusMethodInvocation *invocation,
                      const char *host,
                      guint16 port,
                      GVariant *options,
                      GrDaemon *daemon)
{
  g_autoptr(GError) error = NULL;

  if (!gr_validate_host (host, &error) || !gr_options_check (options, NULL, &error))
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  gr_auth_authorize (invocation, options, NULL, not_yet, NULL, NULL);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

gboolean
gr_handle_add_destination (GrManager *manager,
                           GDBusMethodInvocation *invocation,
                           const char *host,
                           guint16 port,
                           const char *user,
                           const char *fingerprint,
                           GVariant *options,
                           GrDaemon *daemon)
{
  g_autoptr(GError) error = NULL;

  if (!gr_validate_host (host, &error) || !gr_validate_user (user, &error) ||
      !gr_validate_fingerprint (fingerprint, &error) ||
      !gr_options_check (options, NULL, &error))
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  gr_auth_authorize (invocation, options, NULL, not_yet, NULL, NULL);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}
