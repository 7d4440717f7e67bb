/* georepctl: the polkit text agent's command line, which depends on
 * whether the caller runs in a logind session. */
#pragma once

#include <sys/types.h>

#include <glib.h>

G_BEGIN_DECLS

gboolean ctl_in_login_session (pid_t pid);
GStrv ctl_agent_argv (const char *program, pid_t pid, int notify_fd);

G_END_DECLS
