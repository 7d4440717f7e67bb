/* georepd: the authorization table and the asynchronous polkit check.
 *
 * Fail closed: a method missing from the table, a polkit error or an
 * unreachable polkitd all deny. The subject is the caller's unique bus
 * name, never a PID, so the check cannot race with PID reuse. */
#include <polkit/polkit.h>

#include "gr-auth.h"
#include "gr-config-keys.h"
#include "gr-error.h"
#include "gr-log.h"
#include "gr-names.h"
#include "gr-options.h"

#define PUBLIC_METHOD ""

typedef struct {
  const char *interface;
  const char *method;
  const char *action;
} GrAuthRule;

static const GrAuthRule gr_auth_rules[] = {
  { GR_DBUS_INTERFACE_MANAGER, "ProbeHost", GR_ACTION_MANAGE_DESTINATIONS },
  { GR_DBUS_INTERFACE_MANAGER, "AddDestination",
    GR_ACTION_MANAGE_DESTINATIONS },
  { GR_DBUS_INTERFACE_MANAGER, "CreateSession", GR_ACTION_MANAGE_SESSIONS },
  { GR_DBUS_INTERFACE_MANAGER, "CheckSecondary", GR_ACTION_MANAGE_SESSIONS },
  { GR_DBUS_INTERFACE_MANAGER, "Refresh", PUBLIC_METHOD },
  { GR_DBUS_INTERFACE_MANAGER, "GetSessions", PUBLIC_METHOD },
  { GR_DBUS_INTERFACE_MANAGER, "RegisterEventsWebhook",
    GR_ACTION_MANAGE_EVENTS },
  { GR_DBUS_INTERFACE_MANAGER, "UnregisterEventsWebhook",
    GR_ACTION_MANAGE_EVENTS },
  { GR_DBUS_INTERFACE_DESTINATION, "SetupPasswordless",
    GR_ACTION_MANAGE_DESTINATIONS },
  { GR_DBUS_INTERFACE_DESTINATION, "Test", GR_ACTION_MANAGE_DESTINATIONS },
  { GR_DBUS_INTERFACE_DESTINATION, "SetupMountbroker",
    GR_ACTION_MANAGE_DESTINATIONS },
  { GR_DBUS_INTERFACE_DESTINATION, "Remove", GR_ACTION_MANAGE_DESTINATIONS },
  { GR_DBUS_INTERFACE_SESSION, "Start", GR_ACTION_CONTROL_SESSIONS },
  { GR_DBUS_INTERFACE_SESSION, "Stop", GR_ACTION_CONTROL_SESSIONS },
  { GR_DBUS_INTERFACE_SESSION, "Pause", GR_ACTION_CONTROL_SESSIONS },
  { GR_DBUS_INTERFACE_SESSION, "Resume", GR_ACTION_CONTROL_SESSIONS },
  { GR_DBUS_INTERFACE_SESSION, "SetCheckpoint", GR_ACTION_CONTROL_SESSIONS },
  { GR_DBUS_INTERFACE_SESSION, "Delete", GR_ACTION_MANAGE_SESSIONS },
  { GR_DBUS_INTERFACE_SESSION, "SetConfig", GR_ACTION_CONFIGURE_SESSIONS },
  { GR_DBUS_INTERFACE_SESSION, "ResetConfig", GR_ACTION_CONFIGURE_SESSIONS },
  { GR_DBUS_INTERFACE_SESSION, "GetEffectiveConfig", PUBLIC_METHOD },
  { GR_DBUS_INTERFACE_SESSION, "GetHistory", PUBLIC_METHOD },
  { GR_DBUS_INTERFACE_SESSION, "Verify", GR_ACTION_VERIFY_SESSIONS },
  { GR_DBUS_INTERFACE_SESSION, "SetVerifyInterval", GR_ACTION_VERIFY_SESSIONS },
  { GR_DBUS_INTERFACE_SESSION, "SetSchedule", GR_ACTION_SCHEDULE_SESSIONS },
  { GR_DBUS_INTERFACE_SESSION, "RemoveSchedule", GR_ACTION_SCHEDULE_SESSIONS },
  { GR_DBUS_INTERFACE_SESSION, "RunSyncWindow", GR_ACTION_SCHEDULE_SESSIONS },
  { GR_DBUS_INTERFACE_SESSION, "GetRuns", PUBLIC_METHOD },
  { GR_DBUS_INTERFACE_SESSION, "Failback", GR_ACTION_DISASTER_RECOVERY },
  { GR_DBUS_INTERFACE_DESTINATION, "Promote", GR_ACTION_DISASTER_RECOVERY },
  /* A sync window's job is the schedule's: gr_auth_lookup() below. */
  { GR_DBUS_INTERFACE_JOB, "Resume", GR_ACTION_DISASTER_RECOVERY },
  { GR_DBUS_INTERFACE_JOB, "Abort", GR_ACTION_DISASTER_RECOVERY },
};

guint
gr_auth_n_rules (void)
{
  return G_N_ELEMENTS (gr_auth_rules);
}

static const GrAuthRule *
find_rule (const char *interface, const char *method)
{
  for (gsize i = 0; i < G_N_ELEMENTS (gr_auth_rules); i++)
    if (g_strcmp0 (gr_auth_rules[i].interface, interface) == 0 &&
        g_strcmp0 (gr_auth_rules[i].method, method) == 0)
      return &gr_auth_rules[i];
  return NULL;
}

