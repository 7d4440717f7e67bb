/* georepd: the primary's side of Verify (gr-verify-local.h). */
#include "config.h"
#include "gr-error.h"
#include "gr-text.h"
#include "gr-verify-digest.h"
#include "gr-verify-local.h"

#define HELPER_NAME "georepd-verify-helper"
/* The helper stops itself at its timeout; this is for a helper stuck in
 * a hung mount. */
#define KILL_GRACE_SECONDS 15

char *
gr_verify_helper_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;

  if (self == NULL)
    return g_build_filename (GR_LIBEXECDIR, HELPER_NAME, NULL);
  dir = g_path_get_dirname (self);
  return g_build_filename (dir, HELPER_NAME, NULL);
}

typedef struct {
  GSubprocess *helper;
  GCancellable *cancellable;
  guint kill_source;
} GrLocalCall;

static void
local_call_free (GrLocalCall *call)
{
  g_clear_handle_id (&call->kill_source, g_source_remove);
  g_clear_object (&call->helper);
  g_clear_object (&call->cancellable);
  g_free (call);
}

static GStrv
helper_argv (const GrLocalDigestRequest *request)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, gr_verify_helper_path ());
  g_ptr_array_add (argv, g_strconcat ("--volume=", request->volume, NULL));
  g_ptr_array_add (argv,
                   g_strdup_printf ("--max-files=%u", request->max_files));
  g_ptr_array_add (argv, g_strdup_printf ("--not-after=%" G_GINT64_FORMAT,
                                          request->not_after));
  g_ptr_array_add (argv, g_strdup_printf ("--timeout=%u", request->timeout));
  if (request->paths != NULL)
    g_ptr_array_add (argv, g_strdup ("--paths"));
  g_ptr_array_add (argv, NULL);
  return (GStrv) g_ptr_array_free (argv, FALSE);
}

static char *
helper_input (const GrLocalDigestRequest *request)
{
  g_autofree char *joined = NULL;

  if (request->paths == NULL)
    return g_strdup ("");
  joined = g_strjoinv ("\n", request->paths);
  return g_strconcat (joined, "\n", NULL);
}

static gboolean
cancel_call (gpointer data)
{
  GrLocalCall *call = data;

  call->kill_source = 0;
  g_subprocess_force_exit (call->helper);
  g_cancellable_cancel (call->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_communicated (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GTask) task = data;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *why = NULL;
  GError *error = NULL;
  GPtrArray *digests;
  char *end = NULL;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), res, &out,
                                             &err, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!g_subprocess_get_successful (G_SUBPROCESS (source)))
    {
      why =
          gr_text_clean (err && *err ? err : "it failed", GR_TEXT_MESSAGE_MAX);
      g_task_return_new_error (task, GR_ERROR, GR_ERROR_FAILED,
                               "Reading the primary failed: %s",
                               g_strstrip (why));
      return;
    }
  digests = gr_verify_parse_digests (out, TRUE, &end, &error);
  if (digests == NULL)
    g_task_return_error (task, error);
  else
    {
      g_object_set_data_full (G_OBJECT (task), "end", end, g_free);
      g_task_return_pointer (task, digests, (GDestroyNotify) g_ptr_array_unref);
    }
}

void
gr_verify_local_digests_async (const GrLocalDigestRequest *request,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_auto (GStrv) argv = helper_argv (request);
  g_autofree char *input = helper_input (request);
  const char *const environment[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                                      "LC_ALL=C", NULL };
  g_autoptr (GSubprocess) helper = NULL;
  GrLocalCall *call = g_new0 (GrLocalCall, 1);
  GError *error = NULL;

  g_task_set_task_data (task, call, (GDestroyNotify) local_call_free);
  g_subprocess_launcher_set_environ (launcher, (char **) environment);
  helper = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv,
                                         &error);
  if (helper == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  call->helper = g_object_ref (helper);
  call->cancellable = g_cancellable_new ();
  call->kill_source = g_timeout_add_seconds (
      request->timeout + KILL_GRACE_SECONDS, cancel_call, call);
  g_subprocess_communicate_utf8_async (helper, input, call->cancellable,
                                       on_communicated, task);
}

GPtrArray *
gr_verify_local_digests_finish (GAsyncResult *result,
                                char **end,
                                GError **error)
{
  GPtrArray *digests = g_task_propagate_pointer (G_TASK (result), error);

  *end =
      digests ? g_strdup (g_object_get_data (G_OBJECT (result), "end")) : NULL;
  return digests;
}
