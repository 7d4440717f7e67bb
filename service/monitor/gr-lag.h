/* georepd: how far behind a session is, from gluster's status alone
 * (docs/api.md "Lag"): pure computations, no state. */
#pragma once

#include "gr-gluster-types.h"

G_BEGIN_DECLS

/* A lag that cannot be known: the worker does not sync, or gluster did
 * not say how far it got. */
#define GR_LAG_UNKNOWN ((gint64) -1)

/* gsyncd syncs a changelog some seconds after the brick rolled it over
 * (changelog.rollover-time, 15 s by default): one that waits longer than
 * this while gsyncd reports nothing pending was missed. */
#define GR_LAG_STALLED_AFTER 120

/* Whether @worker is Active in Changelog Crawl and its brick's changelog
 * recorded changes that have waited GR_LAG_STALLED_AFTER, at @now, for
 * gsyncd (GrWorker.unsynced_change). */
gboolean gr_lag_worker_stalled (const GrWorker *worker, gint64 now);

/* The age in seconds, at @now (Unix seconds), of the oldest change of
 * @worker's brick not yet on the secondary. */
gint64 gr_lag_worker (const GrWorker *worker, gint64 now);

typedef struct {
  gint64 lag;            /* the worst set's; GR_LAG_UNKNOWN */
  guint sets;            /* sets with a running worker */
  guint sets_no_active;  /* … of which none is Active */
  guint sets_two_active; /* … of which more than one is Active */
  guint stalled;         /* workers gr_lag_worker_stalled () */
  guint64 pending;       /* entry + data + meta over every worker */
} GrLagSummary;

/* The session's lag is its worst replica set's (grouped by @volume; each
 * worker a set of its own with @volume NULL); a set's is its Active
 * worker's. */
void gr_lag_summarize (GPtrArray *workers,
                       const GrVolumeInfo *volume,
                       gint64 now,
                       GrLagSummary *summary);

/* Whether a lag went from @before to @after by much: to or from 0 or
 * unknown, or by more than a minute and a tenth. */
gboolean gr_lag_moved_much (gint64 before, gint64 after);

/* One observation of a session, for its trend and checkpoint ETA. */
typedef struct {
  gint64 time;         /* Unix seconds */
  gint64 lag;          /* GR_LAG_UNKNOWN */
  guint64 last_synced; /* the session's LastSynced, 0 unknown */
  guint64 pending;     /* GrLagSummary.pending */
} GrLagPoint;

typedef enum {
  GR_LAG_TREND_UNKNOWN,
  GR_LAG_TREND_STEADY,
  GR_LAG_TREND_CATCHING_UP,
  GR_LAG_TREND_FALLING_BEHIND,
} GrLagTrend;

/* From the oldest to the newest of @points (in time order) whose lag is
 * known: a lag that moved by more than GR_LAG_TREND_SLACK seconds or a
 * tenth of the time between them went down or up; otherwise steady. */
#define GR_LAG_TREND_SLACK 10
GrLagTrend gr_lag_trend (const GrLagPoint *points, guint n_points);
/* "unknown", "steady", "catching-up", "falling-behind" */
const char *gr_lag_trend_to_string (GrLagTrend trend);

/* When a checkpoint at @checkpoint_time, not completed yet, should
 * complete (Unix seconds), from the rate at which LastSynced approached
 * it over @points, else from the rate at which the pending changes
 * shrank; 0 when neither moves (or no checkpoint is pending). */
guint64 gr_lag_checkpoint_eta (const GrLagPoint *points,
                               guint n_points,
                               guint64 checkpoint_time,
                               gboolean completed);

G_END_DECLS
