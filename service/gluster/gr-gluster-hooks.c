/* georepd: glusterd's hook scripts, seen from /proc.
 *
 * glusterd runs hook scripts after a transaction has returned: the
 * gsync-create post hook of `create push-pem` runs three gluster commands
 * over ssh, glusterfind's delete hook runs `gluster system:: getwd`. A
 * command of ours that reaches glusterd meanwhile can leave both waiting
 * until each of the hook's commands times out (120 s apiece, seen in
 * glusterd.log as silent gaps of 120 and 360 s). So the runner lets
 * running hooks finish before it starts the next command.
 *
 * Anyone can start a process whose command line names a file below the
 * hooks directory, so only a process that glusterd itself started counts:
 * run by root, its parent a glusterd run by root. And the total time
 * spent waiting is bounded (gr_hook_wait_check), so that even glusterd's
 * own hooks, started again and again, cannot hold georepd back for long.
 *
 * The hook of a push-pem create starts only once glusterd has committed
 * the session, and a command that reaches glusterd in between is caught
 * the same way (a refresh on the new session directory, started while
 * someone's `gluster … create push-pem` ran, stalled glusterd 6 min). So
 * a push-pem create under way counts as a hook too, and so do the first
 * seconds after a hook or such a create was last seen. */
#include <string.h>

#include "gr-gluster-hooks.h"

/* At most this much waiting in any window of this length. A command run
 * while a hook runs stalls glusterd for 120 s per command of the hook, so
 * running regardless makes matters worse: the budget is there only for
 * hooks that never end. 90 s proved too little for a busy node (a test
 * suite creating a dozen push-pem sessions in ten minutes spent it, then
 * stalled every hook after). */
#define WAIT_BUDGET_US (300 * G_USEC_PER_SEC)
#define WAIT_WINDOW_US (600 * G_USEC_PER_SEC)
/* How long after a push-pem create ended its hook may take to appear:
 * glusterd starts it from a worker thread right after the commit. */
#define SETTLE_US (2 * G_USEC_PER_SEC)

/* Any argument naming a file below the hooks directory: the interpreter
 * is argv[0], the script argv[1]. */
static gboolean
command_line_runs_hook (const char *const *args, const char *prefix)
{
  for (; *args != NULL; args++)
    if (g_str_has_prefix (*args, prefix))
      return TRUE;
  return FALSE;
}

/* A file of /proc/@pid, NUL-terminated; NULL when the process is gone. */
static char *
proc_file (const char *pid, const char *name, gsize *length)
{
  g_autofree char *path = g_build_filename ("/proc", pid, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, length, NULL))
    return NULL;
  return contents;
}

/* Real and effective user both root ("Uid:\tR\tE\tS\tFS" in status). */
static gboolean
process_is_root (const char *pid)
{
  g_autofree char *status = proc_file (pid, "status", NULL);
  const char *uid = status ? strstr (status, "\nUid:") : NULL;
  guint64 real, effective;
  char *end;

  if (uid == NULL)
    return FALSE;
  real = g_ascii_strtoull (uid + strlen ("\nUid:"), &end, 10);
  if (end == uid + strlen ("\nUid:"))
    return FALSE;
  effective = g_ascii_strtoull (end, &end, 10);
  return real == 0 && effective == 0;
}

/* The parent's pid from stat: "PID (COMM) STATE PPID …", where COMM may
 * hold spaces and parentheses, so the fields start after the last ')'. */
static char *
parent_of (const char *pid)
{
  g_autofree char *stat = proc_file (pid, "stat", NULL);
  const char *after = stat ? strrchr (stat, ')') : NULL;
  guint64 ppid;
  char *end;

  if (after == NULL || strlen (after) < 5)
    return NULL;
  ppid = g_ascii_strtoull (after + 4, &end, 10);
  if (end == after + 4 || ppid == 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT, ppid);
}

