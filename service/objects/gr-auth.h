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

/* A step of a method that needs more than the method's own action. */
typedef enum {
  /* CreateSession into a non-root user with the root destination of the
   * host: root there installs the session's keys for the user
   * (gr-manager-session-keys.c), which manage-destinations guards. */
  GR_AUTH_STEP_SESSION_KEYS,
} GrAuthStep;

/* Like gr_auth_authorize() for the action that guards @step, after the
 * method's own action was granted. */
void gr_auth_authorize_step (GDBusMethodInvocation *invocation,
                             GVariant *options,
                             GrAuthStep step,
                             GrAuthorizedFunc func,
                             gpointer user_data,
                             GDestroyNotify destroy);

G_END_DECLS
