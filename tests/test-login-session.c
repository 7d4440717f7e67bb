/* Unit tests of georepctl's polkit agent command line: --fallback only for
 * a process that sd-login places in a logind session. The processes are
 * real ones, moved into cgroups made for the test the way logind and
 * systemd lay them out (session-ID.scope below slices), so it needs root
 * and the cgroup tree that libsystemd reads. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <linux/magic.h>

#include "georepctl-login.h"

#define AGENT "/usr/bin/pkttyagent"
#define NOTIFY_FD 3

typedef struct {
  char *slice;        /* a slice of our own in systemd's hierarchy */
  GPtrArray *units;   /* of the directories made below it */
  GSubprocess *child; /* the process that is moved around */
  pid_t pid;
} Fixture;

static gboolean
is_cgroup2 (const char *path)
{
  struct statfs fs;

  return statfs (path, &fs) == 0 &&
         (unsigned long) fs.f_type == (unsigned long) CGROUP2_SUPER_MAGIC;
}

/* The hierarchy in which systemd (and sd-login) track processes: cgroup
 * v2 alone, v2 beside v1 (hybrid), or v1's named hierarchy. */
static const char *
systemd_hierarchy (void)
{
  if (is_cgroup2 ("/sys/fs/cgroup"))
    return "/sys/fs/cgroup";
  if (is_cgroup2 ("/sys/fs/cgroup/unified"))
    return "/sys/fs/cgroup/unified";
  return "/sys/fs/cgroup/systemd";
}

static void
make_dir (const char *path)
{
  if (g_mkdir (path, 0755) != 0)
    g_error ("cannot make the cgroup %s (the test needs root): %s", path,
             g_strerror (errno));
}

/* A failed assertion aborts the test: the child must not outlive it. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name =
      g_strdup_printf ("grtest_login_%d.slice", (int) getpid ());
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);

  f->slice = g_build_filename (systemd_hierarchy (), name, NULL);
  make_dir (f->slice);
  f->units = g_ptr_array_new_with_free_func (g_free);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  f->child =
      g_subprocess_launcher_spawn (launcher, &error, "sleep", "600", NULL);
  g_assert_no_error (error);
  f->pid = (pid_t) g_ascii_strtoll (g_subprocess_get_identifier (f->child),
                                    NULL, 10);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_subprocess_force_exit (f->child);
  g_subprocess_wait (f->child, NULL, NULL);
  g_clear_object (&f->child);
  /* Innermost first: a cgroup with children cannot go. */
  for (guint i = f->units->len; i > 0; i--)
    g_rmdir (g_ptr_array_index (f->units, i - 1));
  g_ptr_array_unref (f->units);
  g_rmdir (f->slice);
  g_free (f->slice);
}

/* cgroup.procs takes a write in place, no file replaced. */
static void
write_pid (const char *dir, pid_t pid)
{
  g_autofree char *procs = g_build_filename (dir, "cgroup.procs", NULL);
  g_autofree char *text = g_strdup_printf ("%d\n", (int) pid);
  int fd = open (procs, O_WRONLY | O_CLOEXEC);
  gssize written = fd < 0 ? -1 : write (fd, text, strlen (text));
  int saved = errno;

  if (fd >= 0)
    close (fd);
  if (written != (gssize) strlen (text))
    g_error ("cannot move %d into %s: %s", (int) pid, dir, g_strerror (saved));
}

/* Moves the child into @unit ("a.service/b.scope"…) below our slice. */
static void
move_child (Fixture *f, const char *unit)
{
  g_auto (GStrv) parts = g_strsplit (unit, "/", -1);
  g_autofree char *dir = g_strdup (f->slice);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *next = g_build_filename (dir, parts[i], NULL);

      g_free (dir);
      dir = next;
      make_dir (dir);
      g_ptr_array_add (f->units, g_strdup (dir));
    }
  write_pid (dir, f->pid);
}

static char *
expected_argv (Fixture *f, gboolean fallback)
{
  return g_strdup_printf (AGENT " --notify-fd 3%s --process %d",
                          fallback ? " --fallback" : "", (int) f->pid);
}

static void
assert_agent_argv (Fixture *f, gboolean fallback)
{
  g_auto (GStrv) argv = ctl_agent_argv (AGENT, f->pid, NOTIFY_FD);
  g_autofree char *joined = g_strjoinv (" ", argv);
  g_autofree char *expected = expected_argv (f, fallback);

  g_assert_cmpstr (joined, ==, expected);
  g_assert_cmpint (ctl_in_login_session (f->pid), ==, fallback);
}

static void
test_session (Fixture *f, gconstpointer data)
{
  move_child (f, "session-77.scope");
  assert_agent_argv (f, TRUE);
}

/* logind's session ids are letters and digits: c12 for a session that
 * had no audit id. */
static void
test_session_letters (Fixture *f, gconstpointer data)
{
  move_child (f, "grtest_user.slice/session-c12.scope");
  assert_agent_argv (f, TRUE);
}

/* A service, a scope that is no session's, and a session-like scope
 * below a service: the first unit below the slices decides. */
static void
test_no_session (Fixture *f, gconstpointer data)
{
  move_child (f, "grtest.service");
  assert_agent_argv (f, FALSE);
  move_child (f, "run-u12.scope");
  assert_agent_argv (f, FALSE);
  move_child (f, "user@1000.service/session-3.scope");
  assert_agent_argv (f, FALSE);
}

/* The child moved out of the session is no longer in it. */
static void
test_session_left (Fixture *f, gconstpointer data)
{
  move_child (f, "session-5.scope");
  assert_agent_argv (f, TRUE);
  move_child (f, "grtest.service");
  assert_agent_argv (f, FALSE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func)                                                        \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/login/session", test_session);
  ADD ("/login/session-letters", test_session_letters);
  ADD ("/login/no-session", test_no_session);
  ADD ("/login/session-left", test_session_left);
  return g_test_run ();
}
