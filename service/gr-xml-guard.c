/* georepd: the rules every reader of the gluster CLI's XML obeys.
 *
 * gluster never prints a DOCTYPE, so a document carrying one is refused
 * as soon as the parser meets it: its entity declarations (billion
 * laughs, external entities) are never even read. Without a DTD, no
 * option loads one (no XML_PARSE_DTDLOAD), entities are not substituted
 * (no XML_PARSE_NOENT), nothing is fetched (XML_PARSE_NONET) and
 * libxml2's own limits on depth and text size stay (no XML_PARSE_HUGE). */
#include <string.h>

#include <libxml/parserInternals.h>

#include "gr-error.h"
#include "gr-xml-guard.h"
#include "gr-xml.h"

#define GR_XML_OPTIONS                                                         \
  (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

static void
init_libxml (void)
{
  static gsize initialized = 0;

  /* The first call is not thread-safe in every libxml2 version. */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

static void
on_doctype (void *user_data,
            const xmlChar *name,
            const xmlChar *external_id,
            const xmlChar *system_id)
{
  xmlParserCtxt *ctxt = user_data;
  GrXmlGuard *guard = ctxt->_private;

  guard->doctype = TRUE;
  xmlStopParser (ctxt);
}

/* Errors are reported through the GError only, never on stderr. The
 * position of the first one tells a truncated document from a broken
 * one; by the end of parsing the parser has moved on. */
#if LIBXML_VERSION >= 21200
static void
on_structured_error (void *user_data, const xmlError *error)
#else
static void
on_structured_error (void *user_data, xmlError *error)
#endif
{
  xmlParserCtxt *ctxt = user_data;
  GrXmlGuard *guard = ctxt->_private;

  if (guard->errored || error->level < XML_ERR_ERROR)
    return;
  guard->errored = TRUE;
  guard->error_at_end =
      ctxt->input != NULL && ctxt->input->cur >= ctxt->input->end;
  guard->error_line = error->line;
  guard->error_message =
      g_strdup (error->message ? error->message : "unknown error");
  g_strstrip (g_strdelimit (guard->error_message, "\r\n", ' '));
}

static gboolean
refuse (GError **error, const char *why)
{
  g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
               "Cannot read gluster output: %s", why);
  return FALSE;
}

static gboolean
check_input (const char *data, gsize len, GError **error)
{
  gsize i = 0;

  if (len > GR_XML_MAX_SIZE)
    return refuse (error, "larger than 16 MiB");
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  if (i == len)
    return refuse (error, "empty");
  if (data[i] != '<')
    return refuse (error, "not XML");
  return TRUE;
}

xmlParserCtxt *
gr_xml_guard_open (GrXmlGuard *guard,
                   const char *data,
                   gsize len,
                   const xmlSAXHandler *sax,
                   GError **error)
{
  xmlParserCtxt *ctxt;

  memset (guard, 0, sizeof *guard);
  if (!check_input (data, len, error))
    return NULL;
  init_libxml ();
  ctxt = xmlCreateMemoryParserCtxt (data, (int) len);
  if (ctxt == NULL)
    {
      refuse (error, "out of memory");
      return NULL;
    }
  xmlCtxtUseOptions (ctxt, GR_XML_OPTIONS);
  if (sax != NULL)
    *ctxt->sax = *sax;
  ctxt->sax->internalSubset = on_doctype;
  ctxt->sax->serror = on_structured_error;
  ctxt->_private = guard;
  return ctxt;
}

static void
report_parse_error (GrXmlGuard *guard, GError **error)
{
  const char *message =
      guard->error_message ? guard->error_message : "unknown error";

  if (guard->error_at_end)
    g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                 "Cannot read gluster output: truncated XML (%s)", message);
  else
    g_set_error (error, GR_ERROR, GR_ERROR_FAILED,
                 "Cannot read gluster output: malformed XML at line %d (%s)",
                 guard->error_line, message);
}

gboolean
gr_xml_guard_check (GrXmlGuard *guard, xmlParserCtxt *ctxt, GError **error)
{
  if (guard->doctype)
    return refuse (error, "a DOCTYPE is not allowed");
  if (!ctxt->wellFormed)
    {
      report_parse_error (guard, error);
      return FALSE;
    }
  return TRUE;
}

void
gr_xml_guard_clear (GrXmlGuard *guard)
{
  g_clear_pointer (&guard->error_message, g_free);
}
