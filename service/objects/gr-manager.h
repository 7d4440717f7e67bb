/* georepd: the Manager at the root path: a subclass of the generated
 * Manager skeleton whose properties follow the refresher and the
 * registry, and whose methods create sessions and destinations. */
#pragma once

#include "gr-context.h"
#include "gr-destinations.h"
#include "gr-events.h"
#include "gr-generated.h"
#include "gr-refresh.h"

G_BEGIN_DECLS

#define GR_TYPE_MANAGER_OBJECT (gr_manager_object_get_type ())
G_DECLARE_FINAL_TYPE (GrManagerObject,
                      gr_manager_object,
                      GR,
                      MANAGER_OBJECT,
                      GrManagerSkeleton)

/* @context, with its destinations set, outlives the Manager. */
GrManagerObject *gr_manager_object_new (GrContext *context);

/* The events listener, for RegisterEventsWebhook (it is made after the
 * Manager, once the bus is there); @events outlives the Manager. */
void gr_manager_object_set_events (GrManagerObject *self, GrEvents *events);

G_END_DECLS
