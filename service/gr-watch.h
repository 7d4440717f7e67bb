/* georepd: live status from gsyncd's local status files, without the
 * CLI (GLUSTER.md "Local status files"). */
#pragma once

#include "gr-daemon.h"

G_BEGIN_DECLS

typedef struct _GrWatch GrWatch;

/* Watches the geo-replication directory for sessions appearing and
 * vanishing, and each known session's directory for status changes. */
GrWatch *gr_watch_new (GrDaemon *daemon);
void gr_watch_free (GrWatch *watch);

/* Follows the model after a refresh: watches the directories of the
 * sessions it has, forgets the others. */
void gr_watch_sync (GrWatch *watch);

/* Re-reads the local status files of one session now. */
void gr_watch_update_session (GrWatch *watch, const char *label);

G_END_DECLS
