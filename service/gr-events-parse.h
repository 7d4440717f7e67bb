/* georepd: what an event glustereventsd posts asks georepd to re-read. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

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
