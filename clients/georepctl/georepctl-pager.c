/* georepctl: long output through a pager, with systemd's conventions:
 * $SYSTEMD_PAGER, else $PAGER, else less; "" or cat for none; only when
 * standard output is a terminal; less gets $SYSTEMD_LESS or FRSXMK
 * (quit at the end of a short output, keep colours, chop long lines, no
 * screen clearing, long prompt, quit on Ctrl-C). --no-pager and a pipe
 * never page. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "georepctl-pager.h"

static GPid pager_pid;

GStrv
ctl_pager_argv (const char *systemd_pager, const char *pager)
{
  const char *command = systemd_pager ? systemd_pager : pager;
  g_autofree char *stripped =
      g_strstrip (g_strdup (command ? command : "less"));
  char **argv = NULL;

  if (*stripped == '\0' || g_str_equal (stripped, "cat"))
    return NULL;
  if (!g_shell_parse_argv (stripped, NULL, &argv, NULL))
    return NULL;
  return argv;
}

static GStrv
pager_environment (void)
{
  const char *less = g_getenv ("SYSTEMD_LESS");
  char **env = g_get_environ ();

  env = g_environ_setenv (env, "LESS", less ? less : "FRSXMK", TRUE);
  if (g_get_charset (NULL))
    env = g_environ_setenv (env, "LESSCHARSET", "utf-8", FALSE);
  return env;
}

void
ctl_pager_start (void)
{
  g_auto (GStrv) argv = NULL;
  g_auto (GStrv) env = NULL;
  int input = -1;

  if (pager_pid != 0 || !isatty (STDOUT_FILENO))
    return;
  argv = ctl_pager_argv (g_getenv ("SYSTEMD_PAGER"), g_getenv ("PAGER"));
  if (argv == NULL)
    return;
  env = pager_environment ();
  fflush (stdout);
  /* A pager that cannot start leaves the output on the terminal. */
  if (!g_spawn_async_with_pipes (
          NULL, argv, env, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
          NULL, NULL, &pager_pid, &input, NULL, NULL, NULL))
    {
      pager_pid = 0;
      return;
    }
  dup2 (input, STDOUT_FILENO);
  close (input);
}

/* The pager ends when it has read everything (or the user quits it);
 * georepctl exits after it, so that the shell prompt comes back last. */
void
ctl_pager_stop (void)
{
  int status;

  if (pager_pid == 0)
    return;
  fflush (stdout);
  close (STDOUT_FILENO);
  waitpid (pager_pid, &status, 0);
  g_spawn_close_pid (pager_pid);
  pager_pid = 0;
}
