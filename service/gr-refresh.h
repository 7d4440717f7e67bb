/* georepd: keeping the registry in step with gluster through its CLI.
 *
 * The refresher is also what the objects' methods run gluster through:
 * it owns nothing but the polling, and tells about glusterd through its
 * properties (glusterd-running, gluster-version, last-refresh), which the
 * Manager binds to its own. */
#pragma once

#include "gr-config.h"
#include "gr-gluster.h"
#include "gr-registry.h"
#include "gr-session-id.h"

G_BEGIN_DECLS

#define GR_TYPE_REFRESHER (gr_refresher_get_type ())
G_DECLARE_FINAL_TYPE (GrRefresher, gr_refresher, GR, REFRESHER, GObject)

/* @config, @registry and @gluster outlive the refresher. */
GrRefresher *
gr_refresher_new (GrConfig *config, GrRegistry *registry, GrGluster *gluster);

const GrConfig *gr_refresher_get_config (GrRefresher *self);
GrRegistry *gr_refresher_get_registry (GrRefresher *self);
GrGluster *gr_refresher_get_gluster (GrRefresher *self);
gboolean gr_refresher_get_glusterd_running (GrRefresher *self);

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

/* Refreshes one session (status and config) after a change to it; @user
 * is the secondary user, NULL for the one the registry knows. The
 * session object is created when it is new and removed when gluster no
 * longer knows it. */
void gr_refresher_refresh_session_async (GrRefresher *self,
                                         const char *primary,
                                         const char *user,
                                         const char *host,
                                         const char *secondary,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean gr_refresher_refresh_session_finish (GrRefresher *self,
                                              GAsyncResult *result,
                                              GError **error);

/* Asks for the next poll sooner: something is changing. */
void gr_refresher_poll_soon (GrRefresher *self);

G_END_DECLS
