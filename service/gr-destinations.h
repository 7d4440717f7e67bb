/* georepd: the destinations known to the service. */
#pragma once

#include "gr-daemon.h"

G_BEGIN_DECLS

/* Fills *user and *port from the destination for @host when the caller
 * left them unset (NULL, 0). */
void gr_destinations_session_defaults (GrDaemon *daemon,
                                       const char *host,
                                       const char **user,
                                       guint16 *port);

G_END_DECLS
