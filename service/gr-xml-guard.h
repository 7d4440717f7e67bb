/* georepd: the rules every reader of the gluster CLI's XML obeys.
 *
 * Two readers parse that untrusted output: gr_xml_read() builds a DOM,
 * gr-xml-sax.c streams it. Both go through here, so that the size cap,
 * the libxml2 options, the DOCTYPE refusal and the error messages are
 * the same whichever one a caller uses. */
#pragma once

#include <glib.h>
#include <libxml/parser.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)

/* What libxml2 reported while parsing, through ctxt->_private. */
typedef struct {
  gboolean doctype;
  gboolean errored;
  gboolean error_at_end; /* the first error came where the input ended */
  int error_line;
  char *error_message;
  gpointer user_data; /* the reader's own state, for its SAX callbacks */
} GrXmlGuard;

/* A parser context over @data with the guard's options, its DOCTYPE
 * refusal and error capture on top of @sax (NULL: libxml2's own, which
 * builds a DOM). NULL and GR_ERROR_FAILED when @data is too large, empty
 * or does not start like XML. Free the context before the guard. */
xmlParserCtxt *gr_xml_guard_open (GrXmlGuard *guard,
                                  const char *data,
                                  gsize len,
                                  const xmlSAXHandler *sax,
                                  GError **error);

/* After parsing: FALSE and GR_ERROR_FAILED when the document had a
 * DOCTYPE or was not well-formed. */
gboolean
gr_xml_guard_check (GrXmlGuard *guard, xmlParserCtxt *ctxt, GError **error);

void gr_xml_guard_clear (GrXmlGuard *guard);

G_END_DECLS
