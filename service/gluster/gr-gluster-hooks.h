/* georepd: is glusterd running one of its hook scripts? */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE while a process that glusterd started runs a script below
 * @hooks_dir (glusterd's `hooks/` directory): its command line names the
 * script, it runs as root and its parent is a glusterd running as root. */
gboolean gr_gluster_hook_running (const char *hooks_dir);

/* The time spent waiting for hooks, bounded in total. Zero-initialised. */
typedef struct {
  gint64 window_start; /* monotonic µs the current window began */
  gint64 waited;       /* µs waited within it */
  gint64 last_check;   /* when the last check said "wait", else 0 */
  gboolean warned;
} GrHookWait;

/* Whether to wait (again) for a hook at monotonic time @now: TRUE while a
 * hook runs (gr_gluster_hook_running) and the time waited within the
 * last ten minutes is under five minutes, counting the time since the previous
 * check that said TRUE. @hooks_dir NULL means never. */
gboolean
gr_hook_wait_check (GrHookWait *wait, const char *hooks_dir, gint64 now);

G_END_DECLS
