/* georepd: the service configuration (/etc/georepd/georepd.conf). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *gluster_command;   /* absolute path of the gluster CLI */
  guint command_timeout;   /* seconds a gluster command may take */
  guint poll_interval;     /* seconds between CLI polls when all is steady */
  guint poll_interval_min; /* seconds between CLI polls while changing */
  char *state_directory;   /* destinations, known hosts */
  char *glusterd_dir;      /* /var/lib/glusterd, for local status files */
  char *gluster_run_dir;   /* gluster's run directory: gsyncd's pid files */
  char *hooks_dir; /* glusterd's hook scripts; NULL: glusterd_dir/hooks */
  gboolean events_listener;  /* listen for glustereventsd webhooks */
  guint verify_interval_min; /* the shortest VerifyInterval, seconds */
  guint events_port;
  guint history_interval;       /* seconds between history samples */
  guint history_size;           /* samples kept per session */
  guint health_alert_delay;     /* seconds unhealthy before it is logged */
  char *metrics_listen_address; /* HOST:PORT of /metrics; NULL: off */
  char *events_listen_address;  /* an IP address; 127.0.0.1 by default */
  char *eventsapi_command;      /* gluster-eventsapi, to register webhooks */
  char *shared_storage_dir;     /* where gluster mounts its shared storage */
} GrConfig;

GrConfig *gr_config_new_default (void);
gboolean gr_config_load (GrConfig *config, const char *path, GError **error);
void gr_config_free (GrConfig *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrConfig, gr_config_free)

G_END_DECLS
