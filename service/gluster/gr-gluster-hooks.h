/* georepd: is glusterd running one of its hook scripts? */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE while a process of @proc_dir (/proc; tests give a fake one) that
 * glusterd started runs a script below @hooks_dir (glusterd's `hooks/`
 * directory): its command line names the script, it runs as root and its
 * parent is a glusterd running as root. Also TRUE while root runs
 * `gluster … geo-replication … create … push-pem`, whose hook is about to
 * start. The owner, the parent and the name of each process are read
 * first; the arguments only of root's gluster CLI and of a root
 * glusterd's children, and only their first 4 KiB. */
gboolean gr_gluster_hooks_busy_in (const char *proc_dir, const char *hooks_dir);

/* Whether gluster arguments @args create a session with push-pem. */
gboolean gr_gluster_args_create_push_pem (const char *const *args);

/* The time spent waiting for hooks, bounded in total. Zero-initialised. */
typedef struct {
  gint64 window_start; /* monotonic µs the current window began */
  gint64 waited;       /* µs waited within it */
  gint64 last_check;   /* when the last check said "wait", else 0 */
  gint64 settle_until; /* wait until then even when nothing is seen */
  gboolean warned;
} GrHookWait;

/* Whether to wait (again) for a hook at monotonic time @now: TRUE while
 * gr_gluster_hooks_busy_in() says so of /proc and for two seconds after it
 * last did, as long as the time waited within the last ten minutes is
 * under five minutes, counting the time since the previous check that
 * said TRUE. @hooks_dir NULL means never. */
gboolean
gr_hook_wait_check (GrHookWait *wait, const char *hooks_dir, gint64 now);
/* The same over the processes of @proc_dir (tests give a fake one: the
 * machine's own may run a push-pem create of another test meanwhile). */
gboolean gr_hook_wait_check_in (GrHookWait *wait,
                                const char *proc_dir,
                                const char *hooks_dir,
                                gint64 now);

/* A push-pem create of ours ended at @now: its hook is about to start, so
 * wait the settling time even before it shows up. */
void gr_hook_wait_settle (GrHookWait *wait, gint64 now);

G_END_DECLS
