/* georepd: following a log file as it is written (a session's gsyncd.log,
 * whose path is the session's log-file config value).
 *
 * The follower keeps its place and reads only the bytes written since the
 * last poll, at most a given amount per poll, so that a log written fast
 * cannot hold the main loop. It survives rotation: when the path names a
 * new file (logrotate's create, gsyncd's WatchedFileHandler) it first reads
 * what was left in the old file, then the new one from its start; when the
 * file shrank (logrotate's copytruncate) it starts again at its start.
 * The caller drives it (a timer, a GFileMonitor on the directory, or
 * before answering a call). Lines are passed as they are in the file,
 * without the newline and cut at GR_LOG_LINE_MAX bytes: cleaning them is
 * the parser's job (gr-gsyncd-log.h). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GR_LOG_LINE_MAX 8192
/* What one poll reads unless told otherwise. */
#define GR_LOG_READ_MAX (256 * 1024)

typedef struct _GrLogFollower GrLogFollower;

typedef void (*GrLogLineFunc) (const char *line, gsize len, gpointer user_data);

/* Follows @path, which need not exist yet. In the file that is there now,
 * reading starts @tail bytes before its end (at the next whole line), so
 * that a follower started late still sees the recent past; files that
 * appear later are read from their start. */
GrLogFollower *gr_log_follower_new (const char *path, gsize tail);
void gr_log_follower_free (GrLogFollower *follower);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrLogFollower, gr_log_follower_free)

const char *gr_log_follower_get_path (GrLogFollower *follower);

/* Reads at most @max bytes (0: GR_LOG_READ_MAX) written since the last
 * poll and calls @func for each complete line. TRUE when more is already
 * waiting: call again (from an idle) to read it. A missing or unreadable
 * file is no error: nothing is read. */
gboolean gr_log_follower_poll (GrLogFollower *follower,
                               gsize max,
                               GrLogLineFunc func,
                               gpointer user_data);

G_END_DECLS
