/* georepd: parsers for the XML the gluster CLI prints with --xml.
 *
 * The output is treated as untrusted: size capped, no network, no DTD,
 * no entities. Every parser takes a document returned by gr_xml_read()
 * after the caller checked opRet, and understands both the Gluster >= 10
 * (primary/secondary) and <= 9 (master/slave) names. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "gr-gluster-types.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* Larger output is refused rather than parsed. */
#define GR_XML_MAX_SIZE (16 * 1024 * 1024)

/* Parses untrusted CLI output. Documents with a DOCTYPE are refused.
 * Errors are GR_ERROR_FAILED ("not XML", "truncated", ...). */
xmlDoc *gr_xml_read (const char *data, gsize len, GError **error);

/* The cliOutput envelope; missing fields read as 0 / "". */
typedef struct {
  int op_ret;
  int op_errno;
  char *op_errstr;
} GrCliStatus;

/* FALSE with GR_ERROR_FAILED when the root is not cliOutput. */
gboolean gr_xml_cli_status (xmlDoc *doc, GrCliStatus *status, GError **error);
void gr_cli_status_clear (GrCliStatus *status);

/* char *, from `gluster --xml volume list`. */
GPtrArray *gr_xml_parse_volume_list (xmlDoc *doc, GError **error);
/* key → value, keys with '-' as the CLI takes them, from `gluster --xml
 * volume geo-replication P H::S config [KEY]`. Names are kept otherwise
 * as the server prints them (slave-* on <= 9). */
GHashTable *gr_xml_parse_config (xmlDoc *doc, GError **error);

/* "glusterfs 10.3" (first line of `gluster --version`) → "10.3", or NULL. */
char *gr_gluster_parse_version (const char *text);

/* --- helpers shared by the gr-xml-*.c parsers --- */

/* The root element if it is named @name, else NULL and GR_ERROR_FAILED. */
xmlNode *gr_xml_root (xmlDoc *doc, const char *name, GError **error);
/* cliOutput/@name, the part of the answer that holds the data, else NULL
 * and GR_ERROR_FAILED. */
xmlNode *gr_xml_cli_section (xmlDoc *doc, const char *name, GError **error);
/* The first element child of @parent named @name, or NULL. */
xmlNode *gr_xml_child (xmlNode *parent, const char *name);
/* The next element sibling named @name after @node, or NULL. */
xmlNode *gr_xml_next (xmlNode *node, const char *name);
/* The text directly inside @node (not its children's), stripped. */
char *gr_xml_text (xmlNode *node);
/* The text of the first child named @name, NULL when there is none. */
char *gr_xml_child_text (xmlNode *parent, const char *name);
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
 * character, not starting with '-' (it may end up in an argv). */
gboolean gr_xml_is_name (const char *text);

G_END_DECLS
