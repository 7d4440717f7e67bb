/* georepd: the values inside gluster's XML answers: counters, times in
 * gluster's format, opRet/opErrno, and names that are safe to use. Shared
 * by the readers of each command's answer (gr-xml-*.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

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
