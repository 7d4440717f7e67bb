/* georepd: what the service's parts share, as udisks' daemon object is:
 * the configuration, the gluster queue, the refresher, the registry and
 * the destinations. The daemon (service/gr-daemon.c) builds it and every
 * part that needs more than its own holds it; nobody asks the refresher
 * for the configuration or the gluster queue. */
#pragma once

#include "gr-config.h"
#include "gr-gluster.h"
#include "gr-refresh.h"
#include "gr-registry.h"

G_BEGIN_DECLS

typedef struct _GrContext GrContext;
typedef struct _GrDestinations GrDestinations;

/* Borrows everything: the daemon keeps the parts alive longer than the
 * context. Any of them may be NULL for a test that needs no more. */
GrContext *gr_context_new (const GrConfig *config,
                           GrGluster *gluster,
                           GrRefresher *refresher,
                           GrRegistry *registry);
void gr_context_free (GrContext *context);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrContext, gr_context_free)

/* The destinations come after the registry's subscribers (gr-daemon.c). */
void gr_context_set_destinations (GrContext *context,
                                  GrDestinations *destinations);

const GrConfig *gr_context_get_config (GrContext *context);
GrGluster *gr_context_get_gluster (GrContext *context);
GrRefresher *gr_context_get_refresher (GrContext *context);
GrRegistry *gr_context_get_registry (GrContext *context);
GrDestinations *gr_context_get_destinations (GrContext *context);

G_END_DECLS
