/* georepd: whether a session that gluster says it started really runs.
 *
 * `gluster volume geo-replication … start` succeeds even when gsyncd's
 * monitor dies at once (docs/api.md, Session.Start), so Start and Resume
 * look again until one of these holds: a worker of this node is Active or
 * Passive (it runs); gsyncd logged a failure since the start (it failed,
 * and the log says why); the monitor is gone after a grace time (it
 * failed). The caller asks again, from a timer, until a deadline. */
#pragma once

#include "gr-gluster-types.h"
#include "gr-gsyncd-reasons.h"

G_BEGIN_DECLS

/* The monitor writes its pid-file lock within this time of the start. */
#define GR_START_MONITOR_GRACE_US (3 * G_USEC_PER_SEC)

typedef enum {
  GR_START_WAITING,
  GR_START_RUNNING,
  GR_START_FAILED,
} GrStartVerdict;

/* @workers: this node's GrWorker * (from the status files; with none,
 * the session is not this node's to judge: RUNNING); @reason: the
 * log's reason since the start (gr_gsyncd_reasons_latest()), or NULL;
 * @elapsed: µs since the start. */
GrStartVerdict gr_start_verdict (gboolean monitor_running,
                                 GPtrArray *workers,
                                 const GrGsyncdReason *reason,
                                 gint64 elapsed);

/* The message of a failed start: the log's reason when there is one. */
char *gr_start_failure_message (const GrGsyncdReason *reason,
                                gboolean monitor_running,
                                guint timeout_seconds);

G_END_DECLS
