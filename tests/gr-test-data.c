/* Unit test helpers for recorded gluster outputs. */
#include "gr-test-data.h"
#include "gr-xml.h"

char *
gr_test_read_data (const char *name, gsize *len)
{
  g_autofree char *path =
      g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

xmlDoc *
gr_test_read_xml (const char *name, GError **error)
{
  gsize len;
  g_autofree char *data = gr_test_read_data (name, &len);

  return gr_xml_read (data, len, error);
}
