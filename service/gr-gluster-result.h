/* georepd: turning one gluster CLI run into a result or a GR_ERROR. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

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

/* Classifies the output of a command run without --xml. */
GrGlusterOutcome gr_gluster_result_from_text (const char *output,
                                              int exit_status,
                                              GError **error);

G_END_DECLS
