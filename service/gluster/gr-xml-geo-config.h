/* georepd: the reader of one gluster command's XML answer (see
 * GrXmlAnswerReader in gr-xml-cli-output.h), in one pass with no DOM. It
 * understands both the Gluster >= 10 (primary/secondary) and <= 9
 * (master/slave) names. */
#pragma once

#include <glib.h>

#include "gr-xml-cli-output.h"

G_BEGIN_DECLS

/* `volume geo-replication P H::S config [KEY]`: GHashTable of key →
 * value, keys with '-' as the CLI takes them. Names are kept otherwise
 * as the server prints them (slave-* on <= 9). */
gpointer gr_xml_read_geo_config (const char *data,
                                 gsize len,
                                 GrCliStatus *envelope,
                                 GError **error);

G_END_DECLS
