/* georepd: Session methods: lifecycle, configuration and checkpoints.
 * Each validates its input and the session's state, begins its call
 * (gr-call.h: authorized from the table), runs gluster, refreshes the
 * session and then replies. The call holds a reference to the session
 * until it replied. */
#include "gr-call.h"
#include "gr-config-keys.h"
#include "gr-error.h"
#include "gr-log.h"
#include "gr-options.h"
#include "gr-session-command.h"
#include "gr-session-object.h"
#include "gr-validate.h"

typedef gboolean (*GrStatePredicate) (GrSessionState state);

typedef struct {
  const char *verb;   /* the gluster word */
  const char *option; /* its one flag, also the gluster word */
  const char *message_id;
  const char *past;
  GrStatePredicate allowed; /* NULL: any state */
  gboolean force_overrides; /* force skips the state check */
  const char *refusal;
} GrLifecycle;

static gboolean
is_running (GrSessionState state)
{
  return state == GR_SESSION_STATE_INITIALIZING ||
         state == GR_SESSION_STATE_ACTIVE ||
         state == GR_SESSION_STATE_PASSIVE ||
         state == GR_SESSION_STATE_FAULTY ||
         state == GR_SESSION_STATE_PARTIAL_FAULTY ||
         state == GR_SESSION_STATE_PARTIAL;
}

static gboolean
is_idle (GrSessionState state)
{
  return state == GR_SESSION_STATE_CREATED || state == GR_SESSION_STATE_STOPPED;
}

static gboolean
is_paused (GrSessionState state)
{
  return state == GR_SESSION_STATE_PAUSED;
}

static gboolean
is_not_idle (GrSessionState state)
{
  return !is_idle (state);
}

static const GrLifecycle lifecycle_start = {
  "start", "force", GR_MESSAGE_SESSION_STARTED,       "started",
  is_idle, TRUE,    "The session is already started",
};
static const GrLifecycle lifecycle_stop = {
  "stop",      "force", GR_MESSAGE_SESSION_STOPPED,   "stopped",
  is_not_idle, TRUE,    "The session is not started",
};
static const GrLifecycle lifecycle_pause = {
  "pause",
  "force",
  GR_MESSAGE_SESSION_PAUSED,
  "paused",
  is_running,
  FALSE,
  "Only a started session can be paused",
};
static const GrLifecycle lifecycle_resume = {
  "resume",
  "force",
  GR_MESSAGE_SESSION_RESUMED,
  "resumed",
  is_paused,
  FALSE,
  "Only a paused session can be resumed",
};
static const GrLifecycle lifecycle_delete = {
  "delete",
  "reset-sync-time",
  GR_MESSAGE_SESSION_DELETED,
  "deleted",
  is_idle,
  FALSE,
  "Stop the session before deleting it",
};

static GrSessionCommand *
new_command (GrSessionObject *session)
{
  return gr_session_command_new (gr_session_object_get_context (session),
                                 gr_session_object_get_id (session));
}

static gboolean
check_glusterd (GrSessionObject *session, GError **error)
{
  if (gr_refresher_get_glusterd_running (
          gr_session_object_get_refresher (session)))
    return TRUE;
  g_set_error_literal (error, GR_ERROR, GR_ERROR_GLUSTERD_UNAVAILABLE,
                       "glusterd is not running");
  return FALSE;
}

/* --- Start, Stop, Pause, Resume, Delete --- */

/* The command is built before authorization and only run after it; the
 * session may leave the registry meanwhile, but the call holds it. */
static gboolean
begin_command (GrSessionObject *session,
               GDBusMethodInvocation *invocation,
               GVariant *options,
               const char *config_key,
               GrSessionCommand *command)
{
  return gr_call_begin (invocation, session, options, config_key,
                        gr_session_command_run, command,
                        (GDestroyNotify) gr_session_command_free);
}

static gboolean
handle_lifecycle (GrSessionObject *session,
                  GDBusMethodInvocation *invocation,
                  GVariant *options,
                  const GrLifecycle *lifecycle)
{
  const GrOptionSpec specs[] = { { lifecycle->option, "b" }, { NULL, NULL } };
  GrSessionState state = gr_session_object_get_state (session);
  GrSessionCommand *command;
  GError *error = NULL;
  gboolean flag;

  if (!gr_options_check (options, specs, &error) ||
      !check_glusterd (session, &error))
    return gr_invocation_refuse (invocation, error);
  flag = gr_options_get_boolean (options, lifecycle->option, FALSE);
  if (!lifecycle->allowed (state) && !(flag && lifecycle->force_overrides))
    return gr_invocation_refuse (
        invocation,
        g_error_new (GR_ERROR, GR_ERROR_INVALID_STATE, "%s (it is %s)",
                     lifecycle->refusal, gr_session_state_to_string (state)));
  command = new_command (session);
  gr_session_command_add (command, lifecycle->verb,
                          flag ? lifecycle->option : NULL, NULL);
  if (lifecycle == &lifecycle_stop)
    gr_session_command_await_monitor_exit (command);
  if (lifecycle == &lifecycle_start || lifecycle == &lifecycle_resume)
    gr_session_command_await_start (command);
  gr_session_command_log (command, lifecycle->message_id, lifecycle->past);
  return begin_command (session, invocation, options, NULL, command);
}

#define LIFECYCLE_HANDLER(name, lifecycle)                                     \
  static gboolean name (GrSession *iface, GDBusMethodInvocation *invocation,   \
                        GVariant *options)                                     \
  {                                                                            \
    return handle_lifecycle (GR_SESSION_OBJECT (iface), invocation, options,   \
                             &lifecycle);                                      \
  }

