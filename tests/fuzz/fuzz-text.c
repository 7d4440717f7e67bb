/* Fuzz target: the cleaning of text from outside (common/gr-text.c),
 * which every SSH message, gluster error and status file string passes:
 * valid UTF-8, no control character, bounded, and a fixed point. */
#include <string.h>

#include "fuzz-xml.h"
#include "gr-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  gsize max = size > 0 ? 4 + data[0] % 64 : 16;
  g_autofree char *clean = gr_text_clean_len ((const char *) data, size, max);
  g_autofree char *fixed = NULL;
  gsize fixed_len = 0;

  g_assert (g_utf8_validate (clean, -1, NULL));
  g_assert (strlen (clean) <= max);
  for (const char *p = clean; *p; p = g_utf8_next_char (p))
    g_assert (!g_unichar_iscntrl (g_utf8_get_char (p)));
  g_assert (gr_text_is_clean (clean, max));
  fixed = gr_text_json_fix ((const char *) data, size, &fixed_len);
  g_assert (strlen (fixed) == fixed_len);
  g_assert (g_utf8_validate (fixed, (gssize) fixed_len, NULL));
  return 0;
}