gboolean
gr_auth_lookup (const char *interface,
                const char *method,
                const char *qualifier,
                const char **action)
{
  const GrAuthRule *rule = find_rule (interface, method);

  *action = NULL;
  if (rule == NULL)
    return FALSE;
  if (*rule->action == '\0')
    return TRUE;
  *action = rule->action;
  /* Commands and their options run as root on this node and on the
   * secondary: setting them is worth a fresh password every time. */
  if (g_str_equal (rule->action, GR_ACTION_CONFIGURE_SESSIONS) &&
      (qualifier == NULL ||
       gr_config_key_classify (qualifier, NULL) != GR_CONFIG_KEY_ORDINARY))
    *action = GR_ACTION_CONFIGURE_COMMANDS;
  /* For Job methods @qualifier carries the job's operation. */
  if (g_str_equal (interface, GR_DBUS_INTERFACE_JOB) &&
      g_strcmp0 (qualifier, "sync-window") == 0)
    *action = GR_ACTION_SCHEDULE_SESSIONS;
  return TRUE;
}

const char *
gr_auth_action_for_step (GrAuthStep step)
{
  switch (step)
    {
      case GR_AUTH_STEP_SESSION_KEYS:
        return GR_ACTION_MANAGE_DESTINATIONS;
    }
  return NULL;
}

/* One polkit check: the invocation is only read (the caller replies). */
typedef struct {
  GDBusMethodInvocation *invocation;
  char *action;
  gboolean interactive;
} GrAuthCheck;

static void
gr_auth_check_free (GrAuthCheck *check)
{
  g_clear_object (&check->invocation);
  g_free (check->action);
  g_free (check);
}

static void
deny (GTask *task, GrError code, const char *message)
{
  GrAuthCheck *check = g_task_get_task_data (task);

  g_log_structured (
      G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "MESSAGE_ID", GR_MESSAGE_AUTH_DENIED,
      GR_LOG_FIELD_ACTION, check->action ?: "", "MESSAGE",
      "Denied %s.%s to %s: %s",
      g_dbus_method_invocation_get_interface_name (check->invocation),
      g_dbus_method_invocation_get_method_name (check->invocation),
      g_dbus_method_invocation_get_sender (check->invocation), message);
  g_task_return_new_error (task, GR_ERROR, code, "%s", message);
}

static void
on_check_done (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GTask) task = data;
  GrAuthCheck *check = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (PolkitAuthorizationResult) result = NULL;

  result = polkit_authority_check_authorization_finish (
      POLKIT_AUTHORITY (source), res, &error);
  if (result == NULL)
    {
      g_warning ("polkit check of %s failed: %s", check->action,
                 error->message);
      deny (task, GR_ERROR_NOT_AUTHORIZED, "Authorization check failed");
    }
  else if (polkit_authorization_result_get_is_authorized (result))
    g_task_return_boolean (task, TRUE);
  else if (polkit_authorization_result_get_dismissed (result))
    deny (task, GR_ERROR_NOT_AUTHORIZED_DISMISSED,
          "Authentication was dismissed");
  else if (polkit_authorization_result_get_is_challenge (result))
    deny (task, GR_ERROR_NOT_AUTHORIZED_CAN_OBTAIN,
          "Authentication is required (allow interactive authorization)");
  else
    deny (task, GR_ERROR_NOT_AUTHORIZED, "Not authorized");
}

static void
on_authority (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GTask) task = data;
  GrAuthCheck *check = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (PolkitAuthority) authority =
      polkit_authority_get_finish (res, &error);
  g_autoptr (PolkitSubject) subject = NULL;
  PolkitCheckAuthorizationFlags flags = POLKIT_CHECK_AUTHORIZATION_FLAGS_NONE;

  if (authority == NULL)
    {
      g_warning ("polkit is not available: %s", error->message);
      deny (task, GR_ERROR_NOT_AUTHORIZED, "Authorization service unavailable");
      return;
    }
  subject = polkit_system_bus_name_new (
      g_dbus_method_invocation_get_sender (check->invocation));
  if (check->interactive)
    flags = POLKIT_CHECK_AUTHORIZATION_FLAGS_ALLOW_USER_INTERACTION;
  polkit_authority_check_authorization (authority, subject, check->action, NULL,
                                        flags, NULL, on_check_done,
                                        g_steal_pointer (&task));
}

static gboolean
caller_allows_interaction (GDBusMethodInvocation *invocation, GVariant *options)
{
  GDBusMessage *message = g_dbus_method_invocation_get_message (invocation);

  if (!(g_dbus_message_get_flags (message) &
        G_DBUS_MESSAGE_FLAGS_ALLOW_INTERACTIVE_AUTHORIZATION))
    return FALSE;
  return options == NULL || !gr_options_get_boolean (
                                options, GR_OPTION_NO_USER_INTERACTION, FALSE);
}

void
gr_auth_check_async (GDBusMethodInvocation *invocation,
                     const char *action,
                     GVariant *options,
                     GAsyncReadyCallback callback,
                     gpointer user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  GrAuthCheck *check = g_new0 (GrAuthCheck, 1);

  check->invocation = g_object_ref (invocation);
  check->action = g_strdup (action);
  check->interactive = caller_allows_interaction (invocation, options);
  g_task_set_task_data (task, check, (GDestroyNotify) gr_auth_check_free);
  if (action == NULL)
    {
      deny (task, GR_ERROR_NOT_AUTHORIZED,
            "No authorization rule for this method");
      g_object_unref (task);
      return;
    }
  polkit_authority_get_async (NULL, on_authority, task);
}

gboolean
gr_auth_check_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
