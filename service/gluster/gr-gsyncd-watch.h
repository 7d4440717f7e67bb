/* georepd: a session's gsyncd.log watched as it is written: a follower
 * (gr-log-follower.h) woken by a GFileMonitor on the log's directory,
 * feeding the reasons (gr-gsyncd-reasons.h) of the session's monitor and
 * workers on this node.
 *
 * Reading is bounded per main-loop turn: a burst of log lines is read in
 * slices from an idle, never in one go. */
#pragma once

#include "gr-gsyncd-reasons.h"

G_BEGIN_DECLS

/* How far back the log is read when watching starts: the recent past
 * tells why a worker that is faulty already is. */
#define GR_GSYNCD_WATCH_TAIL (64 * 1024)

typedef struct _GrGsyncdWatch GrGsyncdWatch;

/* Called from the main loop when a reason was set or cleared. */
typedef void (*GrGsyncdWatchFunc) (GrGsyncdWatch *watch, gpointer user_data);

/* Watches @log_file (the session's log-file config value; it need not
 * exist yet) from the thread-default main context. */
GrGsyncdWatch *gr_gsyncd_watch_new (const char *log_file,
                                    GrGsyncdWatchFunc changed,
                                    gpointer user_data);
void gr_gsyncd_watch_free (GrGsyncdWatch *watch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrGsyncdWatch, gr_gsyncd_watch_free)

/* Reads all that was written up to now, at once (for a caller that must
 * answer with what the log says now); TRUE when a reason changed. The
 * changed callback is not called for it. */
gboolean gr_gsyncd_watch_catch_up (GrGsyncdWatch *watch);

GrGsyncdReasons *gr_gsyncd_watch_get_reasons (GrGsyncdWatch *watch);

G_END_DECLS
