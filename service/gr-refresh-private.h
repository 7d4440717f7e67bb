/* georepd: what the parts of the refresher share (gr-refresh.c: full
 * refreshes and polling; gr-refresh-session.c: one session;
 * gr-refresh-apply.c: queries of configs and applying the answers). */
#pragma once

#include "gr-refresh.h"

G_BEGIN_DECLS

/* One refresh in progress: what gluster answered so far. */
typedef struct {
  GrRefresher *refresher;
  GTask *task;         /* session refreshes only */
  GrSessionId *id;     /* session refreshes only */
  GPtrArray *statuses; /* GrSessionStatus * */
  GHashTable *configs; /* label → GrRefreshConfig * */
  guint pending;
} GrRefreshRun;

GrRefreshRun *gr_refresh_run_new (GrRefresher *refresher);
void gr_refresh_run_free (GrRefreshRun *run);

/* Asks for the configs of the sessions in run->statuses that changed
 * since they were read (all of them for a session refresh), then calls
 * @done with @run. */
void gr_refresh_query_configs (GrRefreshRun *run,
                               void (*done) (GrRefreshRun *));

/* Applies one status (taken) and its config when one was read: creates
 * the session when new. */
GrSessionObject *gr_refresh_apply_one (GrRefreshRun *run,
                                       GrSessionStatus *status);

/* The session a status is about, NULL when the registry has none yet. */
GrSessionObject *gr_refresh_status_session (GrRefresher *refresher,
                                            const GrSessionStatus *status);

G_END_DECLS
