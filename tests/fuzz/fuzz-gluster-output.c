/* Fuzz target: what the gluster CLI prints, whatever it is: the envelope
 * (gr_xml_cli_status), the classification of any output into an outcome
 * and a clean message (gr-gluster-result.c), `gluster --version`. */
#include <string.h>

#include "fuzz-xml.h"
#include "gr-gluster-result.h"
#include "gr-text.h"
#include "gr-xml-cli-output.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
assert_clean_error (GError *error)
{
  if (error != NULL)
    g_assert (gr_text_is_clean (error->message, G_MAXSIZE / 2) &&
              g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  GrCliStatus status = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *version = NULL;

  gr_fuzz_quiet ();
  if (gr_xml_cli_status ((const char *) data, size, &status, NULL))
    gr_cli_status_clear (&status);
  gr_gluster_result_from_envelope ((const char *) data, size, 1, &error);
  assert_clean_error (error);
  g_clear_error (&error);
  gr_gluster_result_from_text (text, 1, &error);
  assert_clean_error (error);
  version = gr_gluster_parse_version (text);
  return 0;
}
