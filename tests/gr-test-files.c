/* File helpers of the tests. */
#include <glib/gstdio.h>

#include "gr-test-files.h"

char *
gr_test_read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

void
gr_test_write_text (const char *path, const char *text, int mode)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, mode,
                            &error);
  g_assert_no_error (error);
}

guint
gr_test_file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

void
gr_test_assert_mode (const char *path, guint mode, uid_t owner)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 07777, ==, mode);
  g_assert_cmpuint (st.st_uid, ==, owner);
}

goffset
gr_test_file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

char *
gr_test_read_since (const char *path, goffset offset)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &text, &length, NULL))
    return g_strdup ("");
  return g_strdup (text + ((gsize) offset <= length ? (gsize) offset : 0));
}

void
gr_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
          !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        gr_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
