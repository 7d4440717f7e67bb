/* georepd: keeping the session objects in step with what the refresher
 * reads: it applies each snapshot to its session (creating the object
 * for a new one), removes the sessions gluster no longer has, and marks
 * every session unknown while glusterd cannot be asked. */
#pragma once

#include "gr-refresh.h"
#include "gr-registry.h"

G_BEGIN_DECLS

typedef struct _GrSessionSync GrSessionSync;

/* Connects to @refresher's signals; both outlive the sync. */
GrSessionSync *gr_session_sync_new (GrRefresher *refresher,
                                    GrRegistry *registry);
void gr_session_sync_free (GrSessionSync *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSessionSync, gr_session_sync_free)

G_END_DECLS
