/* georepd: reading gsyncd's per-session status files. */
#pragma once

#include "gr-gluster-types.h"

G_BEGIN_DECLS

/* The state in monitor.status: "Created", "Started", "Paused",
 * "Stopped"; NULL when it cannot be read. */
char *gr_status_file_read_monitor (const char *session_dir);

/* Updates @worker from brick_<quoted brick>.status in @session_dir.
 * FALSE when there is no readable file for the brick, or one larger than
 * 64 KiB (of which no more is read). */
gboolean gr_status_file_read_brick (const char *session_dir, GrWorker *worker);

/* The same from the file's contents (@len bytes, not NUL-terminated):
 * FALSE when they are not a JSON object or larger than 64 KiB. */
gboolean
gr_status_file_parse_brick (const char *text, gsize len, GrWorker *worker);

/* Whether the monitor of a session holds its pid-file lock. */
gboolean gr_status_file_monitor_running (const char *pid_file);

/* The UUID of this glusterd (glusterd.info), NULL if unknown. */
char *gr_status_file_read_node_uuid (const char *glusterd_dir);

G_END_DECLS
