/* georepd: reading gsyncd's per-session status files. */
#pragma once

#include "gr-gluster-types.h"

G_BEGIN_DECLS

/* The state in monitor.status: "Created", "Started", "Paused",
 * "Stopped"; NULL when it cannot be read. */
char *gr_status_file_read_monitor (const char *session_dir);

/* Updates @worker from brick_<quoted brick>.status in @session_dir.
 * FALSE when there is no readable file for the brick. */
gboolean gr_status_file_read_brick (const char *session_dir, GrWorker *worker);

/* Whether the monitor of a session holds its pid-file lock. */
gboolean gr_status_file_monitor_running (const char *pid_file);

/* The UUID of this glusterd (glusterd.info), NULL if unknown. */
char *gr_status_file_read_node_uuid (const char *glusterd_dir);

G_END_DECLS
