/* georepd: Session.GetHistory, a read of the session's recent past
 * (service/monitor/gr-history.h), which the monitor samples. */
#include "gr-options.h"
#include "gr-session-object.h"

static const GrOptionSpec history_options[] = {
  { "since", "t" },
  { NULL, NULL },
};

/* A read of what everyone may read: no authorization, no gluster run. */
static gboolean
handle_get_history (GrSession *iface,
                    GDBusMethodInvocation *invocation,
                    GVariant *options)
{
  GrSessionObject *session = GR_SESSION_OBJECT (iface);
  GError *error = NULL;
  guint64 since = 0;

  if (!gr_options_check (options, history_options, &error))
    return gr_invocation_refuse (invocation, error);
  g_variant_lookup (options, "since", "t", &since);
  gr_session_complete_get_history (
      iface, invocation,
      gr_history_to_variant (gr_session_object_get_history (session),
                             (gint64) MIN (since, (guint64) G_MAXINT64)));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

void
gr_session_object_iface_init_history (GrSessionIface *iface)
{
  iface->handle_get_history = handle_get_history;
}
