/* Unit tests of georepctl's logind session lookup: the texts of
 * /proc/self/cgroup and /proc/1/cgroup as real systems show them. */
#include "georepctl-login.h"

/* PID 1 of a host: systemd in init.scope, on cgroup v2 and v1. */
#define INIT_V2 "0::/init.scope\n"
#define INIT_V1                                                                \
  "12:pids:/init.scope\n"                                                      \
  "3:cpu,cpuacct:/\n"                                                          \
  "1:name=systemd:/init.scope\n"                                               \
  "0::/init.scope\n"

static void
assert_session_in (CtlCgroupHierarchy hierarchy,
                   const char *own,
                   const char *init,
                   const char *expected)
{
  g_autofree char *session = ctl_cgroup_session (own, init, hierarchy);

  g_assert_cmpstr (session, ==, expected);
}

/* cgroup v2, alone or in the hybrid layout. */
static void
assert_session (const char *own, const char *init, const char *expected)
{
  assert_session_in (CTL_CGROUP_UNIFIED, own, init, expected);
}

static void
test_v2_session (void)
{
  assert_session ("0::/user.slice/user-1000.slice/session-3.scope\n", INIT_V2,
                  "3");
  assert_session ("0::/user.slice/user-0.slice/session-c12.scope\n", INIT_V2,
                  "c12");
  /* No newline at the end. */
  assert_session ("0::/user.slice/user-1000.slice/session-42.scope", INIT_V2,
                  "42");
}

/* The legacy layout: systemd's own named v1 hierarchy, beside an unused
 * "0::/" of the kernel's. */
static void
test_v1_session (void)
{
  const char *own = "12:pids:/user.slice/user-1000.slice/session-7.scope\n"
                    "8:memory:/user.slice/user-1000.slice/session-7.scope\n"
                    "3:cpu,cpuacct:/user.slice\n"
                    "1:name=systemd:/user.slice/user-1000.slice/"
                    "session-7.scope\n"
                    "0::/\n";

  assert_session_in (CTL_CGROUP_NAMED, own, INIT_V1, "7");
  assert_session_in (CTL_CGROUP_NAMED, "3:cpu,cpuacct:/\n0::/\n",
                     "3:cpu,cpuacct:/\n0::/\n", NULL);
}

/* Hybrid: systemd tracks processes in the unified hierarchy, and
 * mirrors them in the named one. */
static void
test_hybrid_session (void)
{
  const char *own = "4:memory:/user.slice\n"
                    "1:name=systemd:/user.slice/user-1000.slice/"
                    "session-5.scope\n"
                    "0::/user.slice/user-1000.slice/session-5.scope\n";

  assert_session (own, INIT_V1, "5");
  /* Only the unified hierarchy counts there. */
  assert_session ("1:name=systemd:/user.slice/user-1000.slice/session-5.scope\n"
                  "0::/\n",
                  INIT_V1, NULL);
}

static void
test_no_session (void)
{
  /* A service, the user's own manager, a root cgroup. */
  assert_session ("0::/system.slice/georepd.service\n", INIT_V2, NULL);
  assert_session ("0::/user.slice/user-1000.slice/user@1000.service/app.slice/"
                  "dbus.service\n",
                  INIT_V2, NULL);
  assert_session ("0::/\n", INIT_V2, NULL);
  assert_session ("", INIT_V2, NULL);
  /* A scope that is not a session's, and ones only named alike. */
  assert_session ("0::/system.slice/run-r0a1b2.scope\n", INIT_V2, NULL);
  assert_session ("0::/user.slice/user-1000.slice/session-.scope\n", INIT_V2,
                  NULL);
  assert_session ("0::/user.slice/user-1000.slice/session-3.service\n", INIT_V2,
                  NULL);
  assert_session ("0::/user.slice/user-1000.slice/session-3-x.scope\n", INIT_V2,
                  NULL);
  /* The session is the first unit below the slices, not a later one. */
  assert_session ("0::/system.slice/sshd.service/session-3.scope\n", INIT_V2,
                  NULL);
}

/* A process of a session, run through a service scope of its own: the
 * session's scope is no longer the first unit. */
static void
test_service_scope (void)
{
  assert_session ("0::/user.slice/user-1000.slice/user@1000.service/app.slice/"
                  "run-u12.scope\n",
                  INIT_V2, NULL);
  assert_session ("0::/machine.slice/machine-c1.scope/session-3.scope\n",
                  INIT_V2, NULL);
}

/* In a container without a cgroup namespace of its own, the paths are
 * the host's: the session is looked for below the container's root. */
static void
test_container_root (void)
{
  const char *init = "0::/machine.slice/machine-c1.scope/init.scope\n";

  assert_session ("0::/machine.slice/machine-c1.scope/user.slice/"
                  "user-1000.slice/session-2.scope\n",
                  init, "2");
  /* cgroup v1, PID 1 in a system.slice of older systemd. */
  assert_session_in (CTL_CGROUP_NAMED,
                     "1:name=systemd:/lxc/c1/user.slice/user-0.slice/"
                     "session-4.scope\n",
                     "1:name=systemd:/lxc/c1/system.slice\n", "4");
  /* Another container's root is no prefix of ours. */
  assert_session ("0::/lxc/c1/user.slice/user-0.slice/session-4.scope\n",
                  "0::/lxc/c2/init.scope\n", NULL);
}

static void
test_unreadable (void)
{
  /* Without PID 1's cgroup libsystemd has no answer either. */
  assert_session ("0::/user.slice/user-1000.slice/session-3.scope\n", NULL,
                  NULL);
  assert_session ("0::/user.slice/user-1000.slice/session-3.scope\n",
                  "3:cpu:/\n", NULL);
  /* A zombie's removed cgroup. */
  assert_session ("0::/user.slice/user-1000.slice/session-9.scope (deleted)\n",
                  INIT_V2, "9");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/login/v2-session", test_v2_session);
  g_test_add_func ("/login/v1-session", test_v1_session);
  g_test_add_func ("/login/hybrid-session", test_hybrid_session);
  g_test_add_func ("/login/no-session", test_no_session);
  g_test_add_func ("/login/service-scope", test_service_scope);
  g_test_add_func ("/login/container-root", test_container_root);
  g_test_add_func ("/login/unreadable", test_unreadable);
  return g_test_run ();
}
