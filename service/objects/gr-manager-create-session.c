/* georepd: creating a session, including what gluster leaves to the
 * admin: generating the common secret for push-pem, and persisting a
 * non-default ssh port in the session config (glusterfs#2819). */
#include "gr-call.h"
#include "gr-error.h"
#include "gr-log.h"
#include "gr-manager-private.h"
#include "gr-options.h"
#include "gr-rsync-receiver.h"
#include "gr-secondary-check.h"
#include "gr-session-command.h"
#include "gr-validate.h"

static const GrOptionSpec create_options[] = {
  { "secondary-user", "s" },   { "ssh-port", "q" }, { "push-pem", "b" },
  { "no-verify", "b" },        { "force", "b" },    { "sync-method", "s" },
  { "rsync-follow-cwd", "b" }, { NULL, NULL },
};

/* The state of the call until gluster runs; then a GrSessionCommand. */
typedef struct {
  GrManagerObject *manager; /* the call's object */
  GrRefresher *refresher;
  GrSessionId *id; /* once the options are read */
  char *primary;
  char *host;
  char *secondary;
  char *user;
  guint16 ssh_port;
  gboolean push_pem;
  gboolean no_verify;
  gboolean force;
  char *sync_method;         /* NULL: gluster's default */
  gboolean rsync_follow_cwd; /* see GrSyncChoice */
  gboolean install_keys;     /* granted manage-destinations for that step */
} GrCreateRequest;

static void
gr_create_request_free (GrCreateRequest *request)
{
  g_clear_pointer (&request->id, gr_session_id_unref);
  g_free (request->primary);
  g_free (request->host);
  g_free (request->secondary);
  g_free (request->user);
  g_free (request->sync_method);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrCreateRequest, gr_create_request_free)

static gboolean
read_options (GrCreateRequest *request, GVariant *options, GError **error)
{
  const char *user = NULL;
  GrSyncChoice choice;

  if (!gr_options_check (options, create_options, error) ||
      !gr_sync_choice_read (&choice, options, error))
    return FALSE;
  request->sync_method = g_strdup (choice.sync_method);
  request->rsync_follow_cwd = choice.rsync_follow_cwd;
  if (g_variant_lookup (options, "secondary-user", "&s", &user) &&
      !gr_validate_user (user, error))
    return FALSE;
  g_variant_lookup (options, "ssh-port", "q", &request->ssh_port);
  request->push_pem = gr_options_get_boolean (options, "push-pem", TRUE);
  request->no_verify = gr_options_get_boolean (options, "no-verify", FALSE);
  request->force = gr_options_get_boolean (options, "force", FALSE);
  if (request->push_pem && request->no_verify)
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                           "push-pem and no-verify exclude each other");
      return FALSE;
    }
  /* A destination for the host provides the defaults. */
  gr_destinations_session_defaults (
      gr_manager_object_get_destinations (request->manager), request->host,
      &user, &request->ssh_port);
  request->user = g_strdup (user ? user : "root");
  request->id = gr_refresher_new_session_id (request->refresher,
                                             request->primary, request->user,
                                             request->host, request->secondary);
  return TRUE;
}

static gboolean
validate_request (GrCreateRequest *request, GVariant *options, GError **error)
{
  return gr_validate_volume (request->primary, error) &&
         gr_validate_host (request->host, error) &&
         gr_validate_volume (request->secondary, error) &&
         read_options (request, options, error);
}

/* The state checks that gluster would make too, made before it runs so
 * that the error is specific and nothing is attempted. */
static gboolean
check_state (GrCreateRequest *request, GError **error)
{
  if (!gr_refresher_get_glusterd_running (request->refresher))
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_GLUSTERD_UNAVAILABLE,
                           "glusterd is not running");
      return FALSE;
    }
  if (gr_refresher_lookup_volume (request->refresher, request->primary) == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_NOT_FOUND,
                   "No volume %s on this cluster", request->primary);
      return FALSE;
    }
  if (gr_registry_lookup_session (
          gr_manager_object_get_registry (request->manager),
          request->id->label))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_ALREADY_EXISTS,
                   "Session %s %s::%s exists", request->primary, request->host,
                   request->secondary);
      return FALSE;
    }
  return TRUE;
}

