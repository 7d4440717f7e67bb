/* Fuzz target: what a local user can send to the webhook listener: the
 * HTTP request (gr_http_request_parse) and the event body
 * (gr_events_parse). */
#include <string.h>

#include "fuzz-xml.h"
#include "gr-events-http.h"
#include "gr-events.h"
#include "gr-validate.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
parse_body (const char *body, gsize len)
{
  g_autofree char *event = NULL, *primary = NULL, *host = NULL,
                  *secondary = NULL;

  if (!gr_events_parse (body, len, &event, &primary, &host, &secondary))
    return;
  g_assert (g_str_has_prefix (event, "GEOREP_"));
  /* A session is named only with names that pass validation. */
  g_assert (primary == NULL || (gr_validate_volume (primary, NULL) &&
                                gr_validate_host (host, NULL) &&
                                gr_validate_volume (secondary, NULL)));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GrHttpRequest request;

  gr_fuzz_quiet ();
  /* Every prefix is what a read may have delivered so far. */
  if (gr_http_request_parse ((const char *) data, size, 65536, &request) ==
      GR_HTTP_COMPLETE)
    {
      g_assert (request.body + request.body_len <= (const char *) data + size);
      parse_body (request.body, request.body_len);
      gr_http_request_clear (&request);
    }
  parse_body ((const char *) data, size);
  return 0;
}
