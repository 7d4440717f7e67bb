/* georepd: authorization of D-Bus method calls through polkit. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Called once the caller is authorized; the function then owns the reply
 * to @invocation. */
typedef void (*GrAuthorizedFunc) (GDBusMethodInvocation *invocation,
                                  gpointer user_data);

/* The polkit action guarding @interface.@method; for SetConfig and
 * ResetConfig @config_key selects configure-commands for keys that name a
 * command. NULL when the method is unknown: callers deny it. */
const char *gr_auth_action_for (const char *interface,
                                const char *method,
                                const char *config_key);

/* Checks the action for the invoked method asynchronously. On success runs
 * @func; on any failure (denied, polkit unreachable, unknown method) replies
 * with a NotAuthorized* error and frees @user_data with @destroy. */
void gr_auth_authorize (GDBusMethodInvocation *invocation,
                        GVariant *options,
                        const char *config_key,
                        GrAuthorizedFunc func,
                        gpointer user_data,
                        GDestroyNotify destroy);

G_END_DECLS
