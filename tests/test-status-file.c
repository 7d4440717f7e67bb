/* Unit tests of the reading of gsyncd's status files
 * (service/gluster/gr-status-file.c) as untrusted input: never more than
 * the cap is read, and the strings taken are clean. */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gr-status-file.h"

#define BRICK "/bricks/b1"
#define BRICK_FILE "brick_%2Fbricks%2Fb1.status"

static char *
session_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("georepd-status-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autofree char *brick = g_build_filename (dir, BRICK_FILE, NULL);
  g_autofree char *monitor = g_build_filename (dir, "monitor.status", NULL);

  g_unlink (brick);
  g_unlink (monitor);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static GrWorker *
brick_worker (void)
{
  GrWorker *worker = gr_worker_new ();

  g_free (worker->primary_brick);
  worker->primary_brick = g_strdup (BRICK);
  return worker;
}

/* A brick file that never ends (here /dev/zero) is refused after 64 KiB,
 * not read whole into memory. */
static void
test_endless_file (void)
{
  g_autofree char *dir = session_dir ();
  g_autofree char *path = g_build_filename (dir, BRICK_FILE, NULL);
  g_autofree char *monitor = g_build_filename (dir, "monitor.status", NULL);
  g_autoptr (GrWorker) worker = brick_worker ();

  g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", monitor), ==, 0);
  g_assert_false (gr_status_file_read_brick (dir, worker));
  g_assert_null (gr_status_file_read_monitor (dir));
  remove_dir (dir);
}

static void
test_unclean_strings (void)
{
  g_autofree char *dir = session_dir ();
  g_autofree char *path = g_build_filename (dir, BRICK_FILE, NULL);
  g_autoptr (GrWorker) worker = brick_worker ();
  const char *json = "{\"worker_status\": \"Active\", \"secondary_node\": "
                     "\"node\\udcff\\n\xff\", \"last_synced\": 5}";

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  g_assert_true (gr_status_file_read_brick (dir, worker));
  g_assert_cmpstr (worker->secondary_node, ==, "node\xef\xbf\xbd \xef\xbf\xbd");
  g_assert_cmpuint (worker->last_synced, ==, 5);
  remove_dir (dir);
}

static void
test_parse_limits (void)
{
  g_autoptr (GrWorker) worker = brick_worker ();
  g_autofree char *big = g_strnfill (65537, ' ');

  g_assert_false (gr_status_file_parse_brick (big, strlen (big), worker));
  g_assert_false (gr_status_file_parse_brick ("[1]", 3, worker));
  g_assert_false (gr_status_file_parse_brick ("", 0, worker));
  g_assert_true (gr_status_file_parse_brick ("{}", 2, worker));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/status-file/endless-file", test_endless_file);
  g_test_add_func ("/status-file/unclean-strings", test_unclean_strings);
  g_test_add_func ("/status-file/parse-limits", test_parse_limits);
  return g_test_run ();
}
