/* georepd: reading gluster through its CLI, at start, after changes and
 * by polling.
 *
 * The refresher knows no object: it hands what it read on as one
 * immutable snapshot per session (signal session-snapshot, a
 * GrSessionSnapshot *) and says when a session is gone (session-gone,
 * its label); objects/gr-session-sync.c applies both to the session
 * objects. It tells about glusterd and the volumes through its
 * properties (glusterd-running, gluster-version, last-refresh,
 * volume-names), which the Manager binds to its own. */
#pragma once

#include "gr-config.h"
#include "gr-gluster.h"
#include "gr-session-id.h"
#include "gr-session-snapshot.h"

G_BEGIN_DECLS

#define GR_TYPE_REFRESHER (gr_refresher_get_type ())
G_DECLARE_FINAL_TYPE (GrRefresher, gr_refresher, GR, REFRESHER, GObject)

/* @config and @gluster outlive the refresher. */
GrRefresher *gr_refresher_new (GrConfig *config, GrGluster *gluster);

gboolean gr_refresher_get_glusterd_running (GrRefresher *self);
/* Whether the last refreshes reported the session @label. */
gboolean gr_refresher_knows_session (GrRefresher *self, const char *label);
/* The identity of the session @label as the last refreshes reported it
 * (with its secondary user), or NULL. */
GrSessionId *gr_refresher_known_session_id (GrRefresher *self,
                                            const char *label);
/* A volume of this cluster as the last refresh read it; NULL if none. */
const GrVolumeInfo *gr_refresher_lookup_volume (GrRefresher *self,
                                                const char *name);

/* The identity of a session as this node's gluster keeps it. */
GrSessionId *gr_refresher_new_session_id (GrRefresher *self,
                                          const char *primary,
                                          const char *user,
                                          const char *host,
                                          const char *secondary);

/* Full refreshes that completed, and how long the last one took. */
typedef struct {
  guint64 refreshes;
  guint64 last_duration_us;
} GrRefreshStats;
const GrRefreshStats *gr_refresher_get_stats (GrRefresher *self);

/* Runs the first full refresh now and polls from then on. */
void gr_refresher_start (GrRefresher *self);

/* A full refresh: volumes, every session's status and config. A request
 * made while one runs is served by the next one, which starts when the
 * running one ends; all requests waiting for it share it. */
void gr_refresher_refresh_async (GrRefresher *self,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean gr_refresher_refresh_finish (GrRefresher *self,
                                      GAsyncResult *result,
                                      GError **error);

/* Refreshes one session (status and config) after a change to it. Its
 * snapshot is emitted (or session-gone, when gluster no longer knows it)
 * before the task returns. */
void gr_refresher_refresh_session_async (GrRefresher *self,
                                         GrSessionId *id,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean gr_refresher_refresh_session_finish (GrRefresher *self,
                                              GAsyncResult *result,
                                              GError **error);

/* Asks for the next poll sooner: something is changing. */
void gr_refresher_poll_soon (GrRefresher *self);

G_END_DECLS
