/* georepd: turning one gluster CLI run into a result or a GR_ERROR. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

#include "gr-xml-stream.h"

G_BEGIN_DECLS

typedef enum {
  GR_GLUSTER_OUTCOME_OK,
  GR_GLUSTER_OUTCOME_FAILED,
  GR_GLUSTER_OUTCOME_RETRY, /* the cluster lock was busy: try again */
} GrGlusterOutcome;

/* Classifies the output of `gluster --xml …` that exited with
 * @exit_status. On OK, *doc holds the document. */
GrGlusterOutcome gr_gluster_result_from_xml (const char *output,
                                             gsize len,
                                             int exit_status,
                                             xmlDoc **doc,
                                             GError **error);

/* Like gr_gluster_result_from_xml, with @parser instead of a DOM: on OK,
 * *result holds what @parser returned. Output that does not look like XML
 * or does not parse is classified as the text it is (classify_text), as
 * gr_gluster_result_from_xml does; opRet/opErrno are classified as there
 * (30802 or "Another transaction is in progress" → RETRY). @result_free
 * frees what @parser returned when the outcome is not OK. */
GrGlusterOutcome gr_gluster_result_from_stream (const char *output,
                                                gsize len,
                                                int exit_status,
                                                GrXmlStreamParser parser,
                                                GDestroyNotify result_free,
                                                gpointer *result,
                                                GError **error);

/* Classifies the output of a command run without --xml. */
GrGlusterOutcome gr_gluster_result_from_text (const char *output,
                                              int exit_status,
                                              GError **error);

G_END_DECLS
