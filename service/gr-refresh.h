/* georepd: keeping the model in step with gluster through its CLI. */
#pragma once

#include "gr-daemon.h"

G_BEGIN_DECLS

typedef struct _GrRefresher GrRefresher;

GrRefresher *gr_refresher_new (GrDaemon *daemon);
void gr_refresher_free (GrRefresher *refresher);

/* Runs the first full refresh now and polls from then on. */
void gr_refresher_start (GrRefresher *refresher);

/* A full refresh: volumes, every session's status and config. A request
 * made while one runs is served by the next one, which starts when the
 * running one ends; all requests waiting for it share it. */
void gr_refresher_refresh_async (GrRefresher *refresher,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean gr_refresher_refresh_finish (GrRefresher *refresher,
                                      GAsyncResult *result,
                                      GError **error);

/* Refreshes one session (status and config) after a change to it; @user
 * is the secondary user, NULL for the one the model knows. The
 * session object is created when it is new and removed when gluster no
 * longer knows it. */
void gr_refresher_refresh_session_async (GrRefresher *refresher,
                                         const char *primary,
                                         const char *user,
                                         const char *host,
                                         const char *secondary,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean gr_refresher_refresh_session_finish (GrRefresher *refresher,
                                              GAsyncResult *result,
                                              GError **error);

/* Asks for the next poll sooner: something is changing. */
void gr_refresher_poll_soon (GrRefresher *refresher);

G_END_DECLS
