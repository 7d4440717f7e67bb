/* georepd: gluster's event webhooks (glustereventsd), on loopback. */
#pragma once

#include "gr-refresh.h"

G_BEGIN_DECLS

typedef struct _GrEvents GrEvents;

/* Listens on 127.0.0.1:EventsPort when EventsListener is set; NULL when
 * it is not, or cannot listen (logged). */
GrEvents *gr_events_new (const GrConfig *config, GrRefresher *refresher);
void gr_events_free (GrEvents *events);

/* What an event body asks for: FALSE when it is not a geo-replication
 * event or not JSON. *primary, *host and *secondary name the session when
 * the event does (else NULL: refresh everything). */
gboolean gr_events_parse (const char *body,
                          gsize len,
                          char **event,
                          char **primary,
                          char **host,
                          char **secondary);

G_END_DECLS
