/* Unit tests of the hook guard's rules (service/gluster/gr-gluster-hooks.c)
 * that need no process to look at: which gluster arguments create a
 * push-pem session, and the settling time after georepd's own create.
 * tests/test-faults.c runs the guard against real processes. */
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

/* An empty directory for hooks: no process runs a script below it. */
static char *
empty_hooks_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("georepd-hooks-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
test_settle_after_own_create (void)
{
  g_autofree char *dir = empty_hooks_dir ();
  GrHookWait wait = { 0 };
  gint64 now = 1000 * SECOND;

  g_assert_false (gr_hook_wait_check (&wait, dir, now));
  gr_hook_wait_settle (&wait, now);
  g_assert_true (gr_hook_wait_check (&wait, dir, now + SECOND / 5));
  g_assert_true (gr_hook_wait_check (&wait, dir, now + SECOND));
  g_assert_false (gr_hook_wait_check (&wait, dir, now + 2 * SECOND));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Without a hooks directory the guard never waits, settling or not. */
static void
test_no_hooks_dir_never_waits (void)
{
  GrHookWait wait = { 0 };

  gr_hook_wait_settle (&wait, SECOND);
  g_assert_false (gr_hook_wait_check (&wait, NULL, SECOND));
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
  return g_test_run ();
}
