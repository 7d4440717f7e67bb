/* georepctl: calling the service: the connection, the options every
 * call carries, and the timeout. */
#include "config.h"

#include "georepctl.h"
#include "gr-names.h"

gboolean
ctl_connect (CtlContext *ctx, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (ctx->bus != NULL)
    return TRUE;
  ctx->bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &local);
  if (ctx->bus == NULL)
    {
      g_set_error (error, CTL_ERROR, CTL_ERROR_NOT_RUNNING,
                   _ ("Cannot reach the system bus: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}

void
ctl_options_init (CtlContext *ctx, GVariantBuilder *builder)
{
  g_variant_builder_init (builder, G_VARIANT_TYPE_VARDICT);
  if (ctx->no_ask_password)
    g_variant_builder_add (builder, "{sv}", GR_OPTION_NO_USER_INTERACTION,
                           g_variant_new_boolean (TRUE));
}

static int
timeout_ms (CtlContext *ctx)
{
  if (ctx->timeout_s == 0 || ctx->timeout_s > G_MAXINT / 1000)
    return G_MAXINT;
  return ctx->timeout_s * 1000;
}

static GVariant *
call (CtlContext *ctx,
      const char *path,
      const char *interface,
      const char *method,
      GVariant *parameters,
      const GVariantType *reply_type,
      GDBusCallFlags flags,
      GError **error)
{
  g_autoptr (GVariant) owned =
      parameters ? g_variant_ref_sink (parameters) : NULL;

  if (!ctl_connect (ctx, error))
    return NULL;
  return g_dbus_connection_call_sync (ctx->bus, GR_DBUS_NAME, path, interface,
                                      method, owned, reply_type, flags,
                                      timeout_ms (ctx), NULL, error);
}

GVariant *
ctl_call (CtlContext *ctx,
          const char *path,
          const char *interface,
          const char *method,
          GVariant *parameters,
          const GVariantType *reply_type,
          GError **error)
{
  g_autoptr (CtlAgent) agent = NULL;
  GDBusCallFlags flags = G_DBUS_CALL_FLAGS_NONE;

  /* The agent lives exactly as long as the call that may need it. */
  if (!ctx->no_ask_password)
    {
      flags |= G_DBUS_CALL_FLAGS_ALLOW_INTERACTIVE_AUTHORIZATION;
      agent = ctl_agent_start ();
    }
  return call (ctx, path, interface, method, parameters, reply_type, flags,
               error);
}

/* A call that changes nothing the caller must be authorized for: no
 * polkit agent, no interactive authorization. */
GVariant *
ctl_read_call (CtlContext *ctx,
               const char *path,
               const char *interface,
               const char *method,
               GVariant *parameters,
               const GVariantType *reply_type,
               GError **error)
{
  return call (ctx, path, interface, method, parameters, reply_type,
               G_DBUS_CALL_FLAGS_NONE, error);
}

GVariant *
ctl_get_all (CtlContext *ctx,
             const char *path,
             const char *interface,
             GError **error)
{
  g_autoptr (GVariant) reply = ctl_read_call (
      ctx, path, "org.freedesktop.DBus.Properties", "GetAll",
      g_variant_new ("(s)", interface), G_VARIANT_TYPE ("(a{sv})"), error);

  if (reply == NULL)
    return NULL;
  return g_variant_get_child_value (reply, 0);
}
