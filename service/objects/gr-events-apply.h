/* georepd: a worker's new state, as an event of gsyncd tells it, applied
 * at once to the session object. */
#pragma once

#include "gr-events-parse.h"
#include "gr-events.h"
#include "gr-refresh.h"
#include "gr-registry.h"

G_BEGIN_DECLS

/* Sets the state @event (GEOREP_ACTIVE, _PASSIVE, _FAULTY,
 * _CHECKPOINT_COMPLETED) tells on the worker of @workers (GrWorker *)
 * that @worker names: same brick path and node (by uuid when both have
 * one, else by name). Workers of the node @own_uuid are left alone:
 * their status files tell it already (gr-watch.h). TRUE when a worker
 * changed. */
gboolean gr_events_apply_to_workers (GPtrArray *workers,
                                     const char *event,
                                     const GrEventWorker *worker,
                                     const char *own_uuid);

/* The same on the session object of @primary, @host, @secondary in
 * @registry (a GrRegistry *), which then emits PropertiesChanged for
 * Workers and Status (aggregated per replica set). TRUE when the session
 * is known and a worker changed. A handler of @events' worker-event
 * signal (@worker_data: the GrEventWorker *). */
gboolean gr_events_apply (GrEvents *events,
                          const char *event,
                          const char *primary,
                          const char *host,
                          const char *secondary,
                          gpointer worker_data,
                          gpointer registry);

G_END_DECLS
