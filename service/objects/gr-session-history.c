/* georepd: Session.GetHistory, a read of the session's recent past
 * (service/monitor/gr-history.h), which the monitor samples. */
#include "gr-call.h"
#include "gr-options.h"
#include "gr-session-object.h"

static const GrOptionSpec history_options[] = {
  { "since", "t" },
  { NULL, NULL },
};

static void
get_history (GrCall *call)
{
  GrSessionObject *session = gr_call_get_object (call);
  guint64 since = 0;

  g_variant_lookup (gr_call_get_options (call), "since", "t", &since);
  gr_call_return (
      call, g_variant_new ("(@aa{sv})",
                           gr_history_to_variant (
                               gr_session_object_get_history (session),
                               (gint64) MIN (since, (guint64) G_MAXINT64))));
}

/* A read of what everyone may read (open in gr-auth.c), no gluster run. */
static gboolean
handle_get_history (GrSession *iface,
                    GDBusMethodInvocation *invocation,
                    GVariant *options)
{
  GError *error = NULL;

  if (!gr_options_check (options, history_options, &error))
    return gr_invocation_refuse (invocation, error);
  return gr_call_begin (invocation, iface, options, NULL, get_history, NULL,
                        NULL);
}

void
gr_session_object_iface_init_history (GrSessionIface *iface)
{
  iface->handle_get_history = handle_get_history;
}
