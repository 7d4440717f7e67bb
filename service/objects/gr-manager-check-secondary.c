/* georepd: Manager.CheckSecondary, and the same check before
 * CreateSession. The checks themselves are in gr-secondary-check.h; the
 * gathering in gr-ssh-check-secondary.h. Authorized before anything runs:
 * the check logs in to the destination and mounts its volume. */
#include "gr-destinations.h"
#include "gr-call.h"
#include "gr-destination-object.h"
#include "gr-error.h"
#include "gr-manager-private.h"
#include "gr-options.h"
#include "gr-session-object.h"
#include "gr-ssh-check-secondary.h"
#include "gr-validate.h"

static const GrOptionSpec check_options[] = {
  { "secondary-user", "s" },
  { "sync-method", "s" },
  { "rsync-follow-cwd", "b" },
  { NULL, NULL },
};

gboolean
gr_sync_choice_read (GrSyncChoice *choice, GVariant *options, GError **error)
{
  choice->sync_method = NULL;
  g_variant_lookup (options, "sync-method", "&s", &choice->sync_method);
  choice->rsync_follow_cwd =
      gr_options_get_boolean (options, "rsync-follow-cwd", FALSE);
  if (choice->sync_method != NULL &&
      !g_str_equal (choice->sync_method, "rsync") &&
      !g_str_equal (choice->sync_method, "tarssh"))
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                           "sync-method must be rsync or tarssh");
      return FALSE;
    }
  if (choice->rsync_follow_cwd &&
      g_strcmp0 (choice->sync_method, "tarssh") == 0)
    {
      g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                           "rsync-follow-cwd applies to sync-method rsync "
                           "only");
      return FALSE;
    }
  return TRUE;
}

/* The secondary's rsync matters only when gsyncd will use it as is. */
static void
drop_fixed_findings (GPtrArray *findings, gboolean sync_fixed)
{
  if (sync_fixed)
    gr_findings_remove (findings, "rsync-empty-files");
}

typedef struct {
  GrManagerObject *manager;
  char *primary;
  char *host;
  char *user;
  char *secondary;
  char *sync_method;
  gboolean sync_fixed; /* the session will not sync with a bare rsync */
} GrCheckRequest;

static void
gr_check_request_free (GrCheckRequest *request)
{
  g_clear_object (&request->manager);
  g_free (request->primary);
  g_free (request->host);
  g_free (request->user);
  g_free (request->secondary);
  g_free (request->sync_method);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrCheckRequest, gr_check_request_free)

/* The destination's login, or NULL when georepd knows no destination for
 * that user and host (it has no host key to trust). */
static GrSshTarget *
destination_target (GrManagerObject *manager,
                    const char *user,
                    const char *host)
{
  GrDestinations *destinations = gr_manager_object_get_destinations (manager);
  GrDestinationObject *destination =
      gr_destinations_lookup (destinations, user, host);

  if (destination == NULL)
    return NULL;
  return gr_destinations_new_target (destination, GR_SSH_DEFAULT_TIMEOUT);
}

static gboolean
has_root_trust (GrManagerObject *manager, const char *host)
{
  return gr_destinations_lookup (gr_manager_object_get_destinations (manager),
                                 "root", host) != NULL;
}

/* This node's sessions, as plain names (the objects may go meanwhile). */
static GPtrArray *
known_sessions (GrManagerObject *manager)
{
  GrRegistry *registry = gr_manager_object_get_registry (manager);
  g_autoptr (GPtrArray) objects = gr_registry_list_sessions (registry);
  GPtrArray *sessions =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_session_status_free);

  for (guint i = 0; i < objects->len; i++)
    {
      GrSessionId *id = gr_session_object_get_id (objects->pdata[i]);
      GrSessionStatus *status = gr_session_status_new ();

      status->primary_volume = g_strdup (id->primary);
      status->secondary_host = g_strdup (id->host);
      status->secondary_user = g_strdup (id->user);
      status->secondary_volume = g_strdup (id->secondary);
      g_ptr_array_add (sessions, status);
    }
  return sessions;
}

