/* georepd: the large answers of the gluster CLI read in one pass, with
 * no DOM: `volume info` and `volume geo-replication status`, which the
 * refresh reads on every poll. Same results as the DOM parsers that read
 * them before, same rules for untrusted input (gr-xml-guard.h). */
#pragma once

#include <glib.h>

#include "gr-xml.h"

G_BEGIN_DECLS

/* One pass over untrusted `gluster --xml` output. Fills @envelope
 * (opRet, opErrno, opErrstr of cliOutput; see GrCliStatus in gr-xml.h)
 * and returns the data, an empty array when there is none (e.g. opRet != 0).
 * NULL with GR_ERROR_FAILED when the output is not a well-formed cliOutput
 * document, is larger than GR_XML_MAX_SIZE, or has a DOCTYPE; also when
 * opRet is 0 but the answer lacks the command's section (<volInfo>,
 * <geoRep>), as the DOM parsers refused it. @envelope may be NULL; on
 * failure it is left cleared, else the caller clears it with
 * gr_cli_status_clear(). */
typedef gpointer (*GrXmlStreamParser) (const char *data,
                                       gsize len,
                                       GrCliStatus *envelope,
                                       GError **error);

/* GPtrArray of GrVolumeInfo * (free func set). */
gpointer gr_xml_stream_volume_info (const char *data,
                                    gsize len,
                                    GrCliStatus *envelope,
                                    GError **error);
/* GPtrArray of GrSessionStatus * (free func set), same merging of a
 * session listed twice as today. */
gpointer gr_xml_stream_geo_status (const char *data,
                                   gsize len,
                                   GrCliStatus *envelope,
                                   GError **error);

G_END_DECLS