LIFECYCLE_HANDLER (handle_start, lifecycle_start)
LIFECYCLE_HANDLER (handle_stop, lifecycle_stop)
LIFECYCLE_HANDLER (handle_pause, lifecycle_pause)
LIFECYCLE_HANDLER (handle_resume, lifecycle_resume)
LIFECYCLE_HANDLER (handle_delete, lifecycle_delete)

/* --- SetConfig, ResetConfig, SetCheckpoint --- */

/* gluster takes any word starting with "--" as one of its own options,
 * wherever it stands, and nothing a caller sends may start with '-' in
 * argv. Option values such as ssh-options do start with '-': a leading
 * space keeps them a plain word, and gsyncd strips it when it stores the
 * value. */
static char *
value_argument (const char *value)
{
  if (value[0] == '-')
    return g_strconcat (" ", value, NULL);
  return g_strdup (value);
}

static gboolean
handle_set_config (GrSession *iface,
                   GDBusMethodInvocation *invocation,
                   const char *key,
                   const char *value,
                   GVariant *options)
{
  GrSessionObject *session = GR_SESSION_OBJECT (iface);
  g_autofree char *canonical = NULL;
  g_autofree char *argument = NULL;
  GrSessionCommand *command;
  GError *error = NULL;

  if (!gr_config_key_validate (key, TRUE, &canonical, &error) ||
      !gr_validate_config_value (value, &error) ||
      !gr_options_check (options, NULL, &error) ||
      !check_glusterd (session, &error))
    return gr_invocation_refuse (invocation, error);
  argument = value_argument (value);
  command = new_command (session);
  gr_session_command_add (command, "config", canonical, argument, NULL);
  gr_session_command_log (command, GR_MESSAGE_SESSION_CONFIG_CHANGED,
                          "reconfigured");
  return begin_command (session, invocation, options, canonical, command);
}

static gboolean
handle_reset_config (GrSession *iface,
                     GDBusMethodInvocation *invocation,
                     const char *key,
                     GVariant *options)
{
  GrSessionObject *session = GR_SESSION_OBJECT (iface);
  g_autofree char *canonical = NULL;
  g_autofree char *reset = NULL;
  GrSessionCommand *command;
  GError *error = NULL;

  if (!gr_config_key_validate (key, TRUE, &canonical, &error) ||
      !gr_options_check (options, NULL, &error) ||
      !check_glusterd (session, &error))
    return gr_invocation_refuse (invocation, error);
  reset = g_strconcat ("!", canonical, NULL);
  command = new_command (session);
  gr_session_command_add (command, "config", reset, NULL);
  gr_session_command_log (command, GR_MESSAGE_SESSION_CONFIG_CHANGED,
                          "reconfigured");
  return begin_command (session, invocation, options, canonical, command);
}

static gboolean
handle_set_checkpoint (GrSession *iface,
                       GDBusMethodInvocation *invocation,
                       GVariant *options)
{
  GrSessionObject *session = GR_SESSION_OBJECT (iface);
  const GrOptionSpec specs[] = { { "time", "t" }, { NULL, NULL } };
  g_autofree char *when = NULL;
  GrSessionCommand *command;
  GError *error = NULL;
  guint64 time;

  if (!gr_options_check (options, specs, &error) ||
      !check_glusterd (session, &error))
    return gr_invocation_refuse (invocation, error);
  if (!g_variant_lookup (options, "time", "t", &time))
    when = g_strdup ("now");
  else if (time == 0 || time > (guint64) g_get_real_time () / G_USEC_PER_SEC)
    return gr_invocation_refuse (
        invocation,
        g_error_new_literal (GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                             "The checkpoint time must be in the past"));
  else
    {
      /* gluster takes "now" or a local time in this one format. */
      g_autoptr (GDateTime) local =
          g_date_time_new_from_unix_local ((gint64) time);

      when = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
    }
  command = new_command (session);
  gr_session_command_add (command, "config", "checkpoint", when, NULL);
  return begin_command (session, invocation, options, NULL, command);
}

/* --- GetEffectiveConfig --- */

static void
get_effective_config (GrCall *call)
{
  GrSessionObject *session = gr_call_get_object (call);

  gr_call_return (
      call, g_variant_new ("(@a{ss})",
                           gr_session_object_get_effective_config (session)));
}

/* A read of what everyone may read (open in gr-auth.c), no gluster run. */
static gboolean
handle_get_effective_config (GrSession *iface,
                             GDBusMethodInvocation *invocation,
                             GVariant *options)
{
  GError *error = NULL;

  if (!gr_options_check (options, NULL, &error))
    return gr_invocation_refuse (invocation, error);
  return gr_call_begin (invocation, iface, options, NULL, get_effective_config,
                        NULL, NULL);
}

/* Called from the class's iface_init: the handlers live in the vtable
 * that the handle-* signals' class closures call. */
void
gr_session_object_iface_init_methods (GrSessionIface *iface)
{
  iface->handle_start = handle_start;
  iface->handle_stop = handle_stop;
  iface->handle_pause = handle_pause;
  iface->handle_resume = handle_resume;
  iface->handle_delete = handle_delete;
  iface->handle_set_config = handle_set_config;
  iface->handle_reset_config = handle_reset_config;
  iface->handle_set_checkpoint = handle_set_checkpoint;
  iface->handle_get_effective_config = handle_get_effective_config;
}
