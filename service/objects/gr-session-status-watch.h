/* georepd: live status from gsyncd's local status files, without the
 * CLI (docs/architecture.md, "A status change"). */
#pragma once

#include "gr-context.h"

G_BEGIN_DECLS

typedef struct _GrWatch GrWatch;

/* Watches the geo-replication directory for sessions appearing and
 * vanishing (then asks the refresher of @context for a full refresh), and
 * the directory of each session of its registry for status changes: it
 * follows the registry's session-added and session-removed. */
GrWatch *gr_watch_new (GrContext *context);
void gr_watch_free (GrWatch *watch);

G_END_DECLS