static void
add_create_command (GrSessionCommand *command, GrCreateRequest *request)
{
  g_autoptr (GStrvBuilder) words = g_strv_builder_new ();
  g_autofree char *port = g_strdup_printf ("%u", request->ssh_port);
  g_auto (GStrv) argv = NULL;

  g_strv_builder_add_many (words, "volume", "geo-replication", request->primary,
                           request->id->url, "create", NULL);
  if (request->ssh_port != 0)
    g_strv_builder_add_many (words, "ssh-port", port, NULL);
  if (request->push_pem)
    g_strv_builder_add (words, "push-pem");
  else if (request->no_verify)
    g_strv_builder_add (words, "no-verify");
  if (request->force)
    g_strv_builder_add (words, "force");
  argv = g_strv_builder_end (words);
  gr_session_command_add_argv (command, (const char *const *) argv);
}

/* How the session syncs, when the caller chose (gr-rsync-receiver.h). The
 * rsync-options value is georepd's own constant; the leading space keeps
 * it from being read as one of gluster's options (as SetConfig does). */
static void
add_sync_commands (GrSessionCommand *command, GrCreateRequest *request)
{
  if (request->sync_method != NULL)
    gr_session_command_add (command, "config", "sync-method",
                            request->sync_method, NULL);
  if (request->rsync_follow_cwd)
    gr_session_command_add (command, "config", "rsync-options",
                            " " GR_RSYNC_FOLLOW_CWD_OPTIONS, NULL);
}

/* The call moves on from the request to the command. */
static void
run_create (GrCall *call)
{
  GrCreateRequest *request = gr_call_get_state (call);
  GrSessionCommand *command = gr_session_command_new (
      gr_manager_object_get_context (request->manager), request->id);
  const char *gsec_create[] = { "system::", "execute", "gsec_create", NULL };

  /* Every time, not only while no common key exists: a node that joined
   * the cluster since the last run has no key of its own yet, and its
   * workers could not log in to the secondary. gsec_create keeps the keys
   * that exist. */
  if (request->push_pem)
    gr_session_command_add_text_argv (command, gsec_create);
  add_create_command (command, request);
  /* gluster forgets the port given to create (glusterfs#2819): store it. */
  if (request->ssh_port != 0)
    {
      g_autofree char *port = g_strdup_printf ("%u", request->ssh_port);

      gr_session_command_add (command, "config", "ssh-port", port, NULL);
    }
  add_sync_commands (command, request);
  if (request->install_keys)
    gr_manager_add_session_keys_step (request->manager, command, request->id);
  gr_session_command_reply_path (command);
  gr_session_command_log (command, GR_MESSAGE_SESSION_CREATED, "created");
  gr_call_set_state (call, command, (GDestroyNotify) gr_session_command_free);
  gr_session_command_run (call);
}

/* "The secondary is not eligible: ID: MESSAGE; …" for the errors among
 * @findings, or NULL when there is none. */
static GError *
eligibility_error (GPtrArray *findings)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      const GrFinding *finding = g_ptr_array_index (findings, i);

      if (finding->kind->severity == GR_FINDING_ERROR)
        g_string_append_printf (text, "%s%s: %s", text->len ? "; " : "",
                                finding->kind->id, finding->message);
    }
  if (text->len == 0)
    return NULL;
  return g_error_new (GR_ERROR, GR_ERROR_INVALID_STATE,
                      "The secondary is not eligible (force creates the "
                      "session anyway): %s",
                      text->str);
}

