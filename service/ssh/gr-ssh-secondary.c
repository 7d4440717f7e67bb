/* georepd: asking a destination about a secondary volume
 * (gr-ssh-secondary.h).
 *
 * Like every remote command of the SSH layer (gr-ssh.c), these are
 * constants run by /bin/sh -c, whatever the user's login shell; the volume
 * name is read from stdin into a variable that is only ever expanded in
 * double quotes, after gr_validate_volume() accepted it (so it cannot
 * start with '-', which the gluster CLI would take for an option). */
#include <string.h>

#include "gr-error.h"
#include "gr-rsync-receiver.h"
#include "gr-ssh-private.h"
#include "gr-ssh-secondary.h"
#include "gr-validate.h"

/* Non-root users often lack the sbin directories in PATH. */
#define PROBE_PATH "PATH=\"$PATH:/usr/sbin:/sbin:/usr/local/sbin\"; "
#define PROBE_READ_VOLUME "IFS= read -r v || exit 3; "
#define PROBE_NOT_FOUND 127

#define PROBE_VERSION_COMMAND                                                  \
  "/bin/sh -c '" PROBE_PATH                                                    \
  "command -v gluster >/dev/null 2>&1 || exit 127; exec gluster --version'"
#define PROBE_RSYNC_COMMAND                                                    \
  "/bin/sh -c '" PROBE_PATH                                                    \
  "command -v rsync >/dev/null 2>&1 || exit 127; exec rsync --version'"
#define PROBE_INFO_COMMAND                                                     \
  "/bin/sh -c '" PROBE_PATH PROBE_READ_VOLUME                                  \
  "exec gluster --mode=script --xml volume info \"$v\"'"
#define PROBE_DETAIL_COMMAND                                                   \
  "/bin/sh -c '" PROBE_PATH PROBE_READ_VOLUME                                  \
  "exec gluster --mode=script --xml volume status \"$v\" detail'"
#define PROBE_KEYS_COMMAND                                                     \
  "/bin/sh -c '" PROBE_PATH                                                    \
  "d=$(gluster system:: getwd 2>/dev/null) || d=/var/lib/glusterd; "           \
  "exec ls -1 \"$d/geo-replication\"'"
#define PROBE_VOLFILE_COMMAND                                                  \
  "/bin/sh -c 'exec cat /etc/glusterfs/glusterd.vol'"
/* gverify.sh's look at the secondary: a mount of the volume, an entry
 * other than .trashcan at its top, df. Made in a mount namespace of its
 * own (unshare -m, private propagation): the host's mount table never
 * holds it, whatever happens; and the mount goes on every way out (trap),
 * with find and df bounded in time. The volume name reaches the inner
 * shell in the environment, never as an argument. Below, what the inner
 * shell reads, written inside the outer shell's double quotes. */
#define PROBE_EMPTY_INNER                                                      \
  "d=\\$(mktemp -d) || exit 4; "                                               \
  "c () { umount -l \\\"\\$d\\\" 2>/dev/null; rmdir \\\"\\$d\\\" "             \
  "2>/dev/null; }; "                                                           \
  "trap c EXIT; trap \\\"exit 1\\\" HUP INT TERM PIPE; "                       \
  "if glusterfs \\\"--xlator-option=*dht.lookup-unhashed=off\\\" "             \
  "--volfile-server=localhost --volfile-id=\\\"\\$v\\\" --log-file=/dev/null " \
  "\\\"\\$d\\\" && [ \\\"\\$(stat -c %i \\\"\\$d\\\")\\\" = 1 ]; then "        \
  "f=\\$(timeout 60 find \\\"\\$d\\\" -mindepth 1 -maxdepth 1 "                \
  "! -name .trashcan -print -quit); "                                          \
  "s=\\$(timeout 60 df -P -B1 \\\"\\$d\\\" | tail -n 1); "                     \
  "if [ -z \\\"\\$f\\\" ]; then echo empty; "                                  \
  "else echo \\\"not-empty \\${f##*/}\\\"; fi; "                               \
  "echo \\\"size \\$s\\\"; else echo mount-failed; fi"
#define PROBE_EMPTY_COMMAND                                                    \
  "/bin/sh -c '" PROBE_PATH PROBE_READ_VOLUME                                  \
  "[ \"$(id -u)\" = 0 ] || { echo not-root; exit 0; }; "                       \
  "command -v unshare >/dev/null 2>&1 || { echo mount-failed; exit 0; }; "     \
  "export v; exec unshare -m --propagation private /bin/sh -c "                \
  "\"" PROBE_EMPTY_INNER "\"'"

/* Runs @command: *@out is its stdout, *@status its exit status. FALSE
 * only when SSH itself failed. */
static gboolean
run_raw (GrSshConn *conn,
         const char *command,
         const char *input,
         char **out,
         int *status,
         GError **error)
{
  g_autofree char *stderr_text = NULL;

  *status = -1;
  return gr_ssh_exec (conn, command, input, out, &stderr_text, status, error);
}

/* *@out is @command's stdout when it exited with 0, else NULL. */
static gboolean
run (GrSshConn *conn,
     const char *command,
     const char *input,
     char **out,
     int *status,
     GError **error)
{
  g_autofree char *text = NULL;
  int exit_status;

  *out = NULL;
  if (!run_raw (conn, command, input, &text, &exit_status, error))
    return FALSE;
  if (status != NULL)
    *status = exit_status;
  if (exit_status == 0)
    *out = g_steal_pointer (&text);
  return TRUE;
}

/* The XML answer of a gluster command, even when gluster exited non-zero
 * (it does for a volume it does not know, with the reason in the XML). */
