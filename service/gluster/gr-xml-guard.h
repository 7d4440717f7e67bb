/* georepd: the rules every reader of the gluster CLI's XML obeys.
 *
 * That output is untrusted. It is read with GLib's GMarkup, which knows
 * no DTD, no external entity and no entity but the five predefined ones
 * and character references, and fetches nothing. What GMarkup lets pass
 * and XML does not, or what could cost too much, is refused here: a
 * DOCTYPE, a second root element, a NUL byte, deep nesting and output
 * over GR_XML_MAX_SIZE. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* gluster's answers nest eight deep; libxml2, which read them before,
 * stopped at 256 too. */
#define GR_XML_MAX_DEPTH 256

/* One pass of @parser over @data under the rules above. @parser's
 * start_element, end_element and text must be set; its passthrough and
 * error are not called. A callback refuses the document by setting a
 * GR_ERROR in its @error, which is handed on as it is. Anything else is
 * GR_ERROR_FAILED, "Cannot read gluster output: …" (larger than 16 MiB,
 * empty, not XML, a DOCTYPE is not allowed, truncated XML, malformed XML
 * at line N). Nothing is printed. */
gboolean gr_xml_guard_parse (const GMarkupParser *parser,
                             const char *data,
                             gsize len,
                             gpointer user_data,
                             GError **error);

G_END_DECLS
