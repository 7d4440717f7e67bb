/* georepd: remote gluster commands and the remote touch of a volume's
 * root (gr-ssh-gluster.h). */
#include <string.h>

#include "gr-error.h"
#include "gr-ssh-gluster.h"
#include "gr-ssh-private.h"
#include "gr-validate.h"

#define REMOTE_PATH "PATH=\"$PATH:/usr/sbin:/sbin:/usr/local/sbin\"; "
#define REMOTE_ROOT_CHECK                                                      \
  "[ \"$(id -u)\" = 0 ] || { echo \"not logged in as root\" >&2; exit 4; }; "
#define REMOTE_ARGS                                                            \
  "set --; while IFS= read -r w; do set -- \"$@\" \"$w\"; done; "

#define REMOTE_GLUSTER_COMMAND(xml)                                            \
  "/bin/sh -c '" REMOTE_PATH REMOTE_ROOT_CHECK REMOTE_ARGS                     \
  "command -v gluster >/dev/null 2>&1 || exit 127; "                           \
  "exec gluster --mode=script " xml " \"$@\"'"

/* As the remote Verify (gr-ssh-verify.c), but read-write and only a
 * touch of the root. */
#define REMOTE_TOUCH_COMMAND                                                   \
  "unshare -m --propagation private /bin/sh -c '" REMOTE_PATH                  \
      REMOTE_ROOT_CHECK                                                        \
  "IFS= read -r v || exit 3; d=$(mktemp -d) && d=$(realpath \"$d\") || exit "  \
  "5; g=; "                                                                    \
  "c() { umount -l \"$d\" 2>/dev/null; [ -n \"$g\" ] && kill \"$g\" "          \
  "2>/dev/null; rmdir \"$d\" 2>/dev/null; }; "                                 \
  "trap c EXIT; trap \"c; exit 1\" HUP INT TERM; "                             \
  "glusterfs -N --volfile-server=localhost --volfile-id=\"$v\" "               \
  "--log-file=/dev/null \"$d\" & g=$!; i=0; "                                  \
  "until [ \"$(stat -c %i \"$d\")\" = 1 ]; do i=$((i+1)); "                    \
  "[ $i -gt 200 ] && { echo \"the volume could not be mounted\" >&2; "         \
  "exit 6; }; sleep 0.1; done; touch -c -- \"$d\" || exit 7'"

#define WORDS_MAX 32
#define WORD_MAX 255

static gboolean
is_word (const char *word)
{
  gsize len = strlen (word);

  if (len == 0 || len > WORD_MAX || word[0] == '-')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (word[i]) && !strchr ("._:@/-", word[i]))
      return FALSE;
  return TRUE;
}

gboolean
gr_ssh_gluster_validate (const char *const *words, GError **error)
{
  guint n = words ? g_strv_length ((char **) words) : 0;
  gboolean ok = n > 0 && n <= WORDS_MAX;

  for (guint i = 0; ok && i < n; i++)
    ok = is_word (words[i]);
  if (ok)
    return TRUE;
  g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                       "Invalid remote gluster command: 1 to 32 words of "
                       "letters, digits and ._:@/-, none starting with '-'");
  return FALSE;
}

typedef struct {
  GrSshTarget *target;
  char **words;
  gboolean xml;
  gboolean touch;
  int exit_status;
} GrRemoteJob;

static void
remote_job_free (GrRemoteJob *job)
{
  gr_ssh_target_free (job->target);
  g_strfreev (job->words);
  g_free (job);
}

static const char *
remote_command (const GrRemoteJob *job)
{
  if (job->touch)
    return REMOTE_TOUCH_COMMAND;
  return job->xml ? REMOTE_GLUSTER_COMMAND ("--xml")
                  : REMOTE_GLUSTER_COMMAND ("");
}

/* stdout, or NULL when the command could not run at all. */
static char *
run_remote (GrRemoteJob *job, GError **error)
{
  g_autoptr (GrSshConn) conn = NULL;
  g_autofree char *joined = g_strjoinv ("\n", job->words);
  g_autofree char *input = g_strconcat (joined, "\n", NULL);
  g_autofree char *out = NULL, *err = NULL, *said = NULL;

  conn =
      gr_ssh_conn_open_key (job->target, gr_ssh_deadline (job->target), error);
  if (conn == NULL || !gr_ssh_exec (conn, remote_command (job), input, &out,
                                    &err, &job->exit_status, error))
    return NULL;
  if (job->exit_status == 0 ||
      (!job->touch && job->exit_status != 4 && job->exit_status != 127))
    return g_steal_pointer (&out);
  said = gr_ssh_first_line (err && *err ? err : out);
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "On %s: %s", job->target->host,
               job->exit_status == 127 ? "gluster is not installed"
               : *said                 ? said
                                       : "the command failed");
  return NULL;
}

static void
remote_thread (GTask *task,
               gpointer source,
               gpointer data,
               GCancellable *cancellable)
{
  GrRemoteJob *job = data;
  GError *error = NULL;
  char *out;

  if (g_task_return_error_if_cancelled (task))
    return;
  out = run_remote (job, &error);
  if (out == NULL)
    {
      gr_ssh_error_clean (error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, out, g_free);
}

static void
start_remote (GrRemoteJob *job,
              GCancellable *cancellable,
              GAsyncReadyCallback callback,
              gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_task_data (task, job, (GDestroyNotify) remote_job_free);
  if (!gr_ssh_gluster_validate ((const char *const *) job->words, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, remote_thread);
}

void
gr_ssh_gluster_async (const GrSshTarget *target,
                      const char *const *words,
                      gboolean xml,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data)
{
  GrRemoteJob *job = g_new0 (GrRemoteJob, 1);

  job->target = gr_ssh_target_copy (target);
  job->words = g_strdupv ((char **) words);
  job->xml = xml;
  start_remote (job, cancellable, callback, user_data);
}

char *
gr_ssh_gluster_finish (GAsyncResult *result, int *exit_status, GError **error)
{
  GrRemoteJob *job = g_task_get_task_data (G_TASK (result));
  char *out = g_task_propagate_pointer (G_TASK (result), error);

  if (out != NULL && exit_status != NULL)
    *exit_status = job->exit_status;
  return out;
}

void
gr_ssh_touch_root_async (const GrSshTarget *target,
                         const char *volume,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  GrRemoteJob *job = g_new0 (GrRemoteJob, 1);
  const char *words[] = { volume, NULL };

  job->target = gr_ssh_target_copy (target);
  job->words = g_strdupv ((char **) words);
  job->touch = TRUE;
  start_remote (job, cancellable, callback, user_data);
}

gboolean
gr_ssh_touch_root_finish (GAsyncResult *result, GError **error)
{
  g_autofree char *out = g_task_propagate_pointer (G_TASK (result), error);

  return out != NULL;
}
