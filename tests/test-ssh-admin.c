/* Unit tests of what georepd accepts before root works on a secondary host
 * for a mountbroker user (service/ssh/gr-ssh-admin.c): the mountbroker
 * root must be /var/mountbroker-root or a directory below it (gluster-
 * mountbroker chmods and relabels it as root on every peer), and the
 * session's keys must be lines of printable text. */
#include "gr-error.h"
#include "gr-ssh-admin.h"

static gboolean
root_accepted (const char *root, GError **error)
{
  const char *words[] = { "grsbvol", "geoaccount", "geogroup", root, NULL };

  return gr_ssh_admin_validate (GR_SSH_ADMIN_MOUNTBROKER, words, error);
}

static void
test_root_accepted (void)
{
  static const char *const roots[] = {
    GR_MOUNTBROKER_ROOT_DEFAULT,
    "/var/mountbroker-root/geo",
    "/var/mountbroker-root/a.b/c_d-e",
  };

  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (root_accepted (roots[i], &error));
      g_assert_no_error (error);
    }
}

static void
test_root_refused (void)
{
  static const char *const roots[] = {
    "/",
    "/root",
    "/etc",
    "/var",
    "/var/mountbroker-rootx",
    "/var/mountbroker-root/",
    "/var/mountbroker-root//x",
    "/var/mountbroker-root/.",
    "/var/mountbroker-root/./x",
    "/var/mountbroker-root/..",
    "/var/mountbroker-root/../../root",
    "/var/mountbroker-root/a b",
    "var/mountbroker-root",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    {
      g_autoptr (GError) error = NULL;

      g_test_message ("root %s", roots[i]);
      g_assert_false (root_accepted (roots[i], &error));
      g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_keys (void)
{
  const char *good[] = { "geoaccount", "p", "s",
                         "command=\"/usr/libexec/glusterfs/gsyncd\" "
                         "ssh-rsa AAAAB3Nza root@a\nssh-rsa AAAAC3 root@b\n",
                         NULL };
  const char *control[] = { "geoaccount", "p", "s", "ssh-rsa AAAA\r\x1b",
                            NULL };
  const char *empty[] = { "geoaccount", "p", "s", "", NULL };
  const char *three[] = { "geoaccount", "p", "s", NULL };
  g_autoptr (GError) error = NULL;

  g_assert_true (
      gr_ssh_admin_validate (GR_SSH_ADMIN_SESSION_KEYS, good, &error));
  g_assert_no_error (error);
  g_assert_false (
      gr_ssh_admin_validate (GR_SSH_ADMIN_SESSION_KEYS, control, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (
      gr_ssh_admin_validate (GR_SSH_ADMIN_SESSION_KEYS, empty, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* No keys: nothing for the user to install (the words of the script
   * that followed links as root). */
  g_assert_false (
      gr_ssh_admin_validate (GR_SSH_ADMIN_SESSION_KEYS, three, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ssh-admin/mountbroker-root/accepted", test_root_accepted);
  g_test_add_func ("/ssh-admin/mountbroker-root/refused", test_root_refused);
  g_test_add_func ("/ssh-admin/session-keys", test_keys);
  return g_test_run ();
}
