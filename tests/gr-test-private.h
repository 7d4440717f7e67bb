/* A georepd of a test's own: a private bus (no polkitd, so every
 * authorization fails closed) and the service from the build tree, with
 * a gluster command of the test's choosing. Everything lives in a
 * directory under the sandbox directory, and the children die with the
 * test process even when an assertion aborts it. */
#pragma once

#include <gio/gio.h>

#include "gr-generated.h"

G_BEGIN_DECLS

typedef struct {
  char *dir;
  GPid bus_pid;
  GPid service_pid;
  GDBusConnection *bus;
  GrManager *manager;
  char *extra_env; /* one more "NAME=value" for georepd, or NULL */
  char **prefix;   /* a command that runs georepd (e.g. nsenter …), or NULL */
  int listen_fd;   /* > 0: passed to georepd as systemd passes a socket */
} GrPrivateService;

/* Creates the directory $GEOREP_SANDBOX_DIR/@name-XXXXXX. */
GrPrivateService *gr_private_service_new (const char *name);

/* A file in the service's directory. */
char *gr_private_service_path (GrPrivateService *service, const char *name);
void gr_private_service_write (GrPrivateService *service,
                               const char *name,
                               const char *contents);
/* Lines in a file of the directory (e.g. a stand-in's call log). */
guint gr_private_service_count_lines (GrPrivateService *service,
                                      const char *name);

/* Puts the gluster stand-in (tests/gluster-standin.sh, answering with the
 * recordings of tests/data) in the directory as "gluster", in mode
 * "answer": GlusterCommand=DIR/gluster uses it. */
void gr_private_service_install_standin (GrPrivateService *service);

/* Starts the bus and georepd with @config_body appended to [georepd];
 * returns once the first refresh finished. */
void gr_private_service_start (GrPrivateService *service,
                               const char *config_body);
void gr_private_service_stop (GrPrivateService *service);
/* Stops georepd (SIGTERM, as systemd does) and starts it again on the
 * same bus, config and state directory; returns once it refreshed. */
void gr_private_service_restart (GrPrivateService *service);

G_END_DECLS
