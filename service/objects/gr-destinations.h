/* georepd: the destinations known to the service: loaded from and saved
 * to the state directory (gr-store.h), kept in the registry. */
#pragma once

#include "gr-config.h"
#include "gr-registry.h"
#include "gr-ssh.h"
#include "gr-store.h"

G_BEGIN_DECLS

typedef struct _GrDestinations GrDestinations;

/* Loads the stored destinations into @registry, and links sessions to
 * destinations from then on (gr-destination-links.c). */
GrDestinations *gr_destinations_new (const GrConfig *config,
                                     GrRegistry *registry);
void gr_destinations_free (GrDestinations *self);

GrDestinationObject *gr_destinations_lookup (GrDestinations *self,
                                             const char *user,
                                             const char *host);
/* The first destination for @host (and @user unless NULL). */
GrDestinationObject *gr_destinations_find_by_host (GrDestinations *self,
                                                   const char *host,
                                                   const char *user);
/* Takes @record; adds it to the registry and stores it. */
GrDestinationObject *gr_destinations_add (GrDestinations *self,
                                          GrDestinationRecord *record,
                                          GError **error);
gboolean gr_destinations_remove (GrDestinations *self,
                                 GrDestinationObject *destination,
                                 GError **error);
/* Writes every record to the state directory. */
gboolean gr_destinations_save (GrDestinations *self, GError **error);

const char *gr_destinations_known_hosts (GrDestinations *self);
/* The key login to this destination (root's key pair, the service's
 * known_hosts, the recorded fingerprint), @timeout seconds per step. */
GrSshTarget *gr_destinations_new_target (GrDestinationObject *destination,
                                         guint timeout);

/* root's ~/.ssh, where the key that destinations trust lives. */
const char *gr_destinations_ssh_dir (GrDestinations *self);

/* Fills *user and *port from the destination for @host when the caller
 * left them unset (NULL, 0). */
void gr_destinations_session_defaults (GrDestinations *self,
                                       const char *host,
                                       const char **user,
                                       guint16 *port);

/* --- gr-destination-links.c --- */

typedef struct _GrDestinationLinks GrDestinationLinks;

/* Keeps each Session.Destination pointing at its destination and each
 * Destination.Sessions listing its sessions, following the registry. */
GrDestinationLinks *gr_destination_links_new (GrDestinations *destinations,
                                              GrRegistry *registry);
void gr_destination_links_free (GrDestinationLinks *links);

/* The registry the destinations are kept in. */
GrRegistry *gr_destinations_get_registry (GrDestinations *self);

G_END_DECLS
