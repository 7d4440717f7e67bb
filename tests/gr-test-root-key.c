/* Root's key in the remote user's authorized_keys. */
#include <pwd.h>
#include <stdio.h>

#include "gr-test-root-key.h"
#include "gr-test-util.h"

char *
gr_test_remote_keys_path (void)
{
  struct passwd *pw = getpwnam (gr_test_env ("GEOREP_SSH_USER"));

  g_assert_nonnull (pw);
  return g_build_filename (pw->pw_dir, ".ssh", "authorized_keys", NULL);
}

/* The key blob of root's key pair, the one the service picks. */
static char *
root_key_blob (void)
{
  const char *const names[] = { "/root/.ssh/id_ed25519", "/root/.ssh/id_rsa",
                                NULL };

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *public_key = g_strconcat (names[i], ".pub", NULL);
      g_autofree char *text = NULL;
      g_auto (GStrv) fields = NULL;

      if (!g_file_test (names[i], G_FILE_TEST_EXISTS) ||
          !g_file_get_contents (public_key, &text, NULL, NULL))
        continue;
      fields = g_strsplit_set (g_strstrip (text), " \t", -1);
      g_assert_cmpuint (g_strv_length (fields), >=, 2);
      return g_strdup (fields[1]);
    }
  g_error ("root has no key pair: the sandbox makes one");
}

static gboolean
is_root_key_line (const char *line, const char *blob)
{
  g_auto (GStrv) fields = g_strsplit_set (line, " \t", -1);

  return g_strv_length (fields) >= 2 && g_str_equal (fields[1], blob);
}

/* The lines of the remote user's authorized_keys; NULL if it is
 * missing. */
static GStrv
read_key_lines (void)
{
  g_autofree char *path = gr_test_remote_keys_path ();
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return g_strsplit (text, "\n", -1);
}

guint
gr_test_root_key_count (void)
{
  g_autofree char *blob = root_key_blob ();
  g_auto (GStrv) lines = read_key_lines ();
  guint count = 0;

  for (guint i = 0; lines && lines[i]; i++)
    count += is_root_key_line (lines[i], blob);
  return count;
}

/* Rewritten in place, so that the file keeps its owner and mode. */
void
gr_test_root_key_strip (void)
{
  g_autofree char *path = gr_test_remote_keys_path ();
  g_autofree char *blob = root_key_blob ();
  g_auto (GStrv) lines = read_key_lines ();
  g_autoptr (GString) kept = g_string_new (NULL);
  FILE *file;

  if (lines == NULL)
    return;
  for (guint i = 0; lines[i]; i++)
    if (*lines[i] && !is_root_key_line (lines[i], blob))
      g_string_append_printf (kept, "%s\n", lines[i]);
  file = fopen (path, "w");
  g_assert_nonnull (file);
  fputs (kept->str, file);
  g_assert_cmpint (fclose (file), ==, 0);
}
