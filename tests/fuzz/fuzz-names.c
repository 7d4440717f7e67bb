/* Fuzz target: the checks every name from a caller or from gluster
 * passes (common/gr-validate.c), the object path labels
 * (common/gr-label.c) and the config key allowlist
 * (service/gluster/gr-config-keys.c). */
#include <string.h>

#include "fuzz-xml.h"
#include "gr-config-keys.h"
#include "gr-label.h"
#include "gr-validate.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_labels (const char *text)
{
  g_autofree char *escaped = gr_label_escape (text);
  g_autofree char *path = g_strconcat ("/", escaped, NULL);
  g_autofree char *back = gr_label_unescape (escaped);
  g_autofree char *unescaped = gr_label_unescape (text);
  g_autofree char *primary = NULL, *host = NULL, *secondary = NULL;

  /* Every label is a path element, and reads back as the text. */
  g_assert (g_variant_is_object_path (path));
  g_assert (back != NULL && g_str_equal (back, text));
  if (gr_session_label_parse (text, &primary, &host, &secondary))
    g_assert (primary != NULL && host != NULL && secondary != NULL);
}

static void
check_key (const char *text)
{
  g_autofree char *canonical = NULL;
  g_autofree char *legacy = NULL;
  GrConfigKeyClass class = gr_config_key_classify (text, &canonical);

  g_assert ((class == GR_CONFIG_KEY_UNKNOWN) == (canonical == NULL));
  if (canonical != NULL)
    legacy = gr_config_key_to_legacy (canonical);
  g_clear_pointer (&canonical, g_free);
  gr_config_key_validate (text, TRUE, &canonical, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);

  gr_fuzz_quiet ();
  gr_validate_volume (text, NULL);
  gr_validate_host (text, NULL);
  gr_validate_user (text, NULL);
  gr_validate_config_value (text, NULL);
  gr_validate_fingerprint (text, NULL);
  check_labels (text);
  check_key (text);
  return 0;
}
