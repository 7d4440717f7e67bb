/* georepd: the registry: the sessions and destinations that exist, and
 * the volumes they refer to.
 *
 * It owns the objects, exports them on the ObjectManager and announces
 * every arrival and departure with a signal (session-added,
 * session-removed, destination-added, destination-removed), emitted once
 * the object is exported, and before it is unexported; the status
 * watcher and the destination links subscribe instead of being called. */
#pragma once

#include <gio/gio.h>

#include "gr-gluster-types.h"

G_BEGIN_DECLS

/* The object types (service/objects/) are opaque here. */
typedef struct _GrSessionObject GrSessionObject;
typedef struct _GrDestinationObject GrDestinationObject;

#define GR_TYPE_REGISTRY (gr_registry_get_type ())
G_DECLARE_FINAL_TYPE (GrRegistry, gr_registry, GR, REGISTRY, GObject)

GrRegistry *gr_registry_new (void);
GDBusObjectManagerServer *gr_registry_get_object_manager (GrRegistry *self);

/* Sessions, by label (gr-label.h). */
GrSessionObject *gr_registry_lookup_session (GrRegistry *self,
                                             const char *label);
/* Takes a reference; exports it and emits session-added. */
void gr_registry_add_session (GrRegistry *self, GrSessionObject *session);
/* Emits session-removed, unexports it and drops it. */
void gr_registry_remove_session (GrRegistry *self, GrSessionObject *session);
/* The sessions (GrSessionObject *, not owned), in no particular order. */
GPtrArray *gr_registry_list_sessions (GrRegistry *self);

/* Destinations, by label. */
GrDestinationObject *gr_registry_lookup_destination (GrRegistry *self,
                                                     const char *label);
void gr_registry_add_destination (GrRegistry *self,
                                  GrDestinationObject *destination);
void gr_registry_remove_destination (GrRegistry *self,
                                     GrDestinationObject *destination);
GPtrArray *gr_registry_list_destinations (GrRegistry *self);

/* Takes @volumes (GrVolumeInfo *); notifies "volume-names". */
void gr_registry_set_volumes (GrRegistry *self, GPtrArray *volumes);
const GrVolumeInfo *gr_registry_lookup_volume (GrRegistry *self,
                                               const char *name);

G_END_DECLS
