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
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "gr-gluster-hooks.h"

/* Of a process's arguments only the start is read: an interpreter and the
 * hook script, or gluster's words, come first. A local user's process
 * can have megabytes of them. */
#define CMDLINE_MAX 4096
/* status and stat are a few hundred bytes. */
#define STATUS_MAX 8192

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

/* A file of /proc/@pid, NUL-terminated, its first @max bytes at most;
 * NULL when the process is gone. */
static char *
proc_file (const char *proc,
           const char *pid,
           const char *name,
           gsize max,
           gsize *length)
{
  g_autofree char *path = g_build_filename (proc, pid, name, NULL);
  g_autofree char *contents = g_malloc (max + 1);
  gsize got = 0;
  ssize_t n = 1;
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

  if (fd < 0)
    return NULL;
  while (got < max && n > 0)
    {
      n = read (fd, contents + got, max - got);
      if (n < 0 && errno == EINTR)
        n = 1;
      else if (n > 0)
        got += n;
    }
  close (fd);
  if (n < 0)
    return NULL;
  contents[got] = '\0';
  if (length)
    *length = got;
  return g_steal_pointer (&contents);
}

/* Real and effective user both root ("Uid:\tR\tE\tS\tFS" in status). */
static gboolean
process_is_root (const char *proc, const char *pid)
{
  g_autofree char *status = proc_file (proc, pid, "status", STATUS_MAX, NULL);
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
parent_of (const char *proc, const char *pid)
{
  g_autofree char *stat = proc_file (proc, pid, "stat", STATUS_MAX, NULL);
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

/* The process's name (comm: at most 16 bytes), without the newline. */
static char *
proc_comm (const char *proc, const char *pid)
{
  char *comm = proc_file (proc, pid, "comm", 64, NULL);

  return comm ? g_strchomp (comm) : NULL;
}

static gboolean
started_by_glusterd (const char *proc, const char *pid)
{
  g_autofree char *parent = parent_of (proc, pid);
  g_autofree char *comm = parent ? proc_comm (proc, parent) : NULL;

  return comm != NULL && strcmp (comm, "glusterd") == 0 &&
         process_is_root (proc, parent);
}

/* The first arguments of process @pid, from the first CMDLINE_MAX bytes
 * (a long last one cut there); NULL when it has none, or is gone (a
 * process may exit between readdir and the read). */
static GStrv
proc_args (const char *proc, const char *pid)
{
  gsize length = 0;
  g_autofree char *cmdline =
      proc_file (proc, pid, "cmdline", CMDLINE_MAX, &length);
  g_autoptr (GStrvBuilder) builder = NULL;

  if (cmdline == NULL || length == 0)
    return NULL;
  builder = g_strv_builder_new ();
  for (const char *arg = cmdline; arg < cmdline + length;
       arg += strlen (arg) + 1)
    g_strv_builder_add (builder, arg);
  return g_strv_builder_end (builder);
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

/* Whether process @pid holds gluster back: run by root, either glusterd's
 * child running a file below @prefix, or a gluster CLI creating a
 * push-pem session. Owner and parent come first: the arguments of the
 * processes of other users, or of root's other processes, are never
 * read. */
static gboolean
process_holds_gluster (const char *proc, const char *pid, const char *prefix)
{
  g_autofree char *comm = NULL;
  g_auto (GStrv) args = NULL;
  gboolean cli, child;

  if (!process_is_root (proc, pid))
    return FALSE;
  comm = proc_comm (proc, pid);
  cli = comm != NULL && strcmp (comm, "gluster") == 0;
  child = started_by_glusterd (proc, pid);
  if (!cli && !child)
    return FALSE;
  args = proc_args (proc, pid);
  if (args == NULL)
    return FALSE;
  return (cli &&
          gr_gluster_args_create_push_pem ((const char *const *) args)) ||
         (child && command_line_runs_hook ((const char *const *) args, prefix));
}

gboolean
gr_gluster_hooks_busy_in (const char *proc_dir, const char *hooks_dir)
{
  g_autofree char *prefix = g_strconcat (hooks_dir, "/", NULL);
  g_autoptr (GDir) proc = g_dir_open (proc_dir, 0, NULL);
  const char *name;

  if (proc == NULL)
    return FALSE;
  while ((name = g_dir_read_name (proc)) != NULL)
    if (g_ascii_isdigit (name[0]) &&
        process_holds_gluster (proc_dir, name, prefix))
      return TRUE;
  return FALSE;
}

gboolean
gr_hook_wait_check (GrHookWait *wait, const char *hooks_dir, gint64 now)
{
  return gr_hook_wait_check_in (wait, "/proc", hooks_dir, now);
}

gboolean
gr_hook_wait_check_in (GrHookWait *wait,
                       const char *proc_dir,
                       const char *hooks_dir,
                       gint64 now)
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
  if (gr_gluster_hooks_busy_in (proc_dir, hooks_dir))
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