/* Without a destination only this node's side can be checked. */
static void
check_without_destination (GrCheckRequest *request, GTask *task)
{
  g_autoptr (GPtrArray) sessions = known_sessions (request->manager);
  g_autofree char *rsync = g_find_program_in_path ("rsync");
  GrSecondaryCheck check = {
    .primary = request->primary,
    .host = request->host,
    .user = request->user,
    .secondary = request->secondary,
    .local_rsync = rsync != NULL,
    .sessions = sessions,
    .root_trust = has_root_trust (request->manager, request->host),
  };
  GPtrArray *findings = gr_secondary_check_run (&check);

  gr_findings_add (findings, "check-incomplete",
                   "georepd knows no destination %s@%s: add it "
                   "(AddDestination) so that the secondary can be checked",
                   request->user, request->host);
  g_task_return_pointer (task, findings, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_checked (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GTask) task = data;
  GError *error = NULL;
  GPtrArray *findings = gr_check_secondary_finish (result, &error);

  if (findings == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  drop_fixed_findings (findings, GPOINTER_TO_INT (g_task_get_task_data (task)));
  g_task_return_pointer (task, findings, (GDestroyNotify) g_ptr_array_unref);
}

static gboolean
sync_is_fixed (const GrSyncChoice *choice)
{
  return choice != NULL && (choice->rsync_follow_cwd ||
                            g_strcmp0 (choice->sync_method, "tarssh") == 0);
}

void
gr_manager_check_secondary_async (GrManagerObject *manager,
                                  const char *primary,
                                  const char *user,
                                  const char *host,
                                  const char *secondary,
                                  const GrSyncChoice *choice,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  GTask *task = g_task_new (manager, NULL, callback, user_data);
  g_autoptr (GrSshTarget) target = destination_target (manager, user, host);
  g_autoptr (GPtrArray) sessions = known_sessions (manager);
  g_autoptr (GrCheckRequest) request = g_new0 (GrCheckRequest, 1);

  request->manager = g_object_ref (manager);
  request->primary = g_strdup (primary);
  request->host = g_strdup (host);
  request->user = g_strdup (user);
  request->secondary = g_strdup (secondary);
  g_task_set_task_data (task, GINT_TO_POINTER (sync_is_fixed (choice)), NULL);
  if (target == NULL)
    {
      check_without_destination (request, task);
      g_object_unref (task);
      return;
    }
  gr_check_secondary_async (
      gr_context_get_gluster (gr_manager_object_get_context (manager)), target,
      primary, secondary, gr_manager_get_gluster_version (GR_MANAGER (manager)),
      sessions, has_root_trust (manager, host), NULL, on_checked, task);
}

GPtrArray *
gr_manager_check_secondary_finish (GrManagerObject *manager,
                                   GAsyncResult *result,
                                   GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_reply_checked (GObject *source, GAsyncResult *result, gpointer data)
{
  GrCall *call = data;
  GError *error = NULL;
  g_autoptr (GPtrArray) findings = gr_manager_check_secondary_finish (
      GR_MANAGER_OBJECT (source), result, &error);

  if (findings == NULL)
    {
      gr_call_fail (call, error);
      return;
    }
  gr_call_return (
      call, g_variant_new ("(@a(sss))", gr_findings_to_variant (findings)));
}

static void
check_secondary (GrCall *call)
{
  GrCheckRequest *request = gr_call_get_state (call);
  GrSyncChoice choice = {
    .sync_method = request->sync_method,
    .rsync_follow_cwd = request->sync_fixed,
  };

  gr_manager_check_secondary_async (
      request->manager, request->primary, request->user, request->host,
      request->secondary, &choice, on_reply_checked, call);
}

gboolean
gr_manager_handle_check_secondary (GrManager *manager,
                                   GDBusMethodInvocation *invocation,
                                   const char *primary,
                                   const char *host,
                                   const char *secondary,
                                   GVariant *options)
{
  g_autoptr (GrCheckRequest) request = g_new0 (GrCheckRequest, 1);
  const char *user = "root";
  GrSyncChoice choice;
  GError *error = NULL;

  if (!gr_validate_volume (primary, &error) ||
      !gr_validate_host (host, &error) ||
      !gr_validate_volume (secondary, &error) ||
      !gr_options_check (options, check_options, &error) ||
      !gr_sync_choice_read (&choice, options, &error) ||
      (g_variant_lookup (options, "secondary-user", "&s", &user) &&
       !gr_validate_user (user, &error)))
    return gr_invocation_refuse (invocation, error);
  request->manager = g_object_ref (GR_MANAGER_OBJECT (manager));
  request->primary = g_strdup (primary);
  request->host = g_strdup (host);
  request->user = g_strdup (user);
  request->secondary = g_strdup (secondary);
  request->sync_method = g_strdup (choice.sync_method);
  request->sync_fixed = sync_is_fixed (&choice);
  return gr_call_begin (invocation, manager, options, NULL, check_secondary,
                        g_steal_pointer (&request),
                        (GDestroyNotify) gr_check_request_free);
}
