/* georepd: the SSH operations as GTasks, so that libssh, which blocks,
 * runs in a worker thread and never in the main loop. One job type carries
 * the inputs and results of every operation; the typed _finish functions
 * hand the results out. */
#include <string.h>

#include "gr-ssh.h"
#include "gr-text.h"

typedef enum {
  GR_SSH_OP_PROBE,
  GR_SSH_OP_SETUP_PASSWORDLESS,
  GR_SSH_OP_TEST,
  GR_SSH_OP_REVOKE_KEY,
  GR_SSH_OP_ROOT_KEY,
} GrSshOp;

typedef struct {
  GrSshOp op;
  GrSshTarget *target;
  char *password;
  char *public_key_line; /* input, or result of ROOT_KEY */
  char *ssh_dir;
  char *fingerprint;
  char *key_type;
  char *gluster_version;
  char *rsync_version;
  char **remote_volumes;
  char *message;
  char *identity_path;
} GrSshJob;

static void
gr_ssh_job_free (GrSshJob *job)
{
  /* The worker wipes the password after use; this covers a job that was
   * cancelled before it ran. */
  if (job->password)
    explicit_bzero (job->password, strlen (job->password));
  g_free (job->password);
  g_clear_pointer (&job->target, gr_ssh_target_free);
  g_free (job->public_key_line);
  g_free (job->ssh_dir);
  g_free (job->fingerprint);
  g_free (job->key_type);
  g_free (job->gluster_version);
  g_free (job->rsync_version);
  g_strfreev (job->remote_volumes);
  g_free (job->message);
  g_free (job->identity_path);
  g_free (job);
}

static gboolean
run_job (GrSshJob *job, GError **error)
{
  switch (job->op)
    {
      case GR_SSH_OP_PROBE:
        return gr_ssh_probe (job->target, &job->fingerprint, &job->key_type,
                             error);
      case GR_SSH_OP_SETUP_PASSWORDLESS:
        return gr_ssh_setup_passwordless (job->target, job->password,
                                          job->public_key_line, error);
      case GR_SSH_OP_TEST:
        return gr_ssh_test (job->target, &job->gluster_version,
                            &job->rsync_version, &job->remote_volumes,
                            &job->message, error);
      case GR_SSH_OP_REVOKE_KEY:
        return gr_ssh_revoke_key (job->target, job->public_key_line, error);
      case GR_SSH_OP_ROOT_KEY:
        return gr_ssh_root_key (job->ssh_dir, &job->public_key_line,
                                &job->identity_path, error);
      default:
        g_assert_not_reached ();
    }
}

static void
clean (char **text)
{
  char *clean_text = gr_text_clean (*text, GR_TEXT_MESSAGE_MAX);

  g_free (*text);
  *text = clean_text;
}

/* Everything a job hands out that the server chose: libssh's error text
 * carries the server's banner and disconnect message, gluster's answers
 * its output. Cleaned here (gr-text.h), the one way out of this layer,
 * before they reach a D-Bus reply, a log or the store. */
static void
clean_results (GrSshJob *job, GError *error)
{
  if (error != NULL)
    clean (&error->message);
  clean (&job->key_type);
  clean (&job->gluster_version);
  clean (&job->message);
}

static void
job_thread (GTask *task,
            gpointer source_object,
            gpointer task_data,
            GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;
  ok = run_job (task_data, &error);
  clean_results (task_data, error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static GrSshJob *
job_new (GrSshOp op, const GrSshTarget *target)
{
  GrSshJob *job = g_new0 (GrSshJob, 1);

  job->op = op;
  if (target != NULL)
    job->target = gr_ssh_target_copy (target);
  return job;
}

static void
job_start (GrSshJob *job,
           gpointer source_tag,
           GCancellable *cancellable,
           GAsyncReadyCallback callback,
           gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) gr_ssh_job_free);
  g_task_run_in_thread (task, job_thread);
}

/* The job of a finished task, NULL with @error set when it failed. */
static GrSshJob *
job_finish (GAsyncResult *result, gpointer source_tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, source_tag), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_task_get_task_data (G_TASK (result));
}

void
gr_ssh_probe_async (const GrSshTarget *target,
                    GCancellable *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer user_data)
{
  job_start (job_new (GR_SSH_OP_PROBE, target), gr_ssh_probe_async, cancellable,
             callback, user_data);
}

gboolean
gr_ssh_probe_finish (GAsyncResult *result,
                     char **fingerprint,
                     char **key_type,
                     GError **error)
{
  GrSshJob *job = job_finish (result, gr_ssh_probe_async, error);

  if (job == NULL)
    return FALSE;
  *fingerprint = g_steal_pointer (&job->fingerprint);
  *key_type = g_steal_pointer (&job->key_type);
  return TRUE;
}

void
gr_ssh_setup_passwordless_async (const GrSshTarget *target,
                                 const char *password,
                                 const char *public_key_line,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GrSshJob *job = job_new (GR_SSH_OP_SETUP_PASSWORDLESS, target);

  job->password = g_strdup (password);
  job->public_key_line = g_strdup (public_key_line);
  job_start (job, gr_ssh_setup_passwordless_async, cancellable, callback,
             user_data);
}

gboolean
gr_ssh_setup_passwordless_finish (GAsyncResult *result, GError **error)
{
  return job_finish (result, gr_ssh_setup_passwordless_async, error) != NULL;
}

void
gr_ssh_test_async (const GrSshTarget *target,
                   GCancellable *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer user_data)
{
  job_start (job_new (GR_SSH_OP_TEST, target), gr_ssh_test_async, cancellable,
             callback, user_data);
}

gboolean
gr_ssh_test_finish (GAsyncResult *result,
                    char **gluster_version,
                    char **rsync_version,
                    char ***remote_volumes,
                    char **message,
                    GError **error)
{
  GrSshJob *job = job_finish (result, gr_ssh_test_async, error);

  if (job == NULL)
    return FALSE;
  *gluster_version = g_steal_pointer (&job->gluster_version);
  *rsync_version = g_steal_pointer (&job->rsync_version);
  *remote_volumes = g_steal_pointer (&job->remote_volumes);
  *message = g_steal_pointer (&job->message);
  return TRUE;
}

void
gr_ssh_revoke_key_async (const GrSshTarget *target,
                         const char *public_key_line,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  GrSshJob *job = job_new (GR_SSH_OP_REVOKE_KEY, target);

  job->public_key_line = g_strdup (public_key_line);
  job_start (job, gr_ssh_revoke_key_async, cancellable, callback, user_data);
}

gboolean
gr_ssh_revoke_key_finish (GAsyncResult *result, GError **error)
{
  return job_finish (result, gr_ssh_revoke_key_async, error) != NULL;
}

void
gr_ssh_root_key_async (const char *ssh_dir,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  GrSshJob *job = job_new (GR_SSH_OP_ROOT_KEY, NULL);

  job->ssh_dir = g_strdup (ssh_dir);
  job_start (job, gr_ssh_root_key_async, cancellable, callback, user_data);
}

gboolean
gr_ssh_root_key_finish (GAsyncResult *result,
                        char **public_key_line,
                        char **identity_path,
                        GError **error)
{
  GrSshJob *job = job_finish (result, gr_ssh_root_key_async, error);

  if (job == NULL)
    return FALSE;
  *public_key_line = g_steal_pointer (&job->public_key_line);
  *identity_path = g_steal_pointer (&job->identity_path);
  return TRUE;
}
