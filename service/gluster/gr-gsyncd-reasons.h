/* georepd: the last failure of a session's monitor and of each of its
 * workers on this node, as told by the lines of its gsyncd.log
 * (gr-gsyncd-log.h, gr-gsyncd-cause.h) fed in the order written.
 *
 * A worker's reason is cleared when the worker runs again (its status
 * changes to Active or Passive); the monitor's reason (e.g. the secondary
 * unreachable before any worker started) as well when any worker runs.
 * A failure that tells less does not hide one that tells more logged
 * shortly before it (a recognized cause, then "worker died", then an
 * unrecognized error): gsyncd logs the cause first and its consequences
 * after. */
#pragma once

#include "gr-gsyncd-log.h"

G_BEGIN_DECLS

/* Within this many seconds after a failure, a vaguer one does not
 * replace it. */
#define GR_GSYNCD_REASON_HOLD 60

typedef struct {
  char *cause;   /* a cause id (gr-gsyncd-cause.h) */
  char *message; /* advice and gsyncd's words, cleaned and bounded */
  gint64 time;   /* Unix µs (UTC) of the line */
} GrGsyncdReason;

typedef struct _GrGsyncdReasons GrGsyncdReasons;

GrGsyncdReasons *gr_gsyncd_reasons_new (void);
void gr_gsyncd_reasons_free (GrGsyncdReasons *reasons);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrGsyncdReasons, gr_gsyncd_reasons_free)

/* Takes one raw line of the log (as gr-log-follower.h passes it). TRUE
 * when a reason was set or cleared. */
gboolean gr_gsyncd_reasons_feed (GrGsyncdReasons *reasons,
                                 const char *raw_line,
                                 gsize len);

/* The last failure of the worker of @brick, or of the monitor when @brick
 * is NULL; NULL when there is none. Owned by @reasons until the next
 * feed. */
const GrGsyncdReason *gr_gsyncd_reasons_get (GrGsyncdReasons *reasons,
                                             const char *brick);

/* Of the reasons of the workers and the monitor logged at or after @since
 * (Unix µs), the newest recognized cause, else the newest; NULL when
 * there is none: why a start made at @since failed. */
const GrGsyncdReason *gr_gsyncd_reasons_latest (GrGsyncdReasons *reasons,
                                                gint64 since);

G_END_DECLS
