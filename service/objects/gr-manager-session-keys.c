/* georepd: after CreateSession push-pem into a non-root user, what the
 * admin of the secondary would run as root there: gluster's
 * set_geo_rep_pem_keys.sh, which puts the session's keys into the user's
 * authorized_keys. georepd runs it when it has the root destination of
 * that host; otherwise CheckSecondary tells the admin (gr-secondary-check.c,
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
  char *words[4]; /* user, primary, secondary; NULL-terminated */
} GrKeysStep;

static void
keys_step_free (GrKeysStep *step)
{
  gr_ssh_target_free (step->target);
  for (guint i = 0; i < G_N_ELEMENTS (step->words); i++)
    g_free (step->words[i]);
  g_free (step);
}

static void
on_keys_installed (GObject *source, GAsyncResult *result, gpointer data)
{
  GrSessionCommand *command = data;
  g_autoptr (GError) error = NULL;

  if (gr_ssh_admin_finish (result, &error))
    {
      gr_session_command_step_done (command, NULL);
      return;
    }
  gr_session_command_step_done (
      command, g_error_new (GR_ERROR, GR_ERROR_FAILED,
                            "The session was created, but its keys could not "
                            "be installed for the secondary user: %s",
                            error->message));
}

static void
install_keys (GrSessionCommand *command, gpointer data)
{
  GrKeysStep *step = data;

  gr_ssh_admin_async (step->target, GR_SSH_ADMIN_SESSION_KEYS,
                      (const char *const *) step->words, NULL,
                      on_keys_installed, command);
}

gboolean
gr_manager_add_session_keys_step (GrManagerObject *manager,
                                  GrSessionCommand *command,
                                  const GrSessionId *id)
{
  GrDestinationObject *root = gr_destinations_lookup (
      gr_manager_object_get_destinations (manager), "root", id->host);
  GrKeysStep *step;

  if (g_str_equal (id->user, "root") || root == NULL)
    return FALSE;
  step = g_new0 (GrKeysStep, 1);
  step->target = gr_destination_object_new_target (root, ADMIN_TIMEOUT);
  step->words[0] = g_strdup (id->user);
  step->words[1] = g_strdup (id->primary);
  step->words[2] = g_strdup (id->secondary);
  gr_session_command_then (command, install_keys, step,
                           (GDestroyNotify) keys_step_free);
  return TRUE;
}
