/* georepctl: a polkit text agent for the duration of one call.
 *
 * A non-root admin at a terminal may have no graphical polkit agent, so
 * polkit would have nobody to ask for the password. pkttyagent registers
 * for our process, reads the password on the terminal, and tells us on a
 * pipe (--notify-fd) once it is registered: only then may the call go out,
 * or polkit could look for an agent before there is one. It is killed
 * when the call returns. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <glib-unix.h>

#include "georepctl-login.h"
#include "georepctl.h"

/* How long an agent may take to register before we go on without it. */
#define AGENT_READY_TIMEOUT_MS 10000
#define AGENT_NOTIFY_FD 3

struct CtlAgent {
  GSubprocess *process;
};

/* Root needs no password, and without a terminal there is nobody to
 * type one (stdin, not stdout: this is about input). */
static char *
agent_program (void)
{
  if (geteuid () == 0 || !isatty (STDIN_FILENO))
    return NULL;
  return g_find_program_in_path ("pkttyagent");
}

static void
wait_until_ready (int notify_fd)
{
  struct pollfd pfd = { .fd = notify_fd, .events = POLLIN };
  int r;

  /* The agent closes the fd once registered, or dies: both end the wait. */
  do
    r = poll (&pfd, 1, AGENT_READY_TIMEOUT_MS);
  while (r < 0 && errno == EINTR);
}

static GSubprocessLauncher *
new_launcher (int tty, int notify_write)
{
  GSubprocessLauncher *launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);

  /* The agent talks to the terminal even when our stdout is a pipe. */
  g_subprocess_launcher_take_stdin_fd (launcher, dup (tty));
  g_subprocess_launcher_take_stdout_fd (launcher, tty);
  g_subprocess_launcher_take_fd (launcher, notify_write, AGENT_NOTIFY_FD);
  return launcher;
}

static GSubprocess *
spawn_agent (const char *program, int notify_write, GError **error)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_auto (GStrv) argv = ctl_agent_argv (program, getpid (), AGENT_NOTIFY_FD);
  int tty = open ("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);

  if (tty < 0)
    {
      close (notify_write);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _ ("Cannot open the terminal"));
      return NULL;
    }
  /* Freeing the launcher closes our copy of the pipe's write end, so
   * that the agent's close is seen as end of file. */
  launcher = new_launcher (tty, notify_write);
  return g_subprocess_launcher_spawnv (launcher, (const char *const *) argv,
                                       error);
}

/* Best effort: without an agent the call still goes out, and polkit
 * then answers NotAuthorized if a password was needed. */
CtlAgent *
ctl_agent_start (void)
{
  g_autofree char *program = agent_program ();
  g_autoptr (GError) error = NULL;
  CtlAgent *agent;
  GSubprocess *process;
  int pipe_fds[2];

  if (program == NULL)
    return NULL;
  if (!g_unix_open_pipe (pipe_fds, FD_CLOEXEC, &error))
    {
      g_printerr (_ ("georepctl: starting the polkit agent: %s\n"),
                  error->message);
      return NULL;
    }
  process = spawn_agent (program, pipe_fds[1], &error);
  if (process == NULL)
    {
      close (pipe_fds[0]);
      g_printerr (_ ("georepctl: starting the polkit agent: %s\n"),
                  error->message);
      return NULL;
    }
  wait_until_ready (pipe_fds[0]);
  close (pipe_fds[0]);
  agent = g_new0 (CtlAgent, 1);
  agent->process = process;
  return agent;
}

void
ctl_agent_stop (CtlAgent *agent)
{
  if (agent == NULL)
    return;
  g_subprocess_send_signal (agent->process, SIGTERM);
  g_subprocess_wait (agent->process, NULL, NULL);
  g_object_unref (agent->process);
  g_free (agent);
}
