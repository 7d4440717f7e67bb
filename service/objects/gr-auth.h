/* georepd: the authorization table of D-Bus method calls and the
 * asynchronous polkit check. Method handlers do not call these: every
 * call begins through gr_call_begin() (gr-call.h), which authorizes it
 * from this table before its first step. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Whether the table has a rule for @interface.@method; then *@action is
 * the polkit action guarding it, or NULL for a method open to everyone.
 * @qualifier (may be NULL) is the config key of SetConfig and
 * ResetConfig, which selects configure-commands for keys that name a
 * command, or the operation of a Job. A method without a rule is denied. */
gboolean gr_auth_lookup (const char *interface,
                         const char *method,
                         const char *qualifier,
                         const char **action);

/* How many methods the table has rules for (tests/test-auth-table.c
 * compares it with the interfaces' methods). */
guint gr_auth_n_rules (void);

/* A step of a method that needs more than the method's own action. */
typedef enum {
  /* CreateSession into a non-root user with the root destination of the
   * host: root there installs the session's keys for the user
   * (gr-manager-session-keys.c), which manage-destinations guards. */
  GR_AUTH_STEP_SESSION_KEYS,
} GrAuthStep;

/* The polkit action that guards @step. */
const char *gr_auth_action_for_step (GrAuthStep step);

/* Asks polkit whether the caller of @invocation holds @action (NULL:
 * denied), interactively when the message and @options (may be NULL)
 * allow it. Fails with a NotAuthorized* error, which is logged. */
void gr_auth_check_async (GDBusMethodInvocation *invocation,
                          const char *action,
                          GVariant *options,
                          GAsyncReadyCallback callback,
                          gpointer user_data);
gboolean gr_auth_check_finish (GAsyncResult *result, GError **error);

G_END_DECLS
