/* georepd: turning one gluster CLI run into a result or a GR_ERROR. */
#pragma once

#include <glib.h>

#include "gr-xml-cli-output.h"

G_BEGIN_DECLS

/* opErrno of "Another transaction is in progress" (the cluster lock). */
#define GR_GLUSTER_ERRNO_LOCKED 30802

typedef enum {
  GR_GLUSTER_OUTCOME_OK,
  GR_GLUSTER_OUTCOME_FAILED,
  GR_GLUSTER_OUTCOME_RETRY, /* the cluster lock was busy: try again */
} GrGlusterOutcome;

/* Classifies the output of `gluster --xml …` that exited with
 * @exit_status, for a command whose answer says no more than whether it
 * succeeded: only the cliOutput envelope is read. Output that does not
 * look like XML or cannot be read is classified as the text it is
 * (classify_text); opRet 0 is OK, opErrno 30802 or "Another transaction
 * is in progress" RETRY, any other opRet GR_ERROR_GLUSTER_FAILED with
 * opErrstr. */
GrGlusterOutcome gr_gluster_result_from_envelope (const char *output,
                                                  gsize len,
                                                  int exit_status,
                                                  GError **error);

/* Like gr_gluster_result_from_envelope, for the answers with data: on OK,
 * *result holds what @parser returned. @result_free frees what @parser
 * returned when the outcome is not OK. */
GrGlusterOutcome gr_gluster_result_from_stream (const char *output,
                                                gsize len,
                                                int exit_status,
                                                GrXmlAnswerReader parser,
                                                GDestroyNotify result_free,
                                                gpointer *result,
                                                GError **error);

/* Classifies the output of a command run without --xml. */
GrGlusterOutcome gr_gluster_result_from_text (const char *output,
                                              int exit_status,
                                              GError **error);

/* "glusterfs 10.3" (first line of `gluster --version`) → "10.3", or NULL. */
char *gr_gluster_parse_version (const char *text);

G_END_DECLS
