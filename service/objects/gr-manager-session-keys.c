/* georepd: after CreateSession push-pem into a non-root user, what the
 * admin of the secondary would do as root there: put the session's keys
 * (this node's common_secret.pem.pub, written by gsec_create) into the
 * user's authorized_keys, as the user (gr-ssh-admin.h). georepd does it
 * when it has the root destination of that host and the caller holds
 * manage-destinations too (gr-manager-create-session.c); otherwise
 * CheckSecondary tells the admin (gr-secondary-check.c,
 * session-keys-manual). */

#include "gr-destination-object.h"
#include "gr-destinations.h"
#include "gr-error.h"
#include "gr-manager-private.h"
#include "gr-session-command.h"
#include "gr-ssh-admin.h"

#define ADMIN_TIMEOUT 30

typedef struct {
  GrSshTarget *target;
  char *keys_path; /* the primary's common_secret.pem.pub */
  char *words[5];  /* user, primary, secondary, keys; NULL-terminated */
} GrKeysStep;

static void
keys_step_free (GrKeysStep *step)
{
  gr_ssh_target_free (step->target);
  g_free (step->keys_path);
  for (guint i = 0; i < G_N_ELEMENTS (step->words); i++)
    g_free (step->words[i]);
  g_free (step);
}

static void
on_keys_installed (GObject *source, GAsyncResult *result, gpointer data)
{
  GrCall *call = data;
  g_autoptr (GError) error = NULL;

  if (gr_ssh_admin_finish (result, &error))
    {
      gr_session_command_step_done (call, NULL);
      return;
    }
  gr_session_command_step_done (
      call, g_error_new (GR_ERROR, GR_ERROR_FAILED,
                         "The session was created, but its keys could not "
                         "be installed for the secondary user: %s",
                         error->message));
}

/* Local and root's own: read as it is, bounded. */
static gboolean
read_keys (GrKeysStep *step, GError **error)
{
  g_autofree char *keys = NULL;
  gsize len = 0;

  if (!g_file_get_contents (step->keys_path, &keys, &len, error))
    return FALSE;
  if (len > GR_SSH_ADMIN_KEYS_MAX)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "%s is too large",
                   step->keys_path);
      return FALSE;
    }
  g_free (step->words[3]);
  step->words[3] = g_steal_pointer (&keys);
  return TRUE;
}

static void
install_keys (GrCall *call, gpointer data)
{
  GrKeysStep *step = data;
  GError *error = NULL;

  if (!read_keys (step, &error))
    {
      gr_session_command_step_done (
          call, g_error_new (GR_ERROR, GR_ERROR_FAILED,
                             "The session was created, but its keys could "
                             "not be read: %s",
                             error->message));
      g_error_free (error);
      return;
    }
  gr_ssh_admin_async (step->target, GR_SSH_ADMIN_SESSION_KEYS,
                      (const char *const *) step->words, NULL,
                      on_keys_installed, call);
}

static GrDestinationObject *
root_destination (GrManagerObject *manager, const GrSessionId *id)
{
  if (g_str_equal (id->user, "root"))
    return NULL;
  return gr_destinations_lookup (gr_manager_object_get_destinations (manager),
                                 "root", id->host);
}

gboolean
gr_manager_session_keys_apply (GrManagerObject *manager, const GrSessionId *id)
{
  return root_destination (manager, id) != NULL;
}

gboolean
gr_manager_add_session_keys_step (GrManagerObject *manager,
                                  GrSessionCommand *command,
                                  const GrSessionId *id)
{
  GrDestinationObject *root = root_destination (manager, id);
  g_autofree char *dir = g_path_get_dirname (id->dir);
  GrKeysStep *step;

  if (root == NULL)
    return FALSE;
  step = g_new0 (GrKeysStep, 1);
  step->target = gr_destinations_new_target (root, ADMIN_TIMEOUT);
  step->keys_path = g_build_filename (dir, "common_secret.pem.pub", NULL);
  step->words[0] = g_strdup (id->user);
  step->words[1] = g_strdup (id->primary);
  step->words[2] = g_strdup (id->secondary);
  gr_session_command_then (command, install_keys, step,
                           (GDestroyNotify) keys_step_free);
  return TRUE;
}
