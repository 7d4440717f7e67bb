/* georepd: the service as a whole: it builds the registry, the gluster
 * runner, the refresher, the watchers and the Manager, and exports them. */
#pragma once

#include <gio/gio.h>

#include "gr-config.h"

G_BEGIN_DECLS

typedef struct _GrDaemon GrDaemon;

/* @config outlives the daemon. */
GrDaemon *gr_daemon_new (GrConfig *config);
void gr_daemon_free (GrDaemon *daemon);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrDaemon, gr_daemon_free)

/* Exports the objects on @connection; the name is requested afterwards by
 * the caller, so that clients never see the name without the objects. */
void gr_daemon_export (GrDaemon *daemon, GDBusConnection *connection);

G_END_DECLS
