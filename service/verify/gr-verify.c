/* georepd: Verify from start to verdict (gr-verify.h). */
#include "gr-ssh-verify.h"
#include "gr-verify-digest.h"
#include "gr-verify-local.h"
#include "gr-verify.h"

typedef struct {
  char *secondary_volume;
  GrSshTarget *secondary_root;
  GPtrArray *primary; /* GrFileDigest * */
  char *end;
  gint64 started;
} GrVerifyCall;

static void
verify_call_free (GrVerifyCall *call)
{
  g_free (call->secondary_volume);
  gr_ssh_target_free (call->secondary_root);
  g_clear_pointer (&call->primary, g_ptr_array_unref);
  g_free (call->end);
  g_free (call);
}

static void
on_remote_digests (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GTask) task = data;
  GrVerifyCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GPtrArray) secondary = gr_ssh_remote_digests_finish (res, &error);
  GrVerifyResult *result;

  if (secondary == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = gr_verify_compare (call->primary, secondary);
  result->end = g_steal_pointer (&call->end);
  result->duration_ms =
      (guint) ((g_get_monotonic_time () - call->started) / 1000);
  g_task_return_pointer (task, result, (GDestroyNotify) gr_verify_result_free);
}

static GPtrArray *
paths_of (GPtrArray *digests)
{
  GPtrArray *paths = g_ptr_array_new ();

  for (guint i = 0; i < digests->len; i++)
    g_ptr_array_add (paths, ((GrFileDigest *) digests->pdata[i])->path);
  return paths;
}

static void
on_local_digests (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GTask) task = data;
  GrVerifyCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GPtrArray) paths = NULL;

  call->primary = gr_verify_local_digests_finish (res, &call->end, &error);
  if (call->primary == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  paths = paths_of (call->primary);
  gr_ssh_remote_digests_async (call->secondary_root, call->secondary_volume,
                               paths, on_remote_digests,
                               g_steal_pointer (&task));
}

void
gr_verify_run_async (const GrVerifyRequest *request,
                     GAsyncReadyCallback callback,
                     gpointer user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  GrVerifyCall *call = g_new0 (GrVerifyCall, 1);
  GrLocalDigestRequest local = {
    .volume = request->primary_volume,
    .paths = request->paths,
    .max_files = request->max_files,
    .not_after = request->not_after,
    .timeout = request->timeout,
  };

  call->secondary_volume = g_strdup (request->secondary_volume);
  call->secondary_root = gr_ssh_target_copy (request->secondary_root);
  call->started = g_get_monotonic_time ();
  g_task_set_task_data (task, call, (GDestroyNotify) verify_call_free);
  gr_verify_local_digests_async (&local, on_local_digests, task);
}

GrVerifyResult *
gr_verify_run_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
