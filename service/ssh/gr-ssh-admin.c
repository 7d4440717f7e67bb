/* georepd: root's work on a secondary host for a mountbroker user
 * (gr-ssh-admin.h).
 *
 * Like every remote command of the SSH layer, these are constants run by
 * /bin/sh -c; the names come on stdin, one per line, into variables only
 * ever expanded in double quotes, after validation (none starts with '-').
 * Each step exits with its own status, which says what failed. */
#include <string.h>

#include "gr-error.h"
#include "gr-ssh-admin.h"
#include "gr-ssh-private.h"
#include "gr-validate.h"

#define ADMIN_PATH "PATH=\"$PATH:/usr/sbin:/sbin:/usr/local/sbin\"; "
/* gluster-mountbroker prints a table; a node that failed says NOT OK. */
#define ADMIN_MOUNTBROKER_STEP(words, status)                                  \
  "o=$(gluster-mountbroker " words " 2>&1); "                                  \
  "if [ $? -ne 0 ] || printf \"%s\" \"$o\" | grep -q \"NOT OK\"; then "        \
  "printf \"%s\\n\" \"$o\" | grep -v \"^[+-]\" | tail -n 3 >&2; "              \
  "exit " #status "; fi; "

/* Setup (idempotent), the user's volume, a glusterd restart, then wait
 * until glusterd answers again: sessions into the user need it. */
#define ADMIN_MOUNTBROKER_COMMAND                                              \
  "/bin/sh -c '" ADMIN_PATH                                                    \
  "IFS= read -r v && IFS= read -r u && IFS= read -r g && IFS= read -r r "      \
  "|| exit 3; "                                                                \
  "[ \"$(id -u)\" = 0 ] || { echo \"not logged in as root\" >&2; exit 4; }; "  \
  "id -u -- \"$u\" >/dev/null 2>&1 || "                                        \
  "{ echo \"there is no user $u\" >&2; exit 5; }; "                            \
  "[ -n \"$g\" ] || g=$(id -gn -- \"$u\"); "                                   \
  "getent group \"$g\" >/dev/null || "                                         \
  "{ echo \"there is no group $g\" >&2; exit 6; }; "                           \
  "id -Gn -- \"$u\" | tr \" \" \"\\n\" | grep -qx -- \"$g\" || "               \
  "usermod -a -G \"$g\" -- \"$u\" || exit 6; "                                 \
  "command -v gluster-mountbroker >/dev/null 2>&1 || exit "                    \
  "127; " ADMIN_MOUNTBROKER_STEP ("setup \"$r\" \"$g\"", 7)                    \
      ADMIN_MOUNTBROKER_STEP (                                                 \
          "add \"$v\" \"$u\"",                                                 \
          8) "systemctl restart glusterd >&2 || exit 9; "                      \
             "i=0; until gluster --mode=script pool list >/dev/null 2>&1; do " \
             "i=$((i+1)); [ $i -lt 60 ] || exit 10; sleep 1; done'"

/* gluster installs the script in its libexec directory, which differs
 * between distributions. */
#define ADMIN_KEYS_COMMAND                                                     \
  "/bin/sh -c '" ADMIN_PATH                                                    \
  "IFS= read -r u && IFS= read -r p && IFS= read -r s || exit 3; "             \
  "[ \"$(id -u)\" = 0 ] || { echo \"not logged in as root\" >&2; exit 4; }; "  \
  "for f in /usr/libexec/glusterfs/set_geo_rep_pem_keys.sh "                   \
  "/usr/lib/*/glusterfs/set_geo_rep_pem_keys.sh "                              \
  "/usr/local/libexec/glusterfs/set_geo_rep_pem_keys.sh; do "                  \
  "[ -x \"$f\" ] && exec \"$f\" \"$u\" \"$p\" \"$s\" >&2; done; exit 127'"

#define KEYS_SCRIPT "/usr/libexec/glusterfs/set_geo_rep_pem_keys.sh"

static gboolean
validate_root_dir (const char *path, GError **error)
{
  if (path == NULL || path[0] != '/' || strstr (path, "..") != NULL ||
      strlen (path) > 255)
    goto refused;
  for (const char *p = path; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("/._-", *p))
      goto refused;
  return TRUE;
refused:
  g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
               "Invalid mountbroker root: an absolute path of letters, "
               "digits, '/', '.', '_' and '-' without \"..\"");
  return FALSE;
}

