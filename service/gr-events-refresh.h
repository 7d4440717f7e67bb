/* georepd: the refreshes events ask for, coalesced per session. */
#pragma once

#include "gr-refresh.h"

G_BEGIN_DECLS

typedef struct _GrEventRefresh GrEventRefresh;

/* @interval_seconds: the least time between two refreshes of everything
 * asked for by events naming sessions georepd does not know. */
GrEventRefresh *gr_event_refresh_new (GrRefresher *refresher,
                                      guint interval_seconds);
void gr_event_refresh_free (GrEventRefresh *self);

/* Asks for a refresh of the session (@primary NULL: of everything). A
 * session is refreshed at most once more than the refresh under way for
 * it, however many events name it: the pending work is a set, not a
 * queue. A session the registry does not know is not refreshed itself:
 * it asks for a refresh of everything, at most one per interval. */
void gr_event_refresh_request (GrEventRefresh *self,
                               const char *primary,
                               const char *host,
                               const char *secondary);

G_END_DECLS
