/* Runs a fuzz target over files, without libFuzzer: each argument is a
 * file or a directory of files, each file one input. This is how the
 * committed corpora run in every `meson test` (scripts/check); the real
 * fuzzers are built by scripts/fuzz. A crash, a sanitizer report or a
 * failed assertion fails the run. */
#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint
run_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);
  /* A copy of exactly @len bytes, so that a read past the end is seen
   * by the sanitizers. */
  {
    g_autofree uint8_t *input = g_memdup2 (contents, len);

    LLVMFuzzerTestOneInput (input, len);
  }
  return 1;
}

static guint
run_path (const char *path)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;
  guint n = 0;

  /* A target without regression inputs has no such directory. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return run_file (path);
  dir = g_dir_open (path, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += run_path (child);
    }
  return n;
}

int
main (int argc, char **argv)
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    n += run_path (argv[i]);
  if (n == 0)
    g_error ("no inputs in the given paths");
  g_print ("1..1\nok 1 - %u inputs\n", n);
  return 0;
}
