/* georepd: keeping the session objects in step with what the refresher
 * reads: it applies each snapshot to its session (creating the object
 * for a new one), removes the sessions gluster no longer has, and marks
 * every session unknown while glusterd cannot be asked. */
#pragma once

#include "gr-context.h"

G_BEGIN_DECLS

typedef struct _GrSessionSync GrSessionSync;

/* Connects to the signals of @context's refresher; the context outlives
 * the sync and every session it creates. */
GrSessionSync *gr_session_sync_new (GrContext *context);
void gr_session_sync_free (GrSessionSync *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrSessionSync, gr_session_sync_free)

G_END_DECLS
