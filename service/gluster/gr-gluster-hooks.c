/* georepd: glusterd's hook scripts, seen from /proc.
 *
 * glusterd runs hook scripts after a transaction has returned: the
 * gsync-create post hook of `create push-pem` runs three gluster commands
 * over ssh, glusterfind's delete hook runs `gluster system:: getwd`. A
 * command of ours that reaches glusterd meanwhile can leave both waiting
 * until each of the hook's commands times out (120 s apiece, seen in
 * glusterd.log as silent gaps of 120 and 360 s). So the runner lets
 * running hooks finish before it starts the next command. */
#include <string.h>

#include "gr-gluster-hooks.h"

/* Any argument naming a file below the hooks directory: the interpreter
 * is argv[0], the script argv[1]. */
static gboolean
command_line_runs_hook (const char *cmdline, gsize length, const char *prefix)
{
  const char *end = cmdline + length;
  gsize prefix_length = strlen (prefix);

  for (const char *arg = cmdline; arg < end; arg += strlen (arg) + 1)
    if (strncmp (arg, prefix, prefix_length) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
process_runs_hook (const char *pid, const char *prefix)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "cmdline", NULL);
  g_autofree char *cmdline = NULL;
  gsize length = 0;

  /* A process may exit between readdir and the read: not a hook then. */
  if (!g_file_get_contents (path, &cmdline, &length, NULL) || length == 0)
    return FALSE;
  return command_line_runs_hook (cmdline, length, prefix);
}

gboolean
gr_gluster_hook_running (const char *hooks_dir)
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
      if (process_runs_hook (name, prefix))
        return TRUE;
    }
  return FALSE;
}
