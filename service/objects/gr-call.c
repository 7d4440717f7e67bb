/* georepd: the method call (gr-call.h). GDBus's g-authorize-method
 * signal must answer at once, while polkit may ask the user for a
 * password: so the check runs here, asynchronously, between the
 * handler's validation and the call's first step. */
#include "gr-call.h"
#include "gr-error.h"
#include "gr-options.h"

struct _GrCall {
  GDBusMethodInvocation *invocation; /* NULL once replied */
  GObject *object;
  GVariant *options;
  gpointer state;
  GDestroyNotify free_state;
  GrCallStep next; /* run once the pending check granted */
};

static void
drop_state (GrCall *call)
{
  if (call->free_state != NULL && call->state != NULL)
    call->free_state (call->state);
  call->state = NULL;
  call->free_state = NULL;
}

/* Every call ends with one reply: one that ended without (a bug) still
 * answers, rather than leaving the caller waiting for its timeout. */
static void
gr_call_free (GrCall *call)
{
  if (call->invocation != NULL)
    {
      g_critical ("%s ended without a reply",
                  g_dbus_method_invocation_get_method_name (call->invocation));
      gr_invocation_refuse (
          g_steal_pointer (&call->invocation),
          g_error_new_literal (GR_ERROR, GR_ERROR_FAILED,
                               "The call ended without a reply"));
    }
  drop_state (call);
  g_clear_object (&call->object);
  g_clear_pointer (&call->options, g_variant_unref);
  g_free (call);
}

static void
on_authorized (GObject *source, GAsyncResult *res, gpointer data)
{
  GrCall *call = data;
  GError *error = NULL;

  if (!gr_auth_check_finish (res, &error))
    {
      gr_call_fail (call, error);
      return;
    }
  call->next (call);
}

static void
authorize (GrCall *call, const char *action, GrCallStep next)
{
  call->next = next;
  gr_auth_check_async (call->invocation, action, call->options, on_authorized,
                       call);
}

gboolean
gr_call_begin (GDBusMethodInvocation *invocation,
               gpointer object,
               GVariant *options,
               const char *qualifier,
               GrCallStep first_step,
               gpointer state,
               GDestroyNotify free_state)
{
  GrCall *call = g_new0 (GrCall, 1);
  const char *action = NULL;
  gboolean ruled =
      gr_auth_lookup (g_dbus_method_invocation_get_interface_name (invocation),
                      g_dbus_method_invocation_get_method_name (invocation),
                      qualifier, &action);

  /* The reply consumes the invocation: it is the call's until then. */
  call->invocation = invocation;
  call->object = g_object_ref (object);
  call->options = options ? g_variant_ref (options) : NULL;
  call->state = state;
  call->free_state = free_state;
  if (ruled && action == NULL)
    first_step (call);
  else
    authorize (call, action, first_step);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

void
gr_call_authorize_step (GrCall *call, GrAuthStep step, GrCallStep next)
{
  authorize (call, gr_auth_action_for_step (step), next);
}

gpointer
gr_call_get_object (GrCall *call)
{
  return call->object;
}

gpointer
gr_call_get_state (GrCall *call)
{
  return call->state;
}

void
gr_call_set_state (GrCall *call, gpointer state, GDestroyNotify free_state)
{
  drop_state (call);
  call->state = state;
  call->free_state = free_state;
}

gpointer
gr_call_steal_state (GrCall *call)
{
  call->free_state = NULL;
  return g_steal_pointer (&call->state);
}

GVariant *
gr_call_get_options (GrCall *call)
{
  return call->options;
}

const char *
gr_call_get_sender (GrCall *call)
{
  return g_dbus_method_invocation_get_sender (call->invocation);
}

/* The object's pending PropertiesChanged go out before any reply, so
 * that a caller who caches properties holds what the call did. */
static void
flush_object (GrCall *call)
{
  if (G_IS_DBUS_INTERFACE_SKELETON (call->object))
    g_dbus_interface_skeleton_flush (G_DBUS_INTERFACE_SKELETON (call->object));
}

void
gr_call_return (GrCall *call, GVariant *parameters)
{
  flush_object (call);
  g_dbus_method_invocation_return_value (g_steal_pointer (&call->invocation),
                                         parameters);
  gr_call_free (call);
}

void
gr_call_fail (GrCall *call, GError *error)
{
  flush_object (call);
  gr_invocation_refuse (g_steal_pointer (&call->invocation), error);
  gr_call_free (call);
}
