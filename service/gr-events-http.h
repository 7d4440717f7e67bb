/* georepd: the one HTTP request a webhook sender makes, read from bytes
 * that anyone on this machine may have sent. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Request line and headers: anything longer is refused. */
#define GR_HTTP_HEAD_MAX 8192

typedef enum {
  GR_HTTP_INCOMPLETE, /* more bytes may make it a request */
  GR_HTTP_COMPLETE,
  GR_HTTP_BAD,       /* not a request this listener takes */
  GR_HTTP_TOO_LARGE, /* head or body over its limit */
} GrHttpParse;

typedef struct {
  char *method;     /* "POST", … */
  char *path;       /* "/…", as sent */
  const char *body; /* inside the parsed data; not NUL-terminated */
  gsize body_len;
} GrHttpRequest;

/* Reads @len bytes received so far. On GR_HTTP_COMPLETE, fills @request
 * (clear it with gr_http_request_clear()). The body must come with a
 * Content-Length of at most @body_max (no chunked encoding). */
GrHttpParse gr_http_request_parse (const char *data,
                                   gsize len,
                                   gsize body_max,
                                   GrHttpRequest *request);
void gr_http_request_clear (GrHttpRequest *request);

G_END_DECLS
