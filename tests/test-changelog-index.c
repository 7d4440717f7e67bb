/* Unit tests: a brick's changelog index, which tells the changes gsyncd
 * has not synced (service/gluster/gr-changelog-index.c). The index is
 * tests/data/htime-rollover-3s, written by gluster 10.3 (README there). */
#include <glib/gstdio.h>
#include <string.h>

#include "gr-changelog-index.h"

/* The recorded index has changes in CHANGELOG.1796623695, …97 and …702;
 * every other rollover (every 3 s) was empty. */
#define FIRST_CHANGED 1796623695
#define SECOND_CHANGED 1796623697
#define LAST_CHANGED 1796623702

static char *
recorded (gsize *len)
{
  g_autofree char *path =
      g_test_build_filename (G_TEST_DIST, "data", "htime-rollover-3s", NULL);
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, len, &error);
  g_assert_no_error (error);
  return text;
}

static guint64
oldest (guint64 last_synced)
{
  gsize len;
  g_autofree char *text = recorded (&len);

  return gr_changelog_index_parse_oldest_unsynced (text, len, FALSE,
                                                   last_synced);
}

/* gsyncd's last_synced after it synced CHANGELOG.<ts> is ts − 1. */
static void
test_parse (void)
{
  g_assert_cmpuint (oldest (FIRST_CHANGED - 10), ==, FIRST_CHANGED);
  g_assert_cmpuint (oldest (FIRST_CHANGED - 1), ==, SECOND_CHANGED);
  g_assert_cmpuint (oldest (SECOND_CHANGED - 1), ==, LAST_CHANGED);
  g_assert_cmpuint (oldest (LAST_CHANGED - 1), ==, 0);
  g_assert_cmpuint (oldest (LAST_CHANGED + 100), ==, 0);
  /* Never synced: nothing to compare with. */
  g_assert_cmpuint (oldest (0), ==, 0);
}

/* A tail that starts inside an entry skips that entry: what is left of
 * it may be any part of a path. */
static void
test_parse_cut (void)
{
  gsize len;
  g_autofree char *text = recorded (&len);
  /* The second entry, CHANGELOG.1796623695, from its date on. */
  const char *second = text + strlen (text) + 1;
  gsize skip = (gsize) (strstr (second, "/2026/") - text);

  g_assert_true (g_str_has_suffix (second, "CHANGELOG.1796623695"));
  g_assert_cmpuint (gr_changelog_index_parse_oldest_unsynced (
                        text + skip, len - skip, TRUE, FIRST_CHANGED - 10),
                    ==, SECOND_CHANGED);
  g_assert_cmpuint (gr_changelog_index_parse_oldest_unsynced (
                        text + skip, len - skip, FALSE, FIRST_CHANGED - 10),
                    ==, FIRST_CHANGED);
}

static void
test_parse_garbage (void)
{
  const char text[] = "x\0/b/CHANGELOG.\0/b/CHANGELOG.12x\0/b/other.5\0"
                      "/b/CHANGELOG.99999999999999999999999\0";

  g_assert_cmpuint (
      gr_changelog_index_parse_oldest_unsynced (text, sizeof text, FALSE, 1),
      ==, 0);
  g_assert_cmpuint (gr_changelog_index_parse_oldest_unsynced ("", 0, FALSE, 1),
                    ==, 0);
}

/* From a brick: the newest index is read, an older one ignored. */
static void
test_brick (void)
{
  g_autofree char *brick = g_dir_make_tmp ("georepd-brick-XXXXXX", NULL);
  g_autofree char *dir =
      g_build_filename (brick, ".glusterfs", "changelogs", "htime", NULL);
  g_autofree char *newest = g_build_filename (dir, "HTIME.1796623693", NULL);
  g_autofree char *older = g_build_filename (dir, "HTIME.1700000000", NULL);
  const char old_text[] = "/b/CHANGELOG.1700000015\0";
  gsize len;
  g_autofree char *text = recorded (&len);

  g_assert_cmpuint (gr_changelog_index_oldest_unsynced (brick, 1), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (newest, text, (gssize) len, NULL));
  g_assert_true (
      g_file_set_contents (older, old_text, sizeof old_text - 1, NULL));
  g_assert_cmpuint (gr_changelog_index_oldest_unsynced (brick, 1), ==,
                    FIRST_CHANGED);
  g_assert_cmpuint (
      gr_changelog_index_oldest_unsynced (brick, LAST_CHANGED - 1), ==, 0);
  g_assert_cmpuint (gr_changelog_index_oldest_unsynced ("relative", 1), ==, 0);
  g_assert_cmpint (g_unlink (newest), ==, 0);
  g_assert_cmpint (g_unlink (older), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *up = g_path_get_dirname (dir);

      g_free (dir);
      dir = g_steal_pointer (&up);
      g_assert_cmpint (g_rmdir (dir), ==, 0);
    }
  g_assert_cmpint (g_rmdir (brick), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/changelog-index/parse", test_parse);
  g_test_add_func ("/changelog-index/parse-cut", test_parse_cut);
  g_test_add_func ("/changelog-index/parse-garbage", test_parse_garbage);
  g_test_add_func ("/changelog-index/brick", test_brick);
  return g_test_run ();
}
