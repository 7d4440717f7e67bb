/* georepd: the service as a whole: its bus connection, exported objects,
 * the gluster runner and the in-memory model every read is served from. */
#pragma once

#include <gio/gio.h>

#include "gr-config.h"
#include "gr-generated.h"
#include "gr-gluster.h"

G_BEGIN_DECLS

typedef struct _GrDaemon GrDaemon;
typedef struct _GrSessionObject GrSessionObject;

struct _GrDaemon {
  GrConfig *config;
  GDBusConnection *connection;
  GDBusObjectManagerServer *object_manager;
  GrManager *manager;
  GrGluster *gluster;
  GHashTable *sessions; /* label → GrSessionObject */
  GHashTable *volumes;  /* name → GrVolumeInfo */
  struct _GrRefresher *refresher;
  struct _GrDestinations *destinations;
  struct _GrWatch *watch;
  struct _GrEvents *events;
  GMainLoop *loop;
};

GrDaemon *gr_daemon_new (GrConfig *config);
void gr_daemon_free (GrDaemon *daemon);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrDaemon, gr_daemon_free)

/* Exports the objects on @connection; the name is requested afterwards by
 * the caller, so that clients never see the name without the objects. */
void gr_daemon_export (GrDaemon *daemon, GDBusConnection *connection);

G_END_DECLS
