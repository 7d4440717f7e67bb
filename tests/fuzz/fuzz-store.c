/* Fuzz target: the destination store (gr_store_load) reading a file it
 * did not write. What it loads, it must be able to save again (the save
 * refuses what could not be read back), and load again unchanged. */
#include <glib/gstdio.h>
#include <string.h>

#include "fuzz-xml.h"
#include "gr-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *state_dir;

static void
empty_state_dir (void)
{
  g_autoptr (GDir) dir = g_dir_open (state_dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (state_dir, name, NULL);

      g_unlink (path);
    }
}

static void
assert_same (GPtrArray *a, GPtrArray *b)
{
  g_assert (a->len == b->len);
  for (guint i = 0; i < a->len; i++)
    {
      GrDestinationRecord *x = g_ptr_array_index (a, i);
      GrDestinationRecord *y = g_ptr_array_index (b, i);

      g_assert (g_str_equal (x->host, y->host) && x->port == y->port &&
                g_str_equal (x->user, y->user) &&
                g_strcmp0 (x->last_test_message, y->last_test_message) == 0);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) again = NULL;
  g_autoptr (GError) error = NULL;

  gr_fuzz_quiet ();
  if (state_dir == NULL)
    state_dir = g_dir_make_tmp ("georepd-fuzz-store-XXXXXX", NULL);
  g_assert (state_dir != NULL);
  empty_state_dir ();
  path = g_build_filename (state_dir, GR_STORE_FILE, NULL);
  g_assert (
      g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  records = gr_store_load (state_dir, &error);
  g_assert (records != NULL && error == NULL);
  g_assert (gr_store_save (state_dir, records, &error));
  again = gr_store_load (state_dir, &error);
  g_assert (again != NULL && error == NULL);
  assert_same (records, again);
  return 0;
}
