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
  /* A sync window's job is the schedule's: gr_auth_action_for() below. */
  { GR_DBUS_INTERFACE_JOB, "Resume", GR_ACTION_DISASTER_RECOVERY },
  { GR_DBUS_INTERFACE_JOB, "Abort", GR_ACTION_DISASTER_RECOVERY },
};

static const GrAuthRule *
find_rule (const char *interface, const char *method)
{
  for (gsize i = 0; i < G_N_ELEMENTS (gr_auth_rules); i++)
    if (g_strcmp0 (gr_auth_rules[i].interface, interface) == 0 &&
        g_strcmp0 (gr_auth_rules[i].method, method) == 0)
      return &gr_auth_rules[i];
  return NULL;
}

const char *
gr_auth_action_for (const char *interface,
                    const char *method,
                    const char *config_key)
{
  const GrAuthRule *rule = find_rule (interface, method);

  if (rule == NULL || *rule->action == '\0')
    return NULL;
  /* Commands and their options run as root on this node and on the
   * secondary: setting them is worth a fresh password every time. */
  if (g_str_equal (rule->action, GR_ACTION_CONFIGURE_SESSIONS) &&
      (config_key == NULL ||
       gr_config_key_classify (config_key, NULL) != GR_CONFIG_KEY_ORDINARY))
    return GR_ACTION_CONFIGURE_COMMANDS;
  /* For Job methods @config_key carries the job's operation. */
  if (g_str_equal (interface, GR_DBUS_INTERFACE_JOB) &&
      g_strcmp0 (config_key, "sync-window") == 0)
    return GR_ACTION_SCHEDULE_SESSIONS;
  return rule->action;
}

typedef struct {
  GDBusMethodInvocation *invocation;
  char *action;
  gboolean interactive;
  GrAuthorizedFunc func;
  gpointer user_data;
  GDestroyNotify destroy;
} GrAuthCheck;

static void
gr_auth_check_free (GrAuthCheck *check)
{
  g_clear_object (&check->invocation);
  g_free (check->action);
  if (check->destroy && check->user_data)
    check->destroy (check->user_data);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrAuthCheck, gr_auth_check_free)

static void
deny (GrAuthCheck *check, GrError code, const char *message)
{
  g_log_structured (
      G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "MESSAGE_ID", GR_MESSAGE_AUTH_DENIED,
      GR_LOG_FIELD_ACTION, check->action ?: "", "MESSAGE",
      "Denied %s.%s to %s: %s",
      g_dbus_method_invocation_get_interface_name (check->invocation),
      g_dbus_method_invocation_get_method_name (check->invocation),
      g_dbus_method_invocation_get_sender (check->invocation), message);
  gr_invocation_refuse (g_steal_pointer (&check->invocation),
                        g_error_new_literal (GR_ERROR, code, message));
}

static void
on_check_done (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GrAuthCheck) check = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PolkitAuthorizationResult) result = NULL;

  result = polkit_authority_check_authorization_finish (
      POLKIT_AUTHORITY (source), res, &error);
  if (result == NULL)
    {
      g_warning ("polkit check of %s failed: %s", check->action,
                 error->message);
      deny (check, GR_ERROR_NOT_AUTHORIZED, "Authorization check failed");
    }
  else if (polkit_authorization_result_get_is_authorized (result))
    {
      GrAuthorizedFunc func = check->func;

      check->destroy = NULL;
      func (g_steal_pointer (&check->invocation), check->user_data);
    }
  else if (polkit_authorization_result_get_dismissed (result))
    deny (check, GR_ERROR_NOT_AUTHORIZED_DISMISSED,
          "Authentication was dismissed");
  else if (polkit_authorization_result_get_is_challenge (result))
    deny (check, GR_ERROR_NOT_AUTHORIZED_CAN_OBTAIN,
          "Authentication is required (allow interactive authorization)");
  else
    deny (check, GR_ERROR_NOT_AUTHORIZED, "Not authorized");
}

static void
on_authority (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GrAuthCheck) check = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PolkitAuthority) authority =
      polkit_authority_get_finish (res, &error);
  g_autoptr (PolkitSubject) subject = NULL;
  PolkitCheckAuthorizationFlags flags = POLKIT_CHECK_AUTHORIZATION_FLAGS_NONE;
  const char *action;

  if (authority == NULL)
    {
      g_warning ("polkit is not available: %s", error->message);
      deny (check, GR_ERROR_NOT_AUTHORIZED,
            "Authorization service unavailable");
      return;
    }
  subject = polkit_system_bus_name_new (
      g_dbus_method_invocation_get_sender (check->invocation));
  if (check->interactive)
    flags = POLKIT_CHECK_AUTHORIZATION_FLAGS_ALLOW_USER_INTERACTION;
  /* check->action is read before the check is handed over. */
  action = check->action;
  polkit_authority_check_authorization (authority, subject, action, NULL, flags,
                                        NULL, on_check_done,
                                        g_steal_pointer (&check));
}

static gboolean
caller_allows_interaction (GDBusMethodInvocation *invocation, GVariant *options)
{
  GDBusMessage *message = g_dbus_method_invocation_get_message (invocation);

  if (!(g_dbus_message_get_flags (message) &
        G_DBUS_MESSAGE_FLAGS_ALLOW_INTERACTIVE_AUTHORIZATION))
    return FALSE;
  return !gr_options_get_boolean (options, GR_OPTION_NO_USER_INTERACTION,
                                  FALSE);
}

static void
start_check (GrAuthCheck *owned_check, GVariant *options)
{
  g_autoptr (GrAuthCheck) check = owned_check;

  if (check->action == NULL)
    {
      deny (check, GR_ERROR_NOT_AUTHORIZED,
            "No authorization rule for this method");
      return;
    }
  check->interactive = caller_allows_interaction (check->invocation, options);
  polkit_authority_get_async (NULL, on_authority, g_steal_pointer (&check));
}

static GrAuthCheck *
check_new (GDBusMethodInvocation *invocation,
           const char *action,
           GrAuthorizedFunc func,
           gpointer user_data,
           GDestroyNotify destroy)
{
  GrAuthCheck *check = g_new0 (GrAuthCheck, 1);

  /* The reply consumes the invocation: it is ours until then. */
  check->invocation = invocation;
  check->func = func;
  check->user_data = user_data;
  check->destroy = destroy;
  check->action = g_strdup (action);
  return check;
}

void
gr_auth_authorize (GDBusMethodInvocation *invocation,
                   GVariant *options,
                   const char *config_key,
                   GrAuthorizedFunc func,
                   gpointer user_data,
                   GDestroyNotify destroy)
{
  const char *action = gr_auth_action_for (
      g_dbus_method_invocation_get_interface_name (invocation),
      g_dbus_method_invocation_get_method_name (invocation), config_key);

  start_check (check_new (invocation, action, func, user_data, destroy),
               options);
}

void
gr_auth_authorize_step (GDBusMethodInvocation *invocation,
                        GVariant *options,
                        GrAuthStep step,
                        GrAuthorizedFunc func,
                        gpointer user_data,
                        GDestroyNotify destroy)
{
  const char *action =
      step == GR_AUTH_STEP_SESSION_KEYS ? GR_ACTION_MANAGE_DESTINATIONS : NULL;

  start_check (check_new (invocation, action, func, user_data, destroy),
               options);
}
