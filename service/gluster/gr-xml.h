/* georepd: what the readers of the XML the gluster CLI prints with --xml
 * share: the cliOutput envelope, the size cap and the scalar helpers. The
 * readers themselves are in gr-xml-stream.h; the output is treated as
 * untrusted (gr-xml-reader.h). */
#pragma once

#include <glib.h>

#include "gr-gluster-types.h"

G_BEGIN_DECLS

/* Larger output is refused rather than parsed. */
#define GR_XML_MAX_SIZE (16 * 1024 * 1024)

/* The cliOutput envelope; missing fields read as 0 / "". */
typedef struct {
  int op_ret;
  int op_errno;
  char *op_errstr;
} GrCliStatus;

/* Reads only the envelope of untrusted CLI output, for the commands
 * whose answer says no more than whether they succeeded. FALSE with
 * GR_ERROR_FAILED, and @status cleared, when the output cannot be read
 * (see GrXmlStreamParser), the root is not cliOutput or opRet or opErrno
 * is not a number. */
gboolean gr_xml_cli_status (const char *data,
                            gsize len,
                            GrCliStatus *status,
                            GError **error);
void gr_cli_status_clear (GrCliStatus *status);

/* "glusterfs 10.3" (first line of `gluster --version`) → "10.3", or NULL. */
char *gr_gluster_parse_version (const char *text);

/* --- helpers shared by the gr-xml-*.c parsers --- */

/* A counter's text (NULL when missing): "N/A", "", NULL read as 0. */
guint64 gr_xml_parse_uint64 (const char *text);
/* opRet or opErrno (@name) of the envelope: missing or empty is 0,
 * anything else but a number is GR_ERROR_FAILED. */
gboolean gr_xml_parse_op_int (const char *name,
                              const char *text,
                              int *value,
                              GError **error);
/* "%Y-%m-%d %H:%M:%S" in UTC → Unix seconds; "N/A" and garbage → 0. */
guint64 gr_xml_parse_time (const char *text);
/* Something safe to use as a name: not empty, no space or control
 * character, not starting with '-' (it may end up in an argv). Volume,
 * host and user names are held to the stricter rules for caller input
 * (common/gr-validate.h), since they end up in paths too. */
gboolean gr_xml_is_name (const char *text);
/* The host named by @text, without the brackets around an IPv6 literal,
 * or NULL when a caller could not name it (gr_validate_host()). */
char *gr_xml_host (const char *text);

G_END_DECLS
