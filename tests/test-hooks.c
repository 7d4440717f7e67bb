/* Unit tests of the hook guard's rules (service/gluster/gr-gluster-hooks.c)
 * that need no process to look at: which gluster arguments create a
 * push-pem session, the settling time after georepd's own create, and
 * what the guard reads of a process, over a fake /proc (a test double:
 * no real process has arguments that never end). tests/test-faults.c
 * runs the guard against real processes. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "gr-gluster-hooks.h"

#define SECOND G_USEC_PER_SEC

static void
test_args_create_push_pem (void)
{
  const char *create[] = { "/usr/sbin/gluster",
                           "--mode=script",
                           "volume",
                           "geo-replication",
                           "p",
                           "h::s",
                           "create",
                           "ssh-port",
                           "2222",
                           "push-pem",
                           NULL };
  const char *no_verify[] = { "gluster", "volume", "geo-replication", "p",
                              "h::s",    "create", "no-verify",       NULL };
  const char *start[] = { "gluster", "volume", "geo-replication", "p", "h::s",
                          "start",   NULL };
  const char *volume_create[] = { "gluster", "volume", "create", "push-pem",
                                  NULL };

  g_assert_true (gr_gluster_args_create_push_pem (create));
  g_assert_false (gr_gluster_args_create_push_pem (no_verify));
  g_assert_false (gr_gluster_args_create_push_pem (start));
  g_assert_false (gr_gluster_args_create_push_pem (volume_create));
}

/* Without a hooks directory the guard never waits, settling or not. */
static void
test_no_hooks_dir_never_waits (void)
{
  GrHookWait wait = { 0 };

  gr_hook_wait_settle (&wait, SECOND);
  g_assert_false (gr_hook_wait_check (&wait, NULL, SECOND));
}

/* --- a fake /proc ---------------------------------------------------- */

#define HOOKS "/var/lib/glusterd/hooks"

typedef struct {
  char *dir;
  int writers[4]; /* write ends kept open: a read of the FIFO never ends */
  guint n_writers;
} FakeProc;

static void
fake_file (FakeProc *proc, const char *pid, const char *name, const char *text)
{
  g_autofree char *dir = g_build_filename (proc->dir, pid, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* A process: its status (owner), stat (parent) and comm. */
static void
fake_process (FakeProc *proc,
              const char *pid,
              const char *comm,
              guint uid,
              const char *parent)
{
  g_autofree char *status = g_strdup_printf (
      "Name:\t%s\nUid:\t%u\t%u\t%u\t%u\n", comm, uid, uid, uid, uid);
  g_autofree char *stat =
      g_strdup_printf ("%s (%s) S %s 1 1 0 -1\n", pid, comm, parent);
  g_autofree char *comm_line = g_strconcat (comm, "\n", NULL);

  fake_file (proc, pid, "status", status);
  fake_file (proc, pid, "stat", stat);
  fake_file (proc, pid, "comm", comm_line);
}

/* Its cmdline: a FIFO holding @len bytes of @args, whose end never comes. */
static void
fake_endless_args (FakeProc *proc, const char *pid, const char *args, gsize len)
{
  g_autofree char *path = g_build_filename (proc->dir, pid, "cmdline", NULL);
  int fd;

  g_assert_cmpint (mkfifo (path, 0644), ==, 0);
  fd = open (path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, args, len), ==, (gssize) len);
  proc->writers[proc->n_writers++] = fd;
}

static void
fake_proc_init (FakeProc *proc)
{
  g_autoptr (GError) error = NULL;

  proc->dir = g_dir_make_tmp ("georepd-fake-proc-XXXXXX", &error);
  g_assert_no_error (error);
  fake_process (proc, "1", "glusterd", 0, "0");
}

static void
fake_proc_clear (FakeProc *proc)
{
  g_autofree char *argv0 = g_strdup ("rm");
  char *argv[] = { argv0, (char *) "-rf", proc->dir, NULL };

  for (guint i = 0; i < proc->n_writers; i++)
    close (proc->writers[i]);
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
                               NULL, NULL, NULL, NULL, NULL));
  g_free (proc->dir);
}

typedef struct {
  const char *proc_dir;
  GMutex lock;
  GCond done_cond;
  gboolean done;
  gboolean busy;
} Scan;

static gpointer
scan_thread (gpointer data)
{
  Scan *scan = data;
  gboolean busy = gr_gluster_hooks_busy_in (scan->proc_dir, HOOKS);

  g_mutex_lock (&scan->lock);
  scan->busy = busy;
  scan->done = TRUE;
  g_cond_signal (&scan->done_cond);
  g_mutex_unlock (&scan->lock);
  return NULL;
}

/* The guard's answer over @proc, which must come within five seconds. A
 * guard that reads to the end of an endless cmdline never answers: the
 * thread is left behind, and the test fails. */
