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

/* The mountbroker group gets the user as a member, and gluster-mountbroker
 * opens its log directory to it: only a group dedicated to that user
 * (created when missing) is taken, never one with other members or a
 * system GID (below GID_MIN of login.defs). The exit statuses name the
 * refusal (step_failed). */
#define ADMIN_GROUP_CHECK                                                      \
  "if getent group \"$g\" >/dev/null; then "                                   \
  "gid=$(getent group \"$g\" | cut -d: -f3); "                                 \
  "min=$(awk \"\\$1 == \\\"GID_MIN\\\" { print \\$2 }\" /etc/login.defs "      \
  "2>/dev/null); "                                                             \
  "[ \"$gid\" -ge \"${min:-1000}\" ] 2>/dev/null || exit 11; "                 \
  "getent group \"$g\" | cut -d: -f4 | tr , \"\\n\" | grep -vx -- \"$u\" | "   \
  "grep -q . && exit 12; "                                                     \
  "getent passwd | awk -F: -v g=\"$gid\" -v u=\"$u\" "                         \
  "\"\\$4 == g && \\$1 != u { f = 1 } END { exit !f }\" && exit 12; "          \
  "else groupadd -- \"$g\" || exit 6; fi; "

/* gluster-mountbroker makes the root 0711 and relabels it: a path that
 * passes through a symbolic link is refused. */
#define ADMIN_ROOT_CHECK                                                       \
  "[ \"$(readlink -m -- \"$r\")\" = \"$r\" ] || exit 13; "

/* Setup (idempotent), the user's volume, a glusterd restart, then wait
 * until glusterd answers again: sessions into the user need it. */
#define ADMIN_MOUNTBROKER_COMMAND                                              \
  "/bin/sh -c '" ADMIN_PATH                                                    \
  "IFS= read -r v && IFS= read -r u && IFS= read -r g && IFS= read -r r "      \
  "|| exit 3; "                                                                \
  "[ \"$(id -u)\" = 0 ] || { echo \"not logged in as root\" >&2; exit 4; }; "  \
  "id -u -- \"$u\" >/dev/null 2>&1 || "                                        \
  "{ echo \"there is no user $u\" >&2; exit 5; }; "                            \
  "[ -n \"$g\" ] || g=$(id -gn -- \"$u\"); " ADMIN_ROOT_CHECK                  \
      ADMIN_GROUP_CHECK                                                        \
  "id -Gn -- \"$u\" | tr \" \" \"\\n\" | grep -qx -- \"$g\" || "               \
  "usermod -a -G \"$g\" -- \"$u\" || exit 6; "                                 \
  "command -v gluster-mountbroker >/dev/null 2>&1 || exit "                    \
  "127; " ADMIN_MOUNTBROKER_STEP ("setup \"$r\" \"$g\"", 7)                    \
      ADMIN_MOUNTBROKER_STEP (                                                 \
          "add \"$v\" \"$u\"",                                                 \
          8) "systemctl restart glusterd >&2 || exit 9; "                      \
             "i=0; until gluster --mode=script pool list >/dev/null 2>&1; do " \
             "i=$((i+1)); [ $i -lt 60 ] || exit 10; sleep 1; done'"

/* As the user (runuser): add each key line from stdin to the user's own
 * ~/.ssh/authorized_keys unless there. Run as root, the same append
 * would follow a link the user made to any file of root's. */
#define ADMIN_KEYS_AS_USER                                                     \
  "umask 077; cd && mkdir -p .ssh && touch .ssh/authorized_keys && "           \
  "while IFS= read -r l; do [ -z \\\"\\$l\\\" ] || "                           \
  "grep -qxF -- \\\"\\$l\\\" .ssh/authorized_keys || "                         \
  "printf \\\"%s\\\\n\\\" \\\"\\$l\\\" >>.ssh/authorized_keys || exit 1; done"

/* The session's keys (the primary's common_secret.pem.pub, after the
 * names on stdin) into the user's authorized_keys on this host, then the
 * secondary volume read-only for other clients, as gluster's
 * set_geo_rep_pem_keys.sh would. That script is not used: it copies a
 * file from the user's home as root, following links. */
#define ADMIN_KEYS_COMMAND                                                     \
  "/bin/sh -c '" ADMIN_PATH                                                    \
  "IFS= read -r u && IFS= read -r p && IFS= read -r s || exit 3; "             \
  "[ \"$(id -u)\" = 0 ] || { echo \"not logged in as root\" >&2; exit 4; }; "  \
  "[ \"$u\" != root ] && id -u -- \"$u\" >/dev/null 2>&1 || "                  \
  "{ echo \"there is no user $u\" >&2; exit 5; }; "                            \
  "runuser -u \"$u\" -- /bin/sh -c \"" ADMIN_KEYS_AS_USER                      \
  "\" >&2 || exit 14; "                                                        \
  "gluster --mode=script volume set \"$s\" features.read-only on >&2 "         \
  "|| exit 15'"

