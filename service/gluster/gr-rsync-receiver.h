/* georepd: whether gsyncd's rsync really writes on the secondary.
 *
 * gsyncd's rsync writes to host:/proc/PID/cwd, the working directory of
 * the secondary gsyncd: a gluster mount that gsyncd has already detached.
 * rsync 3.5.0 and later, as receiver, resolve that path component by
 * component and read the /proc link's text ("/") instead of following it,
 * so they look for .gfid/<gfid> in the host's root directory, find
 * nothing, and --existing turns every file into a silent skip: the files
 * stay empty and rsync exits 0. Forwarding --insecure-links to the
 * receiver (--remote-option) restores the old resolution; sync-method
 * tarssh does not use rsync. docs/rsync-empty-files.md has the evidence. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The rsync-options value that makes the receiver follow /proc/PID/cwd. */
#define GR_RSYNC_FOLLOW_CWD_OPTIONS "--remote-option=--insecure-links"

/* "3.5.0" from `rsync --version`'s first line ("rsync  version 3.5.0
 * protocol version 32"); NULL when @output is not that. */
char *gr_rsync_parse_version (const char *output);

/* Whether rsync @version ("3.5.0") as receiver resolves /proc/PID/cwd by
 * its text. */
gboolean gr_rsync_receiver_resolves_cwd_by_text (const char *version);

/* Whether gsyncd's rsync-options @options forward --insecure-links to the
 * receiver. */
gboolean gr_rsync_options_follow_cwd (const char *options);

/* Whether a session syncing with @sync_method ("rsync" when NULL or
 * empty) and @rsync_options into a secondary whose rsync is
 * @remote_version leaves its files empty. FALSE when @remote_version is
 * NULL (not known). */
gboolean gr_rsync_session_leaves_files_empty (const char *sync_method,
                                              const char *rsync_options,
                                              const char *remote_version);

G_END_DECLS