static void
on_checked (GObject *source, GAsyncResult *res, gpointer data)
{
  GrCall *call = data;
  GError *error = NULL;
  g_autoptr (GPtrArray) findings = gr_manager_check_secondary_finish (
      GR_MANAGER_OBJECT (source), res, &error);

  if (findings != NULL)
    error = eligibility_error (findings);

  if (error != NULL)
    gr_call_fail (call, error);
  else
    run_create (call);
}

/* Unless forced, CheckSecondary's errors stop the creation before gluster
 * is asked. */
static void
check_and_run (GrCall *call)
{
  GrCreateRequest *request = gr_call_get_state (call);
  GError *error = NULL;
  GrSyncChoice choice;

  if (!check_state (request, &error))
    {
      gr_call_fail (call, error);
      return;
    }
  if (request->force)
    {
      run_create (call);
      return;
    }
  choice.sync_method = request->sync_method;
  choice.rsync_follow_cwd = request->rsync_follow_cwd;
  gr_manager_check_secondary_async (
      request->manager, request->primary, request->user, request->host,
      request->secondary, &choice, on_checked, call);
}

static void
on_volumes_refreshed (GObject *source, GAsyncResult *res, gpointer data)
{
  GrCall *call = data;

  /* A failed refresh leaves the volume unknown: check_state says so. */
  gr_refresher_refresh_finish (GR_REFRESHER (source), res, NULL);
  check_and_run (call);
}

/* A volume created a moment ago, or a session deleted a moment ago with
 * the gluster CLI, is not in the model yet: look again before calling
 * the volume missing or the session existing. */
static gboolean
model_may_be_behind (GrCreateRequest *request)
{
  GrRegistry *registry = gr_manager_object_get_registry (request->manager);

  return gr_refresher_lookup_volume (request->refresher, request->primary) ==
             NULL ||
         (gr_registry_lookup_session (registry, request->id->label) != NULL &&
          !gr_session_id_dir_exists (request->id));
}

/* Authorized before anything runs: a caller who may not create sessions
 * cannot make the service run gluster, not even for a refresh. */
static void
create_fully_authorized (GrCall *call)
{
  GrCreateRequest *request = gr_call_get_state (call);

  if (!model_may_be_behind (request))
    check_and_run (call);
  else
    gr_refresher_refresh_async (request->refresher, on_volumes_refreshed, call);
}

static void
keys_authorized (GrCall *call)
{
  GrCreateRequest *request = gr_call_get_state (call);

  request->install_keys = TRUE;
  create_fully_authorized (call);
}

/* Installing the keys for a non-root user runs as root on the secondary
 * host: the caller needs manage-destinations as well, asked before
 * anything runs. */
static void
create_authorized (GrCall *call)
{
  GrCreateRequest *request = gr_call_get_state (call);

  if (!request->push_pem ||
      !gr_manager_session_keys_apply (request->manager, request->id))
    create_fully_authorized (call);
  else
    gr_call_authorize_step (call, GR_AUTH_STEP_SESSION_KEYS, keys_authorized);
}

gboolean
gr_manager_handle_create_session (GrManager *manager,
                                  GDBusMethodInvocation *invocation,
                                  const char *primary,
                                  const char *host,
                                  const char *secondary,
                                  GVariant *options)
{
  g_autoptr (GrCreateRequest) request = g_new0 (GrCreateRequest, 1);
  GError *error = NULL;

  request->manager = GR_MANAGER_OBJECT (manager);
  request->refresher = gr_manager_object_get_refresher (request->manager);
  request->primary = g_strdup (primary);
  request->host = g_strdup (host);
  request->secondary = g_strdup (secondary);
  if (!validate_request (request, options, &error))
    return gr_invocation_refuse (invocation, error);
  return gr_call_begin (invocation, manager, options, NULL, create_authorized,
                        g_steal_pointer (&request),
                        (GDestroyNotify) gr_create_request_free);
}