static gboolean
scan_within_deadline (FakeProc *proc)
{
  Scan *scan = g_new0 (Scan, 1); /* leaked if the thread never ends */
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gboolean busy;

  scan->proc_dir = proc->dir;
  g_thread_unref (g_thread_new ("scan", scan_thread, scan));
  g_mutex_lock (&scan->lock);
  while (!scan->done &&
         g_cond_wait_until (&scan->done_cond, &scan->lock, deadline))
    ;
  g_assert_true (scan->done);
  busy = scan->busy;
  g_mutex_unlock (&scan->lock);
  g_free (scan);
  return busy;
}

/* After georepd's own create the guard waits two seconds, then not, when
 * no process holds gluster back (a fake /proc: the machine's own may run
 * another test's push-pem create meanwhile, which would rightly hold it). */
static void
test_settle_after_own_create (void)
{
  FakeProc proc = { 0 };
  GrHookWait wait = { 0 };
  gint64 now = 1000 * SECOND;

  fake_proc_init (&proc);
  g_assert_false (gr_hook_wait_check_in (&wait, proc.dir, HOOKS, now));
  gr_hook_wait_settle (&wait, now);
  g_assert_true (
      gr_hook_wait_check_in (&wait, proc.dir, HOOKS, now + SECOND / 5));
  g_assert_true (gr_hook_wait_check_in (&wait, proc.dir, HOOKS, now + SECOND));
  g_assert_false (
      gr_hook_wait_check_in (&wait, proc.dir, HOOKS, now + 2 * SECOND));
  fake_proc_clear (&proc);
}

/* A push-pem create seen by the guard keeps it waiting past the settling
 * time, and two seconds after the create is gone. */
static void
test_create_holds_wait (void)
{
  static const char create[] =
      "gluster\0volume\0geo-replication\0p\0h::s\0create\0push-pem";
  FakeProc proc = { 0 };
  GrHookWait wait = { 0 };
  gint64 now = 1000 * SECOND;
  g_autofree char *cmdline = NULL;

  fake_proc_init (&proc);
  fake_process (&proc, "400", "gluster", 0, "99");
  cmdline = g_build_filename (proc.dir, "400", "cmdline", NULL);
  g_assert_true (g_file_set_contents (cmdline, create, sizeof create, NULL));
  g_assert_true (gr_hook_wait_check_in (&wait, proc.dir, HOOKS, now));
  g_assert_true (
      gr_hook_wait_check_in (&wait, proc.dir, HOOKS, now + 3 * SECOND));
  g_assert_cmpint (g_remove (cmdline), ==, 0);
  g_assert_true (
      gr_hook_wait_check_in (&wait, proc.dir, HOOKS, now + 4 * SECOND));
  g_assert_false (
      gr_hook_wait_check_in (&wait, proc.dir, HOOKS, now + 6 * SECOND));
  fake_proc_clear (&proc);
}

/* A user's process, even a glusterd's child naming a hook, is told apart
 * by its owner, before its arguments would be read. */
static void
test_other_users_args_unread (void)
{
  static const char args[] = "/bin/sh\0" HOOKS "/1/x.sh\0";
  FakeProc proc = { 0 };

  fake_proc_init (&proc);
  fake_process (&proc, "200", "sh", 1000, "1");
  fake_endless_args (&proc, "200", args, sizeof args);
  g_assert_false (scan_within_deadline (&proc));
  fake_proc_clear (&proc);
}

/* glusterd's own hook, with endless arguments after the script: only the
 * first KiB are read, and they tell. */
static void
test_hook_args_bounded (void)
{
  static const char head[] = "/bin/sh\0" HOOKS "/1/gsync-create/post/x.sh\0";
  g_autofree char *args = g_malloc (16384);
  FakeProc proc = { 0 };

  memset (args, 'A', 16384);
  memcpy (args, head, sizeof head);
  fake_proc_init (&proc);
  fake_process (&proc, "300", "sh", 0, "1");
  fake_endless_args (&proc, "300", args, 16384);
  g_assert_true (scan_within_deadline (&proc));
  fake_proc_clear (&proc);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hooks/args-create-push-pem", test_args_create_push_pem);
  g_test_add_func ("/hooks/settle-after-own-create",
                   test_settle_after_own_create);
  g_test_add_func ("/hooks/no-hooks-dir-never-waits",
                   test_no_hooks_dir_never_waits);
  g_test_add_func ("/hooks/other-users-args-unread",
                   test_other_users_args_unread);
  g_test_add_func ("/hooks/hook-args-bounded", test_hook_args_bounded);
  g_test_add_func ("/hooks/create-holds-wait", test_create_holds_wait);
  return g_test_run ();
}
