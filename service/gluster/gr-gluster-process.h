/* georepd: one gluster CLI process, from spawn to exit. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GrGlusterProcess GrGlusterProcess;

/* Called once, on the main context, when the process has exited and its
 * output has ended (or it was killed at the deadline or for printing too
 * much). The callee frees the process. */
typedef void (*GrGlusterProcessDone) (GrGlusterProcess *process, gpointer data);

/* Runs @argv (argv[0] an absolute path) with stdin /dev/null, stdout and
 * stderr into one buffer of at most @output_max bytes, a clean
 * environment and no other descriptor; kills it after @deadline_s. */
GrGlusterProcess *gr_gluster_process_start (char **argv,
                                            guint deadline_s,
                                            gsize output_max,
                                            GrGlusterProcessDone done,
                                            gpointer data,
                                            GError **error);
void gr_gluster_process_free (GrGlusterProcess *process);

/* What it printed, NUL-terminated (the NUL not counted in @len). */
const char *gr_gluster_process_output (GrGlusterProcess *process, gsize *len);
/* The exit status, or -1 when it did not exit normally. */
int gr_gluster_process_exit_status (GrGlusterProcess *process);
gboolean gr_gluster_process_timed_out (GrGlusterProcess *process);
gboolean gr_gluster_process_overflowed (GrGlusterProcess *process);

G_END_DECLS
