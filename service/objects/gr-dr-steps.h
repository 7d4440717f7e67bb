/* georepd: what the steps of the long operations share (gr-jobs.h):
 * the job's session, and a gluster command on this node that ends the
 * step or hands on to the next part of it. */
#pragma once

#include "gr-jobs.h"
#include "gr-session-object.h"

G_BEGIN_DECLS

/* The session the job works on (its "session" parameter, a label), or
 * NULL with NOT_FOUND. */
GrSessionObject *gr_dr_session (GrJobObject *job, GError **error);

/* A step of an operation on a session, by name. */
typedef struct {
  const char *name;
  void (*run) (GrJobObject *job, GrSessionObject *session);
} GrDrStep;

/* Runs the job's current step from @table, on the job's session (the
 * step fails when it is gone). */
void gr_dr_run_step (GrJobObject *job, const GrDrStep *table, gsize n_steps);

/* Idle: created or stopped, nothing runs. */
gboolean gr_dr_session_is_idle (GrSessionObject *session);

/* Runs `volume geo-replication PRIMARY URL WORDS…` (NULL-terminated) for
 * @session through the gluster queue, refreshes the session, then calls
 * @then (NULL: the step is done). A failure fails the step. */
void gr_dr_session_command (GrJobObject *job,
                            GrSessionObject *session,
                            GrJobStepFunc then,
                            const char *word,
                            ...) G_GNUC_NULL_TERMINATED;

/* Refreshes @session (status and config), then calls @then. */
void gr_dr_session_refresh (GrJobObject *job,
                            GrSessionObject *session,
                            GrJobStepFunc then);

/* How far a checkpoint is: among the workers of @status (may be NULL),
 * the Active ones, those of them that completed the checkpoint set at
 * @checkpoint (Unix seconds) or later, and the Faulty ones. */
typedef struct {
  guint active;
  guint completed;
  guint faulty;
} GrCheckpointCount;

GrCheckpointCount gr_dr_count_checkpoint (const GrSessionStatus *status,
                                          guint64 checkpoint);

G_END_DECLS
