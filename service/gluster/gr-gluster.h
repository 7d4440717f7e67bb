/* georepd: the gluster CLI runner. Every command goes through one queue,
 * because glusterd takes a cluster-wide lock per transaction anyway. */
#pragma once

#include <gio/gio.h>

#include "gr-xml-cli-output.h"

G_BEGIN_DECLS

#define GR_GLUSTER_OUTPUT_MAX (16 * 1024 * 1024)

typedef struct _GrGluster GrGluster;

/* @hooks_dir: glusterd's hooks directory, whose scripts jobs wait for;
 * NULL not to wait. */
GrGluster *
gr_gluster_new (const char *command, guint timeout, const char *hooks_dir);
void gr_gluster_free (GrGluster *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrGluster, gr_gluster_free)

/* The commands run so far (each retry counts), those that failed (or
 * were retried for the cluster lock), and their time in all. */
typedef struct {
  guint64 commands;
  guint64 failures;
  guint64 duration_us;
} GrGlusterStats;
const GrGlusterStats *gr_gluster_get_stats (GrGluster *self);

/* Runs `gluster --mode=script --xml --timeout=N ARGS…`, for a command
 * whose answer says no more than whether it succeeded (start, stop,
 * config set, …). @args are placed after the global options and must
 * already be validated. TRUE when its opRet was 0. */
void gr_gluster_run_async (GrGluster *self,
                           const char *const *args,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data);
gboolean
gr_gluster_run_finish (GrGluster *self, GAsyncResult *result, GError **error);

/* Like gr_gluster_run_async(), for the answers with data: the output is
 * read in one pass by @parser (the gr-xml-*.h readers), and the result is what
 * it returned (freed with @result_free when not handed out). */
void gr_gluster_run_parsed_async (GrGluster *self,
                                  const char *const *args,
                                  GrXmlAnswerReader parser,
                                  GDestroyNotify result_free,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
gpointer gr_gluster_run_parsed_finish (GrGluster *self,
                                       GAsyncResult *result,
                                       GError **error);

/* Runs `gluster --mode=script --timeout=N ARGS…` without --xml, for the
 * commands that never answer in XML (--version, system:: execute);
 * returns stdout. */
void gr_gluster_run_text_async (GrGluster *self,
                                const char *const *args,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
char *gr_gluster_run_text_finish (GrGluster *self,
                                  GAsyncResult *result,
                                  GError **error);

G_END_DECLS
