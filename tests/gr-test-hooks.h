/* Processes that look like glusterd's hook scripts to georepd's guard
 * (service/gluster/gr-gluster-hooks.c), for the tests that need gluster
 * commands held back or must show that they are not. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A loop of at most a minute, so that nothing outlives a crashed test. */
#define GR_TEST_HOOK_LOOP                                                      \
  "i=0; while [ $i -lt 300 ]; do sleep 0.2; i=$((i+1)); done"

/* Runs `sh -c @command` in a process group of its own that dies with the
 * test; with @as_glusterd, through a shell named glusterd (a link in
 * @dir to /bin/sh), so that what @command starts in the background has a
 * parent called glusterd, run by root, as the real glusterd's hook
 * scripts do. Returns once a process has @argument as an argument. */
GPid gr_test_hook_start (const char *dir,
                         const char *command,
                         gboolean as_glusterd,
                         const char *argument);
/* Kills the whole group. */
void gr_test_hook_stop (GPid pid);

/* Whether some process's command line has @argument (a char *). */
gboolean gr_test_process_names (gpointer argument);

/* A hook stand-in: a root shell looping on the script @script (created),
 * started by a parent named glusterd. */
GPid gr_test_hook_standin (const char *dir, const char *script);

G_END_DECLS
