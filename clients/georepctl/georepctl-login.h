/* georepctl: whether the caller runs in a logind session, from its
 * cgroup; what sd_pid_get_session () answers, without libsystemd. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *ctl_cgroup_session (const char *own_cgroups, const char *init_cgroups);
gboolean ctl_in_login_session (void);

G_END_DECLS
