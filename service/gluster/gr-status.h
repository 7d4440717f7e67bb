/* georepd: a session's Status and figures from its workers. */
#pragma once

#include "gr-gluster-types.h"

G_BEGIN_DECLS

/* One of "created", "initializing", "active", "passive", "faulty",
 * "partial-faulty", "paused", "stopped", "unknown". Workers are grouped
 * into the replica (or disperse) sets of @volume; with @volume NULL each
 * worker is a set of its own. */
const char *gr_status_aggregate (GPtrArray *workers,
                                 const GrVolumeInfo *volume);

typedef struct {
  guint64 last_synced;           /* oldest of the Active workers, 0 if none */
  guint64 failures;              /* sum over all workers */
  guint64 checkpoint_time;       /* latest set on any worker */
  gboolean checkpoint_completed; /* by every Active worker */
  guint64 checkpoint_completion_time; /* latest, 0 unless completed */
} GrStatusSummary;

void gr_status_summarize (GPtrArray *workers, GrStatusSummary *summary);

G_END_DECLS
