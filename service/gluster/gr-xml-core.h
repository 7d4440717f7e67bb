/* georepd: libxml2 under the rules every reader of the gluster CLI's XML
 * obeys.
 *
 * That output is untrusted, and libxml2 reads it in one pass through its
 * SAX2 interface: nothing is fetched (XML_PARSE_NONET), no DTD is loaded
 * (no XML_PARSE_DTDLOAD), no entity is substituted (no XML_PARSE_NOENT),
 * libxml2's limits on names and text stay (no XML_PARSE_HUGE), and it
 * prints nothing. What gluster never writes, or what could cost too much,
 * is refused here: a DOCTYPE (with it any entity declaration), deep
 * nesting and output over GR_XML_MAX_SIZE. The callers see element names
 * and text only, no libxml2 type. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* gluster's answers nest eight deep; libxml2 stops at 256 as well. */
#define GR_XML_MAX_DEPTH 256

/* Larger output is refused rather than parsed. */
#define GR_XML_MAX_SIZE (16 * 1024 * 1024)

/* What a reader is told, in document order, with the @user_data given
 * to gr_xml_reader_parse(). start() and end() may refuse the document by
 * setting a GR_ERROR in @error: the parse stops there and the error is
 * handed on as it is. text() gets character data, CDATA sections and
 * white space alike, in pieces; @text is not NUL-terminated. */
typedef struct {
  void (*start) (gpointer user_data, const char *name, GError **error);
  void (*end) (gpointer user_data, const char *name, GError **error);
  void (*text) (gpointer user_data, const char *text, gsize len);
} GrXmlReaderCallbacks;

/* One pass of @callbacks over @data under the rules above. Besides what
 * a callback refuses, GR_ERROR_FAILED "Cannot read gluster output: …"
 * (larger than 16 MiB, empty, not XML, a DOCTYPE is not allowed, elements
 * nested too deep, truncated XML, malformed XML at line N). */
gboolean gr_xml_reader_parse (const GrXmlReaderCallbacks *callbacks,
                              const char *data,
                              gsize len,
                              gpointer user_data,
                              GError **error);

G_END_DECLS
