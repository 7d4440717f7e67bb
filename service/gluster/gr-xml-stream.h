/* georepd: the answers of the gluster CLI read in one pass, with no DOM
 * (gr-xml-sax.h), under the rules for untrusted input (gr-xml-reader.h).
 * Each understands both the Gluster >= 10 (primary/secondary) and <= 9
 * (master/slave) names. */
#pragma once

#include <glib.h>

#include "gr-xml.h"

G_BEGIN_DECLS

/* One pass over untrusted `gluster --xml` output. Fills @envelope
 * (opRet, opErrno, opErrstr of cliOutput; see GrCliStatus in gr-xml.h)
 * and returns the data, empty when there is none (e.g. opRet != 0).
 * NULL with GR_ERROR_FAILED when the output is not a well-formed cliOutput
 * document, is larger than GR_XML_MAX_SIZE, or has a DOCTYPE; also when
 * opRet is 0 but the answer lacks the command's section (<volInfo>,
 * <geoRep>, <config>, <volList>). @envelope may be NULL; on failure it
 * is left cleared, else the caller clears it with gr_cli_status_clear(). */
typedef gpointer (*GrXmlStreamParser) (const char *data,
                                       gsize len,
                                       GrCliStatus *envelope,
                                       GError **error);

/* `volume info`: GPtrArray of GrVolumeInfo * (free func set). */
gpointer gr_xml_stream_volume_info (const char *data,
                                    gsize len,
                                    GrCliStatus *envelope,
                                    GError **error);
/* `volume geo-replication [P H::S] status [detail]`: GPtrArray of
 * GrSessionStatus * (free func set); a session listed twice is one. */
gpointer gr_xml_stream_geo_status (const char *data,
                                   gsize len,
                                   GrCliStatus *envelope,
                                   GError **error);
/* `volume geo-replication P H::S config [KEY]`: GHashTable of key →
 * value, keys with '-' as the CLI takes them. Names are kept otherwise
 * as the server prints them (slave-* on <= 9). */
gpointer gr_xml_stream_config (const char *data,
                               gsize len,
                               GrCliStatus *envelope,
                               GError **error);
/* `volume list`: GPtrArray of char * (free func set). */
gpointer gr_xml_stream_volume_list (const char *data,
                                    gsize len,
                                    GrCliStatus *envelope,
                                    GError **error);

G_END_DECLS
