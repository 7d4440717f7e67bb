/* georepd: the secondary's side of Verify (gr-ssh-verify.h).
 *
 * One constant command, as every remote command of this layer: unshare
 * gives the shell a mount namespace of its own, so the read-only mount is
 * nobody else's and goes when the shell and its glusterfs client end
 * (the client runs in the foreground and is killed on the way out). The
 * volume name and the paths come on stdin, one a line, and are only ever
 * expanded in double quotes. A file's line is "KIND SIZE DIGEST" as the
 * helper on this node prints it (gr-verify-digest.h); a symlink's digest
 * is its target's with a newline, which is what readlink | sha256sum
 * hashes. A path whose directory is reached through a symlink is
 * "other", never followed, as on this node (georepd-verify-helper.c): a
 * link in the volume must not lead the reading out of it. */
#include "gr-error.h"
#include "gr-ssh-private.h"
#include "gr-ssh-verify.h"
#include "gr-text.h"
#include "gr-validate.h"
#include "gr-verify-digest.h"

#define REMOTE_DIGEST_COMMAND                                                  \
  "unshare -m --propagation private /bin/sh -c '"                              \
  "PATH=\"$PATH:/usr/sbin:/sbin:/usr/local/sbin\"; "                           \
  "IFS= read -r v || exit 3; d=$(mktemp -d) && d=$(realpath \"$d\") || exit "  \
  "4; "                                                                        \
  "g=; "                                                                       \
  "c() { umount -l \"$d\" 2>/dev/null; [ -n \"$g\" ] && kill \"$g\" "          \
  "2>/dev/null; rmdir \"$d\" 2>/dev/null; }; "                                 \
  "trap c EXIT; trap \"c; exit 1\" HUP INT TERM; "                             \
  "glusterfs -N --read-only --volfile-server=localhost "                       \
  "--volfile-id=\"$v\" --log-file=/dev/null \"$d\" & g=$!; i=0; "              \
  "until [ \"$(stat -c %i \"$d\")\" = 1 ]; do i=$((i+1)); "                    \
  "[ $i -gt 200 ] && { echo mount-failed; exit 0; }; sleep 0.1; done; "        \
  "echo mounted; "                                                             \
  "while IFS= read -r p; do f=\"$d/$p\"; q=$(dirname -- \"$f\"); "             \
  "if [ ! -e \"$q\" ] && [ ! -L \"$q\" ]; then echo \"missing 0 -\"; "         \
  "elif [ ! -d \"$q\" ] || [ \"$(realpath -e -- \"$q\")\" != \"$q\" ]; then "  \
  "echo \"other 0 -\"; "                                                       \
  "elif [ -L \"$f\" ]; then "                                                  \
  "h=$(readlink \"$f\" | sha256sum) && echo \"symlink 0 ${h%% *}\" "           \
  "|| echo \"unreadable 0 -\"; "                                               \
  "elif [ -f \"$f\" ]; then "                                                  \
  "if h=$(sha256sum < \"$f\") && s=$(stat -c %s \"$f\"); then "                \
  "echo \"file $s ${h%% *}\"; else echo \"unreadable 0 -\"; fi; "              \
  "elif [ -e \"$f\" ]; then echo \"other 0 -\"; "                              \
  "else echo \"missing 0 -\"; fi; done; echo \"end complete\"'"

typedef struct {
  GrSshTarget *target;
  char *input;
} GrRemoteDigestJob;

static void
remote_digest_job_free (GrRemoteDigestJob *job)
{
  gr_ssh_target_free (job->target);
  g_free (job->input);
  g_free (job);
}

static char *
remote_input (const char *volume, GPtrArray *paths)
{
  GString *input = g_string_new (volume);

  g_string_append_c (input, '\n');
  for (guint i = 0; i < paths->len; i++)
    {
      g_string_append (input, paths->pdata[i]);
      g_string_append_c (input, '\n');
    }
  return g_string_free (input, FALSE);
}

static GPtrArray *
read_answer (const GrSshTarget *target,
             const char *out,
             const char *err,
             int status,
             GError **error)
{
  g_autofree char *why = NULL;
  g_autofree char *end = NULL;

  if (status == 0 && g_str_has_prefix (out, "mounted\n"))
    return gr_verify_parse_digests (out + strlen ("mounted\n"), FALSE, &end,
                                    error);
  if (status == 0 && g_str_has_prefix (out, "mount-failed"))
    why = g_strdup ("the volume could not be mounted there");
  else
    why = gr_text_clean (err && *err ? g_strstrip ((char *) err) : "it failed",
                         GR_TEXT_MESSAGE_MAX);
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
               "Reading the secondary on %s failed: %s", target->host, why);
  return NULL;
}

static GPtrArray *
remote_digests (const GrSshTarget *target, const char *input, GError **error)
{
  g_autoptr (GrSshConn) conn = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  conn = gr_ssh_conn_open_key (target, gr_ssh_deadline (target), error);
  if (conn == NULL || !gr_ssh_exec (conn, REMOTE_DIGEST_COMMAND, input, &out,
                                    &err, &status, error))
    return NULL;
  return read_answer (target, out, err, status, error);
}

static void
remote_digest_thread (GTask *task,
                      gpointer source,
                      gpointer data,
                      GCancellable *cancellable)
{
  GrRemoteDigestJob *job = data;
  GError *error = NULL;
  GPtrArray *digests = remote_digests (job->target, job->input, &error);

  if (digests == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, digests, (GDestroyNotify) g_ptr_array_unref);
}

void
gr_ssh_remote_digests_async (const GrSshTarget *target,
                             const char *volume,
                             GPtrArray *paths,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, NULL, callback, user_data);
  GrRemoteDigestJob *job = g_new0 (GrRemoteDigestJob, 1);

  job->target = gr_ssh_target_copy (target);
  job->input = remote_input (volume, paths);
  g_task_set_source_tag (task, gr_ssh_remote_digests_async);
  g_task_set_task_data (task, job, (GDestroyNotify) remote_digest_job_free);
  g_task_run_in_thread (task, remote_digest_thread);
}

GPtrArray *
gr_ssh_remote_digests_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
