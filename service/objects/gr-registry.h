/* georepd: the registry: the session and destination objects that exist.
 *
 * It owns the objects, exports them on the ObjectManager and announces
 * every arrival and departure with a signal (session-added,
 * session-removed, destination-added, destination-removed), emitted once
 * the object is exported, and before it is unexported; the status
 * watch, the destination links and the verification schedule subscribe
 * instead of being called. It is a container: it calls nothing of the
 * objects it holds (their label and path are given with them), so the
 * object types are opaque here. */
#pragma once

#include <gio/gio.h>

#include "gr-session-id.h"

G_BEGIN_DECLS

typedef struct _GrSessionObject GrSessionObject;
typedef struct _GrDestinationObject GrDestinationObject;

#define GR_TYPE_REGISTRY (gr_registry_get_type ())
G_DECLARE_FINAL_TYPE (GrRegistry, gr_registry, GR, REGISTRY, GObject)

GrRegistry *gr_registry_new (void);
GDBusObjectManagerServer *gr_registry_get_object_manager (GrRegistry *self);

/* Sessions, by label (gr-label.h). */
GrSessionObject *gr_registry_lookup_session (GrRegistry *self,
                                             const char *label);
/* Takes a reference; exports it at @id's path and emits session-added. */
void gr_registry_add_session (GrRegistry *self,
                              const GrSessionId *id,
                              GrSessionObject *session);
/* Emits session-removed, unexports it and drops it. */
void gr_registry_remove_session (GrRegistry *self, const char *label);
/* The sessions (GrSessionObject *, not owned), in no particular order. */
GPtrArray *gr_registry_list_sessions (GrRegistry *self);

/* Destinations, by label. */
GrDestinationObject *gr_registry_lookup_destination (GrRegistry *self,
                                                     const char *label);
void gr_registry_add_destination (GrRegistry *self,
                                  const char *label,
                                  const char *path,
                                  GrDestinationObject *destination);
void gr_registry_remove_destination (GrRegistry *self, const char *label);
GPtrArray *gr_registry_list_destinations (GrRegistry *self);

G_END_DECLS