/* What the admin would run instead, for the errors. */
#define KEYS_COMMANDS                                                          \
  "runuser -u %s -- sh -c 'cat >>~/.ssh/authorized_keys' "                     \
  "<PRIMARY:/var/lib/glusterd/geo-replication/common_secret.pem.pub\n"         \
  "gluster volume set %s features.read-only on"

/* One component of a path below the prefix: not "", "." or "..". */
static gboolean
is_plain_component (const char *start, gsize len)
{
  if (len == 0 || len > 64 ||
      (start[0] == '.' && (len == 1 || (len == 2 && start[1] == '.'))))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (start[i]) && !strchr ("._-", start[i]))
      return FALSE;
  return TRUE;
}

/* GR_MOUNTBROKER_ROOT_DEFAULT or a directory below it: gluster-mountbroker
 * changes the mode and the SELinux context of the root as root. */
static gboolean
is_mountbroker_root (const char *path)
{
  const char *rest;

  if (!g_str_has_prefix (path, GR_MOUNTBROKER_ROOT_DEFAULT))
    return FALSE;
  rest = path + strlen (GR_MOUNTBROKER_ROOT_DEFAULT);
  while (*rest == '/')
    {
      const char *end = strchrnul (rest + 1, '/');

      if (!is_plain_component (rest + 1, end - rest - 1))
        return FALSE;
      rest = end;
    }
  return *rest == '\0' && strlen (path) <= 255;
}

static gboolean
validate_root_dir (const char *path, GError **error)
{
  if (path != NULL && is_mountbroker_root (path))
    return TRUE;
  g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
               "Invalid mountbroker root: " GR_MOUNTBROKER_ROOT_DEFAULT
               " or a directory below it (names of letters, digits, '.', "
               "'_' and '-')");
  return FALSE;
}

/* Public key lines: printable ASCII, at most GR_SSH_ADMIN_KEYS_MAX bytes. */
static gboolean
validate_keys (const char *keys, GError **error)
{
  gsize len = strlen (keys);

  for (gsize i = 0; i < len && len <= GR_SSH_ADMIN_KEYS_MAX; i++)
    if (!g_ascii_isprint (keys[i]) && keys[i] != '\n')
      len = G_MAXSIZE;
  if (len > 0 && len <= GR_SSH_ADMIN_KEYS_MAX)
    return TRUE;
  g_set_error_literal (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                       "Invalid session keys: lines of printable text");
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
        return n == 4 && gr_validate_user (words[0], error) &&
               gr_validate_volume (words[1], error) &&
               gr_validate_volume (words[2], error) &&
               validate_keys (words[3], error);
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
        return g_strdup_printf (KEYS_COMMANDS, words[0], words[2]);
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
        return "the group could not be created or joined there";
      case 7:
        return "gluster-mountbroker setup failed";
      case 8:
        return "gluster-mountbroker add failed";
      case 9:
        return "restarting glusterd failed";
      case 10:
        return "glusterd did not answer within a minute of its restart";
      case 11:
        return "the group has a system GID there: a dedicated group is "
               "needed (a new name is created)";
      case 12:
        return "the group has other members there: a dedicated group is "
               "needed (a new name is created)";
      case 13:
        return "the mountbroker root passes through a symbolic link there";
      case 14:
        return "the keys could not be added to the user's authorized_keys";
      case 15:
        return "the secondary volume could not be made read-only";
      case 127:
        return task == GR_SSH_ADMIN_MOUNTBROKER
                   ? "gluster-mountbroker is not installed there"
                   : "a command is missing there";
      default:
        return task == GR_SSH_ADMIN_MOUNTBROKER
                   ? "the mountbroker setup failed"
                   : "installing the session's keys failed";
    }
}

/* A refusal of what the caller chose is theirs to correct. */
static GrError
step_error_code (int status)
{
  return status >= 11 && status <= 13 ? GR_ERROR_INVALID_ARGUMENT
                                      : GR_ERROR_FAILED;
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
  g_set_error (error, GR_ERROR, step_error_code (status), "On %s: %s%s%s",
               target->host, step_failed (task, status), *said ? ": " : "",
               said);
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
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  gr_ssh_error_clean (error);
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
