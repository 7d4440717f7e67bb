/* georepd: what the parts of the refresher share (gr-refresh.c: full
 * refreshes and polling; gr-refresh-session.c: one session;
 * gr-refresh-apply.c: queries of configs and turning the answers into
 * snapshots). */
#pragma once

#include "gr-refresh.h"

G_BEGIN_DECLS

/* The refresher's own: the other parts hold the configuration and the
 * gluster queue through their context (objects/gr-context.h). */
const GrConfig *gr_refresher_get_config (GrRefresher *self);
GrGluster *gr_refresher_get_gluster (GrRefresher *self);

/* What the refresher remembers of a session it reported: enough to ask
 * gluster only for what changed and to tell a vanished session from a
 * missed answer. */
typedef struct {
  GrSessionId *id;
  gint64 config_mtime; /* of gsyncd.conf at the last config read, -1: never */
  guint64 config_checkpoint; /* the checkpoint that config sets, 0: none */
  GrSessionState state;
  gboolean seen; /* in the last full refresh's answer */
  guint misses;  /* full refreshes in a row without it */
} GrRefreshKnown;

/* One refresh in progress: what gluster answered so far. */
typedef struct {
  GrRefresher *refresher;
  GTask *task;             /* session refreshes only */
  GrSessionId *id;         /* session refreshes only */
  GPtrArray *statuses;     /* GrSessionStatus * */
  GHashTable *configs;     /* label → GrRefreshConfig * */
  GHashTable *config_pool; /* the entries they share (gr-effective-config.h) */
  guint pending;
} GrRefreshRun;

GrRefreshRun *gr_refresh_run_new (GrRefresher *refresher);
void gr_refresh_run_free (GrRefreshRun *run);

/* Asks for the configs of the sessions in run->statuses that changed
 * since they were read (all of them for a session refresh), then calls
 * @done with @run. */
void gr_refresh_query_configs (GrRefreshRun *run,
                               void (*done) (GrRefreshRun *));

/* Hands one status (taken) and its config, when one was read, on as a
 * snapshot; returns what the refresher now remembers of the session. */
GrRefreshKnown *gr_refresh_report (GrRefreshRun *run, GrSessionStatus *status);

/* What the refresher remembers of the session @label, NULL if nothing. */
GrRefreshKnown *gr_refresher_lookup_known (GrRefresher *self,
                                           const char *label);
/* Records the snapshot and emits session-snapshot. */
GrRefreshKnown *gr_refresher_emit_snapshot (GrRefresher *self,
                                            GrSessionSnapshot *snapshot);
/* Forgets the session and emits session-gone. */
void gr_refresher_forget (GrRefresher *self, const char *label);

G_END_DECLS
