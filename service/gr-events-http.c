/* georepd: parsing of a webhook's HTTP/1.x request.
 *
 * glustereventsd POSTs with python-requests: a request line, headers
 * with Content-Length, a JSON body, "HTTP/1.1". Only that much HTTP is
 * understood; what is not understood is refused, never guessed at. */
#include <string.h>

#include "gr-events-http.h"

/* "METHOD SP PATH SP HTTP/1.x", each part of allowed characters. */
static gboolean
parse_request_line (const char *line, GrHttpRequest *request)
{
  g_auto (GStrv) parts = g_strsplit (line, " ", -1);

  if (g_strv_length (parts) != 3 || *parts[0] == '\0' || parts[1][0] != '/' ||
      (strcmp (parts[2], "HTTP/1.1") != 0 &&
       strcmp (parts[2], "HTTP/1.0") != 0))
    return FALSE;
  for (const char *p = parts[0]; *p; p++)
    if (!g_ascii_isupper (*p))
      return FALSE;
  for (const char *p = parts[1]; *p; p++)
    if (!g_ascii_isgraph (*p))
      return FALSE;
  request->method = g_strdup (parts[0]);
  request->path = g_strdup (parts[1]);
  return TRUE;
}

/* The value of header @name in @line ("Name: value"), or NULL. */
static const char *
header_value (const char *line, const char *name)
{
  gsize n = strlen (name);

  if (g_ascii_strncasecmp (line, name, n) != 0 || line[n] != ':')
    return NULL;
  line += n + 1;
  while (*line == ' ' || *line == '\t')
    line++;
  return line;
}

/* Content-Length as digits only, at most @max; -1 when not acceptable. */
static gint64
parse_length (const char *value, gsize max)
{
  guint64 length = 0;
  g_autofree char *trimmed = g_strchomp (g_strdup (value));

  if (*trimmed == '\0' || strlen (trimmed) > 12)
    return -1;
  for (const char *p = trimmed; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        return -1;
      length = length * 10 + (guint64) (*p - '0');
    }
  return length > max ? G_MAXINT64 : (gint64) length;
}

/* The head's lines after the request line. FALSE for a header this
 * listener does not take; *@length is -1 until Content-Length is seen. */
static gboolean
parse_headers (char **lines, gsize body_max, gint64 *length)
{
  *length = -1;
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *value;

      if (header_value (lines[i], "Transfer-Encoding") != NULL)
        return FALSE;
      if ((value = header_value (lines[i], "Content-Length")) == NULL)
        continue;
      if (*length >= 0 || (*length = parse_length (value, body_max)) < 0)
        return FALSE;
    }
  return TRUE;
}

GrHttpParse
gr_http_request_parse (const char *data,
                       gsize len,
                       gsize body_max,
                       GrHttpRequest *request)
{
  const char *end =
      g_strstr_len (data, MIN (len, GR_HTTP_HEAD_MAX), "\r\n\r\n");
  g_autofree char *head = NULL;
  g_auto (GStrv) lines = NULL;
  gint64 length;
  gsize head_len;

  memset (request, 0, sizeof *request);
  if (end == NULL)
    return len >= GR_HTTP_HEAD_MAX ? GR_HTTP_TOO_LARGE : GR_HTTP_INCOMPLETE;
  head_len = end - data;
  head = g_strndup (data, head_len);
  /* A NUL byte in the head is no HTTP. */
  if (strlen (head) != head_len)
    return GR_HTTP_BAD;
  lines = g_strsplit (head, "\r\n", -1);
  /* An empty head has no request line (found by tests/fuzz). */
  if (lines[0] == NULL)
    return GR_HTTP_BAD;
  if (!parse_headers (lines, body_max, &length))
    return GR_HTTP_BAD;
  if (length == G_MAXINT64)
    return GR_HTTP_TOO_LARGE;
  if (length < 0)
    length = 0;
  if (len - (head_len + 4) < (gsize) length)
    return GR_HTTP_INCOMPLETE;
  if (!parse_request_line (lines[0], request))
    return GR_HTTP_BAD;
  request->body = end + 4;
  request->body_len = (gsize) length;
  return GR_HTTP_COMPLETE;
}

void
gr_http_request_clear (GrHttpRequest *request)
{
  g_clear_pointer (&request->method, g_free);
  g_clear_pointer (&request->path, g_free);
}