static gboolean
started_by_glusterd (const char *pid)
{
  g_autofree char *parent = parent_of (pid);
  g_autofree char *comm = parent ? proc_file (parent, "comm", NULL) : NULL;

  return comm != NULL && strcmp (g_strchomp (comm), "glusterd") == 0 &&
         process_is_root (parent);
}

/* The arguments of process @pid; NULL when it has none, or is gone (a
 * process may exit between readdir and the read). */
static GStrv
proc_args (const char *pid)
{
  gsize length = 0;
  g_autofree char *cmdline = proc_file (pid, "cmdline", &length);
  g_autoptr (GStrvBuilder) builder = NULL;

  if (cmdline == NULL || length == 0)
    return NULL;
  builder = g_strv_builder_new ();
  for (const char *arg = cmdline; arg < cmdline + length;
       arg += strlen (arg) + 1)
    g_strv_builder_add (builder, arg);
  return g_strv_builder_end (builder);
}

static gboolean
process_runs_hook (const char *pid, const char *prefix)
{
  g_auto (GStrv) args = proc_args (pid);

  if (args == NULL ||
      !command_line_runs_hook ((const char *const *) args, prefix))
    return FALSE;
  return process_is_root (pid) && started_by_glusterd (pid);
}

gboolean
gr_gluster_args_create_push_pem (const char *const *args)
{
  gboolean geo_replication = FALSE, create = FALSE, push_pem = FALSE;

  for (; *args != NULL; args++)
    {
      geo_replication |= strcmp (*args, "geo-replication") == 0;
      create |= strcmp (*args, "create") == 0;
      push_pem |= strcmp (*args, "push-pem") == 0;
    }
  return geo_replication && create && push_pem;
}

/* A gluster CLI run by root, creating a push-pem session. */
static gboolean
process_creates_push_pem (const char *pid)
{
  g_autofree char *comm = proc_file (pid, "comm", NULL);
  g_auto (GStrv) args = NULL;

  if (comm == NULL || strcmp (g_strchomp (comm), "gluster") != 0)
    return FALSE;
  args = proc_args (pid);
  return args != NULL &&
         gr_gluster_args_create_push_pem ((const char *const *) args) &&
         process_is_root (pid);
}

gboolean
gr_gluster_hooks_busy (const char *hooks_dir)
{
  g_autofree char *prefix = g_strconcat (hooks_dir, "/", NULL);
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  if (proc == NULL)
    return FALSE;
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      if (!g_ascii_isdigit (name[0]))
        continue;
      if (process_runs_hook (name, prefix) || process_creates_push_pem (name))
        return TRUE;
    }
  return FALSE;
}

gboolean
gr_hook_wait_check (GrHookWait *wait, const char *hooks_dir, gint64 now)
{
  if (wait->window_start == 0 || now - wait->window_start >= WAIT_WINDOW_US)
    {
      wait->window_start = now;
      wait->waited = 0;
    }
  /* The time since the last check was spent waiting. */
  if (wait->last_check != 0)
    wait->waited += now - wait->last_check;
  wait->last_check = 0;
  if (hooks_dir == NULL)
    return FALSE;
  if (gr_gluster_hooks_busy (hooks_dir))
    wait->settle_until = now + SETTLE_US;
  else if (now >= wait->settle_until)
    return FALSE;
  if (wait->waited >= WAIT_BUDGET_US)
    {
      if (!wait->warned)
        g_warning ("glusterd's hook scripts held gluster commands back for "
                   "%d s in the last %d s; running them regardless",
                   (int) (WAIT_BUDGET_US / G_USEC_PER_SEC),
                   (int) (WAIT_WINDOW_US / G_USEC_PER_SEC));
      wait->warned = TRUE;
      return FALSE;
    }
  wait->warned = FALSE;
  wait->last_check = now;
  return TRUE;
}

void
gr_hook_wait_settle (GrHookWait *wait, gint64 now)
{
  wait->settle_until = MAX (wait->settle_until, now + SETTLE_US);
}