gboolean
gr_ssh_admin_validate (GrSshAdminTask task,
                       const char *const *words,
                       GError **error)
{
  guint n = g_strv_length ((char **) words);

  switch (task)
    {
      case GR_SSH_ADMIN_MOUNTBROKER:
        return n == 4 && gr_validate_volume (words[0], error) &&
               gr_validate_user (words[1], error) &&
               (*words[2] == '\0' || gr_validate_user (words[2], error)) &&
               validate_root_dir (words[3], error);
      case GR_SSH_ADMIN_SESSION_KEYS:
        return n == 3 && gr_validate_user (words[0], error) &&
               gr_validate_volume (words[1], error) &&
               gr_validate_volume (words[2], error);
      default:
        g_assert_not_reached ();
    }
}

char *
gr_ssh_admin_commands (GrSshAdminTask task, const char *const *words)
{
  switch (task)
    {
      case GR_SSH_ADMIN_MOUNTBROKER:
        return g_strdup_printf ("gluster-mountbroker setup %s %s\n"
                                "gluster-mountbroker add %s %s\n"
                                "systemctl restart glusterd",
                                words[3], *words[2] ? words[2] : "GROUP",
                                words[0], words[1]);
      case GR_SSH_ADMIN_SESSION_KEYS:
        return g_strdup_printf ("%s %s %s %s", KEYS_SCRIPT, words[0], words[1],
                                words[2]);
      default:
        g_assert_not_reached ();
    }
}

/* What a failed step's exit status means. */
static const char *
step_failed (GrSshAdminTask task, int status)
{
  switch (status)
    {
      case 4:
        return "the destination does not log in as root";
      case 5:
        return "the user does not exist there";
      case 6:
        return "the group does not exist there";
      case 7:
        return "gluster-mountbroker setup failed";
      case 8:
        return "gluster-mountbroker add failed";
      case 9:
        return "restarting glusterd failed";
      case 10:
        return "glusterd did not answer within a minute of its restart";
      case 127:
        return task == GR_SSH_ADMIN_MOUNTBROKER
                   ? "gluster-mountbroker is not installed there"
                   : "set_geo_rep_pem_keys.sh is not installed there";
      default:
        return task == GR_SSH_ADMIN_MOUNTBROKER
                   ? "the mountbroker setup failed"
                   : "set_geo_rep_pem_keys.sh failed";
    }
}

static gboolean
run_admin (const GrSshTarget *target,
           GrSshAdminTask task,
           const char *const *words,
           GError **error)
{
  g_autoptr (GrSshConn) conn = NULL;
  g_autofree char *joined = g_strjoinv ("\n", (char **) words);
  g_autofree char *input = NULL, *out = NULL, *err = NULL, *said = NULL;
  int status = -1;

  if (!gr_ssh_admin_validate (task, words, error))
    return FALSE;
  conn = gr_ssh_conn_open_key (target, gr_ssh_deadline (target), error);
  if (conn == NULL)
    return FALSE;
  input = g_strconcat (joined, "\n", NULL);
  if (!gr_ssh_exec (conn,
                    task == GR_SSH_ADMIN_MOUNTBROKER ? ADMIN_MOUNTBROKER_COMMAND
                                                     : ADMIN_KEYS_COMMAND,
                    input, &out, &err, &status, error))
    return FALSE;
  if (status == 0)
    return TRUE;
  said = gr_ssh_first_line (err && *err ? err : out);
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED, "On %s: %s%s%s", target->host,
               step_failed (task, status), *said ? ": " : "", said);
  return FALSE;
}

typedef struct {
  GrSshTarget *target;
  GrSshAdminTask task;
  char **words;
} GrAdminJob;

static void
admin_job_free (GrAdminJob *job)
{
  gr_ssh_target_free (job->target);
  g_strfreev (job->words);
  g_free (job);
}

static void
admin_thread (GTask *task,
              gpointer source,
              gpointer data,
              GCancellable *cancellable)
{
  GrAdminJob *job = data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (run_admin (job->target, job->task, (const char *const *) job->words,
                 &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
gr_ssh_admin_async (const GrSshTarget *target,
                    GrSshAdminTask task,
                    const char *const *words,
                    GCancellable *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer user_data)
{
  g_autoptr (GTask) gtask = g_task_new (NULL, cancellable, callback, user_data);
  GrAdminJob *job = g_new0 (GrAdminJob, 1);

  job->target = gr_ssh_target_copy (target);
  job->task = task;
  job->words = g_strdupv ((char **) words);
  g_task_set_source_tag (gtask, gr_ssh_admin_async);
  g_task_set_task_data (gtask, job, (GDestroyNotify) admin_job_free);
  g_task_run_in_thread (gtask, admin_thread);
}

gboolean
gr_ssh_admin_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
