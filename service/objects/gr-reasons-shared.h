/* georepd: the reasons of every node's workers, through gluster's
 * shared storage. */
#pragma once

#include "gr-refresh.h"
#include "gr-context.h"
#include "gr-registry.h"

G_BEGIN_DECLS

typedef struct _GrReasonsShared GrReasonsShared;

/* Writes this node's record (its own workers' reasons, as the sessions'
 * Workers say) to SharedStorageDirectory/georepd/reasons/NODE-UUID.json
 * whenever they change, and reads the other nodes' records after each
 * full refresh of @context's refresher, giving each session its other nodes'
 * reasons (gr_session_object_set_remote_reasons). */
GrReasonsShared *gr_reasons_shared_new (GrContext *context);
void gr_reasons_shared_free (GrReasonsShared *self);

/* Reads the records now and a few times over the next seconds: a worker
 * of another node changed (e.g. became Faulty), and its node's georepd
 * writes the reason as soon as gsyncd logged it. */
void gr_reasons_shared_read_soon (GrReasonsShared *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrReasonsShared, gr_reasons_shared_free)

G_END_DECLS
