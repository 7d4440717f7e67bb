/* georepctl: how pkttyagent is started for a process, depending on
 * whether that process runs in a logind session, as libsystemd's sd-login
 * answers it (from the process's cgroup: logind puts each session in a
 * scope unit session-ID.scope).
 *
 * polkit consults a --fallback agent only after it found the caller's
 * login session (and no agent of the session's own, e.g. a desktop's).
 * Outside a logind session (su, containers, ssh without pam_systemd) a
 * fallback agent would never be asked, so it must not be one there. */
#include <systemd/sd-login.h>

#include "georepctl-login.h"

gboolean
ctl_in_login_session (pid_t pid)
{
  g_autofree char *session = NULL;

  return sd_pid_get_session (pid, &session) >= 0;
}

/* @program registers for @pid, and closes @notify_fd once registered. */
GStrv
ctl_agent_argv (const char *program, pid_t pid, int notify_fd)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *fd = g_strdup_printf ("%d", notify_fd);
  g_autofree char *process = g_strdup_printf ("%d", (int) pid);

  g_strv_builder_add_many (builder, program, "--notify-fd", fd, NULL);
  if (ctl_in_login_session (pid))
    g_strv_builder_add (builder, "--fallback");
  g_strv_builder_add_many (builder, "--process", process, NULL);
  return g_strv_builder_end (builder);
}
