/* Fuzz target: what a local user can send to the webhook listener as
 * the body of an event (gr_events_parse). The HTTP around it is
 * libsoup's (service/gr-events.c). */
#include <string.h>

#include "fuzz-xml.h"
#include "gr-events-parse.h"
#include "gr-validate.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
parse_body (const char *body, gsize len)
{
  g_autofree char *event = NULL, *primary = NULL, *host = NULL,
                  *secondary = NULL;
  g_auto (GrEventWorker) worker = { 0 };

  if (!gr_events_parse (body, len, &event, &primary, &host, &secondary,
                        &worker))
    return;
  /* A worker is named only with names that could be one's. */
  g_assert (worker.node == NULL || gr_validate_host (worker.node, NULL));
  g_assert (worker.brick == NULL || worker.brick[0] == '/');
  g_assert (g_str_has_prefix (event, "GEOREP_"));
  /* A session is named only with names that pass validation. */
  g_assert (primary == NULL || (gr_validate_volume (primary, NULL) &&
                                gr_validate_host (host, NULL) &&
                                gr_validate_volume (secondary, NULL)));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  gr_fuzz_quiet ();
  parse_body ((const char *) data, size);
  return 0;
}
