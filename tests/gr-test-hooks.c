/* STAND-INs for glusterd's hook scripts, which the real glusterd runs
 * only for a moment: see gr-test-hooks.h. */
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gr-test-hooks.h"
#include "gr-test-util.h"

static void
own_group_dying_with_test (gpointer data)
{
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static gboolean
cmdline_has (const char *pid, const char *argument)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "cmdline", NULL);
  g_autofree char *cmdline = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &cmdline, &length, NULL))
    return FALSE;
  for (const char *arg = cmdline; arg < cmdline + length;
       arg += strlen (arg) + 1)
    if (strcmp (arg, argument) == 0)
      return TRUE;
  return FALSE;
}

gboolean
gr_test_process_names (gpointer argument)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *pid;

  while ((pid = g_dir_read_name (proc)) != NULL)
    if (g_ascii_isdigit (pid[0]) && cmdline_has (pid, argument))
      return TRUE;
  return FALSE;
}

GPid
gr_test_hook_start (const char *dir,
                    const char *command,
                    gboolean as_glusterd,
                    const char *argument)
{
  g_autofree char *link = g_build_filename (dir, "glusterd", NULL);
  g_autofree char *line = g_strdup_printf ("%s & wait", command);
  const char *argv[] = { as_glusterd ? link : "/bin/sh", "-c", line, NULL };
  g_autoptr (GError) error = NULL;
  GPid pid;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  if (!g_file_test (link, G_FILE_TEST_EXISTS))
    g_assert_cmpint (symlink ("/bin/sh", link), ==, 0);
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD,
                                own_group_dying_with_test, NULL, &pid, &error));
  g_assert_true (
      gr_test_wait_for (gr_test_process_names, (gpointer) argument, 5000));
  return pid;
}

void
gr_test_hook_stop (GPid pid)
{
  kill (-pid, SIGKILL);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
}

GPid
gr_test_hook_standin (const char *dir, const char *script)
{
  g_autofree char *command = g_strdup_printf ("/bin/sh %s", script);
  g_autofree char *script_dir = g_path_get_dirname (script);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (script_dir, 0755), ==, 0);
  g_assert_true (
      g_file_set_contents (script, GR_TEST_HOOK_LOOP "\n", -1, &error));
  return gr_test_hook_start (dir, command, TRUE, script);
}
