/* georepd: destination registry. */
#include "gr-destinations.h"

void
gr_destinations_session_defaults (GrDaemon *daemon,
                                  const char *host,
                                  const char **user,
                                  guint16 *port)
{
  /* No destinations are stored yet. */
}
