/* georepctl: whether the caller runs in a logind session, from its
 * cgroup; what sd_pid_get_session () answers, without libsystemd. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The hierarchy in which systemd tracks processes. */
typedef enum {
  CTL_CGROUP_UNIFIED, /* "0::", of cgroup v2 alone or beside v1 (hybrid) */
  CTL_CGROUP_NAMED,   /* "name=systemd", of cgroup v1 alone (legacy) */
} CtlCgroupHierarchy;

char *ctl_cgroup_session (const char *own_cgroups,
                          const char *init_cgroups,
                          CtlCgroupHierarchy hierarchy);
gboolean ctl_in_login_session (void);

G_END_DECLS
