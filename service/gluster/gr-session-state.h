/* georepd: a session's Status and figures from its workers. */
#pragma once

#include "gr-gluster-types.h"

G_BEGIN_DECLS

/* A session's state, computed from its workers (gr-session-state.c). */
typedef enum {
  GR_SESSION_STATE_UNKNOWN,
  GR_SESSION_STATE_CREATED,
  GR_SESSION_STATE_INITIALIZING,
  GR_SESSION_STATE_ACTIVE,
  GR_SESSION_STATE_PASSIVE,
  GR_SESSION_STATE_FAULTY,
  GR_SESSION_STATE_PARTIAL_FAULTY,
  GR_SESSION_STATE_PAUSED,
  GR_SESSION_STATE_STOPPED,
  GR_SESSION_STATE_PARTIAL,
} GrSessionState;

/* The Session.Status word: "created", "partial-faulty", … */
const char *gr_session_state_to_string (GrSessionState state);

/* Adds an Offline worker for each brick of @volume that no worker of
 * @workers runs: gluster's status leaves out the bricks of a node whose
 * glusterd did not answer. Nothing when no worker is known at all. */
void gr_status_add_offline_workers (GPtrArray *workers,
                                    const GrVolumeInfo *volume);

/* Workers are grouped into the replica (or disperse) sets of @volume;
 * with @volume NULL each worker is a set of its own. */
GrSessionState gr_status_aggregate (GPtrArray *workers,
                                    const GrVolumeInfo *volume);

/* The replica (or disperse) set of @worker's brick in @volume, counted
 * from 0 in brick order; -1 when @volume is NULL or lists no such brick. */
int gr_status_worker_set (const GrVolumeInfo *volume, const GrWorker *worker);

typedef struct {
  guint64 last_synced;           /* oldest of the Active workers, 0 if none */
  guint64 failures;              /* sum over all workers */
  guint64 checkpoint_time;       /* latest set on any worker */
  gboolean checkpoint_completed; /* by every Active worker */
  guint64 checkpoint_completion_time; /* latest, 0 unless completed */
} GrStatusSummary;

void gr_status_summarize (GPtrArray *workers, GrStatusSummary *summary);

G_END_DECLS
