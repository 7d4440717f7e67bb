/* Unit tests: which options a session's gsyncd.conf sets
 * (service/gluster/gr-gsyncd-conf.c). The file's shape is what gsyncd's
 * RawConfigParser writes after `config KEY VALUE`. */
#include <glib/gstdio.h>

#include "gr-gsyncd-conf.h"

static char *
write_conf (const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("gsyncd-XXXXXX.conf", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_set_keys (void)
{
  g_autofree char *path =
      write_conf ("[vars]\nssh-port = 2222\nsync_jobs = 5\n"
                  "stime-xattr-prefix = trusted.glusterfs.a.b\n\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) keys = gr_gsyncd_conf_read_set_keys (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (keys), ==, 3);
  g_assert_true (g_hash_table_contains (keys, "ssh-port"));
  g_assert_true (g_hash_table_contains (keys, "sync-jobs"));
  g_unlink (path);
}

static void
test_empty_and_missing (void)
{
  g_autofree char *path = write_conf ("");
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) empty = gr_gsyncd_conf_read_set_keys (path, &error);
  g_autoptr (GHashTable) missing = NULL;

  /* gluster creates the file empty at create time. */
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (empty), ==, 0);
  g_unlink (path);
  missing = gr_gsyncd_conf_read_set_keys (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (missing), ==, 0);
}

static void
test_admin_set (void)
{
  g_assert_true (gr_gsyncd_conf_key_is_admin_set ("sync-jobs"));
  g_assert_true (gr_gsyncd_conf_key_is_admin_set ("ssh-command"));
  /* gluster's own: read-only facts, and the prefix gsyncd stores. */
  g_assert_false (gr_gsyncd_conf_key_is_admin_set ("pid-file"));
  g_assert_false (gr_gsyncd_conf_key_is_admin_set ("primary-bricks"));
  g_assert_false (gr_gsyncd_conf_key_is_admin_set ("stime-xattr-prefix"));
  g_assert_false (gr_gsyncd_conf_key_is_admin_set ("no-such-key"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gsyncd-conf/set-keys", test_set_keys);
  g_test_add_func ("/gsyncd-conf/empty-and-missing", test_empty_and_missing);
  g_test_add_func ("/gsyncd-conf/admin-set", test_admin_set);
  return g_test_run ();
}
