/* georepd: the lines gsyncd writes to a session's gsyncd.log.
 *
 *   [2026-12-01 10:00:00.123456] E [syncdutils(monitor):851:logerr] Popen:
 *     ssh> ssh: connect to host 127.0.0.1 port 22: Connection refused
 *   [2026-12-01 10:00:05.42] I [primary(worker /bricks/b1):1645:register]
 *     _GPrimary: Working dir [{path=…}]
 *
 * i.e. `[date time.µs] LEVEL [module(role):line:function] context:
 * message`, the time in UTC (gsyncd's logutils.py logs with gmtime) and
 * the microseconds not zero-padded. The role is "monitor", "worker BRICK"
 * ("agent BRICK" in older releases, the bare brick path in the oldest),
 * or a helper's name ("config-get", "status"). Gluster <= 9 names its
 * modules and messages master/slave, >= 10 primary/secondary; nothing here
 * depends on either.
 *
 * A log line is data from a file: every string that leaves this file is
 * valid UTF-8, has no control character and is bounded. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A longer message is cut (at a character boundary) and ends in "…". */
#define GR_GSYNCD_MESSAGE_MAX 512

typedef enum {
  GR_GSYNCD_ROLE_OTHER,   /* a helper: config-get, status, … */
  GR_GSYNCD_ROLE_MONITOR, /* the session's monitor */
  GR_GSYNCD_ROLE_WORKER,  /* a brick's worker (or its agent) */
} GrGsyncdRole;

typedef enum {
  GR_GSYNCD_LEVEL_DEBUG,
  GR_GSYNCD_LEVEL_INFO,
  GR_GSYNCD_LEVEL_WARNING,
  GR_GSYNCD_LEVEL_ERROR,
  GR_GSYNCD_LEVEL_CRITICAL,
} GrGsyncdLevel;

typedef struct {
  gint64 time; /* Unix µs, UTC; 0 when the stamp cannot be read */
  GrGsyncdLevel level;
  GrGsyncdRole role;
  /* The worker's brick; for a monitor line, the brick it names in a
   * "{brick=…}" field (e.g. "starting gsyncd worker"); else NULL. */
  char *brick;
  char *message; /* after "context: ", cleaned */
} GrGsyncdLine;

/* One line of gsyncd.log (without its newline; @len may be -1). NULL
 * when it is not a log line: e.g. a Python traceback's continuation. */
GrGsyncdLine *gr_gsyncd_line_parse (const char *line, gssize len);
void gr_gsyncd_line_free (GrGsyncdLine *line);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrGsyncdLine, gr_gsyncd_line_free)

/* The value of the "{key=value}" field of a message built by gsyncd's
 * lf() ("event [{k1=v1}, {k2=v2}]"), or NULL. */
char *gr_gsyncd_field (const char *message, const char *key);

/* @text made safe to show: invalid UTF-8 replaced, control characters
 * (tabs and newlines too) turned into spaces, at most @max bytes of which
 * the cut ends in "…". @len may be -1. */
char *gr_gsyncd_clean (const char *text, gssize len, gsize max);

G_END_DECLS
