/* georepd: the destinations known to the service, exported as
 * …/destinations/LABEL with the Destination interface and persisted in
 * the state directory. */
#pragma once

#include "gr-daemon.h"
#include "gr-store.h"

G_BEGIN_DECLS

typedef struct _GrDestinations GrDestinations;

typedef struct {
  GrDaemon *daemon;
  GrDestinationRecord *record;
  char *label;
  char *path;
  GrObjectSkeleton *object;
  GrDestination *iface;
} GrDestinationObject;

/* Loads the stored destinations and exports them. */
GrDestinations *gr_destinations_new (GrDaemon *daemon);
void gr_destinations_free (GrDestinations *destinations);

GrDestinationObject *
gr_destinations_lookup (GrDaemon *daemon, const char *user, const char *host);
/* Takes @record; exports and stores it. */
GrDestinationObject *gr_destinations_add (GrDaemon *daemon,
                                          GrDestinationRecord *record,
                                          GError **error);
gboolean gr_destinations_remove (GrDaemon *daemon,
                                 GrDestinationObject *destination,
                                 GError **error);
/* Writes every record to the state directory. */
gboolean gr_destinations_save (GrDaemon *daemon, GError **error);
/* Copies the record into the properties. */
void gr_destination_object_sync (GrDestinationObject *destination);

const char *gr_destinations_known_hosts (GrDaemon *daemon);
/* root's ~/.ssh, where the key that destinations trust lives. */
const char *gr_destinations_ssh_dir (GrDaemon *daemon);

/* Fills *user and *port from the destination for @host when the caller
 * left them unset (NULL, 0). */
void gr_destinations_session_defaults (GrDaemon *daemon,
                                       const char *host,
                                       const char **user,
                                       guint16 *port);

/* Points each Session.Destination at its destination and fills each
 * Destination.Sessions. */
void gr_destinations_update_links (GrDaemon *daemon);

/* Registers the Destination method handlers (gr-destination-object-methods.c).
 */
void gr_destination_object_connect_methods (GrDestinationObject *destination);

G_END_DECLS
