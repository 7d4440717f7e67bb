/* georepd: live status from gsyncd's local status files, without the
 * CLI (docs/architecture.md, "A status change"). */
#pragma once

#include "gr-refresh.h"

G_BEGIN_DECLS

typedef struct _GrWatch GrWatch;

/* Watches the geo-replication directory for sessions appearing and
 * vanishing (then asks @refresher for a full refresh), and the directory
 * of each session of @registry for status changes: it
 * follows the registry's session-added and session-removed. */
GrWatch *gr_watch_new (GrRefresher *refresher, GrRegistry *registry);
void gr_watch_free (GrWatch *watch);

G_END_DECLS