static gboolean
run_xml (GrSshConn *conn,
         const char *command,
         const char *input,
         char **out,
         GError **error)
{
  g_autofree char *text = NULL;
  int exit_status;

  *out = NULL;
  if (!run_raw (conn, command, input, &text, &exit_status, error))
    return FALSE;
  if (strstr (text, "<cliOutput") != NULL)
    *out = g_steal_pointer (&text);
  return TRUE;
}

/* "size FS TOTAL USED AVAIL CAPACITY MOUNTPOINT" (df -P -B1). */
static void
read_df (GrSecondaryFacts *probe, const char *line)
{
  g_auto (GStrv) words = g_strsplit_set (line, " \t", -1);
  guint n = 0;
  const char *numbers[3];

  for (guint i = 2; words[i] && n < 3; i++)
    if (*words[i] != '\0')
      numbers[n++] = words[i];
  if (n < 3)
    return;
  probe->size_total = g_ascii_strtoull (numbers[0], NULL, 10);
  probe->size_used = g_ascii_strtoull (numbers[1], NULL, 10);
  probe->size_free = g_ascii_strtoull (numbers[2], NULL, 10);
}

static void
read_emptiness (GrSecondaryFacts *probe, const char *out)
{
  g_auto (GStrv) lines = g_strsplit (out ? out : "", "\n", 3);

  probe->emptiness = g_strdup (lines[0] ? lines[0] : "");
  if (lines[0] && lines[1] && g_str_has_prefix (lines[1], "size "))
    read_df (probe, lines[1]);
}

static gboolean
ask_gluster (GrSshConn *conn,
             GrSecondaryFacts *probe,
             const char *input,
             GError **error)
{
  g_autofree char *version = NULL;
  g_autofree char *rsync = NULL;
  g_autofree char *empty = NULL;
  int status = -1;

  if (!run (conn, PROBE_VERSION_COMMAND, NULL, &version, &status, error))
    return FALSE;
  if (version != NULL)
    probe->gluster_version = gr_ssh_first_line (version);
  if (!run (conn, PROBE_RSYNC_COMMAND, NULL, &rsync, &status, error))
    return FALSE;
  probe->rsync = status == 0 ? 1 : status == PROBE_NOT_FOUND ? 0 : -1;
  probe->rsync_version = gr_rsync_parse_version (rsync);
  if (probe->gluster_version == NULL)
    return TRUE;
  if (!run_xml (conn, PROBE_INFO_COMMAND, input, &probe->volume_info, error) ||
      !run_xml (conn, PROBE_DETAIL_COMMAND, input, &probe->volume_detail,
                error) ||
      !run (conn, PROBE_EMPTY_COMMAND, input, &empty, NULL, error) ||
      !run (conn, PROBE_KEYS_COMMAND, NULL, &probe->key_listing, NULL, error))
    return FALSE;
  read_emptiness (probe, empty);
  return TRUE;
}

static gboolean
check_request (const GrSshTarget *target, const char *volume, GError **error)
{
  if (!gr_validate_host (target->host, error) ||
      !gr_validate_user (target->user, error) ||
      !gr_validate_volume (volume, error))
    return FALSE;
  if (target->expected_fingerprint == NULL || target->known_hosts == NULL ||
      target->identity == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                   "Checking %s needs the host key fingerprint, a "
                   "known_hosts file and a private key",
                   target->host);
      return FALSE;
    }
  return TRUE;
}

GrSecondaryFacts *
gr_ssh_probe_secondary (const GrSshTarget *target,
                        const char *volume,
                        GError **error)
{
  g_autoptr (GrSshConn) conn = NULL;
  g_autoptr (GrSecondaryFacts) probe = g_new0 (GrSecondaryFacts, 1);
  g_autofree char *input = NULL;

  if (!check_request (target, volume, error))
    return NULL;
  conn = gr_ssh_conn_open_key (target, gr_ssh_deadline (target), error);
  if (conn == NULL)
    return NULL;
  input = g_strconcat (volume, "\n", NULL);
  probe->rsync = -1;
  if (!ask_gluster (conn, probe, input, error))
    return NULL;
  if (!g_str_equal (target->user, "root") &&
      !run (conn, PROBE_VOLFILE_COMMAND, NULL, &probe->glusterd_vol, NULL,
            error))
    return NULL;
  return g_steal_pointer (&probe);
}

typedef struct {
  GrSshTarget *target;
  char *volume;
} GrProbeJob;

static void
probe_job_free (GrProbeJob *job)
{
  gr_ssh_target_free (job->target);
  g_free (job->volume);
  g_free (job);
}

static void
probe_thread (GTask *task,
              gpointer source,
              gpointer data,
              GCancellable *cancellable)
{
  GrProbeJob *job = data;
  GError *error = NULL;
  GrSecondaryFacts *probe;

  if (g_task_return_error_if_cancelled (task))
    return;
  probe = gr_ssh_probe_secondary (job->target, job->volume, &error);
  gr_ssh_error_clean (error);
  if (probe == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, probe,
                           (GDestroyNotify) gr_secondary_facts_free);
}

void
gr_ssh_probe_secondary_async (const GrSshTarget *target,
                              const char *volume,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GrProbeJob *job = g_new0 (GrProbeJob, 1);

  job->target = gr_ssh_target_copy (target);
  job->volume = g_strdup (volume);
  g_task_set_source_tag (task, gr_ssh_probe_secondary_async);
  g_task_set_task_data (task, job, (GDestroyNotify) probe_job_free);
  g_task_run_in_thread (task, probe_thread);
}

GrSecondaryFacts *
gr_ssh_probe_secondary_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
