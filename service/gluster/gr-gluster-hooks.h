/* georepd: is glusterd running one of its hook scripts? */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE while a process runs a script below @hooks_dir (glusterd's
 * `hooks/` directory), judged by its command line in /proc. */
gboolean gr_gluster_hook_running (const char *hooks_dir);

G_END_DECLS
