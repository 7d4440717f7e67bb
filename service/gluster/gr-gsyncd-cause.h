/* georepd: the failure causes recognized in gsyncd's log lines
 * (gr-gsyncd-log.h), each with a stable id and advice that says what to
 * do. The ids are part of the API (docs/api.md): clients may branch on
 * them. */
#pragma once

#include "gr-gsyncd-log.h"

G_BEGIN_DECLS

typedef struct {
  const char *id;     /* stable, e.g. "ssh-connection-refused" */
  gboolean specific;  /* FALSE: only says that something failed */
  const char *advice; /* what happened and what to do */
} GrGsyncdCause;

/* The id of an error line no rule recognizes. */
#define GR_GSYNCD_CAUSE_UNKNOWN "gsyncd-error"

/* The cause of @line, or NULL when the line reports no failure. Lines at
 * level ERROR or above always have one (GR_GSYNCD_CAUSE_UNKNOWN when no
 * rule matches); so have the monitor's notes that a worker died. */
const GrGsyncdCause *gr_gsyncd_cause_find (const GrGsyncdLine *line);

/* The cause with that id, or NULL. */
const GrGsyncdCause *gr_gsyncd_cause_lookup (const char *id);

/* Every cause, for documentation and tests; @n_causes receives the
 * count. */
const GrGsyncdCause *gr_gsyncd_causes (gsize *n_causes);

/* "ADVICE (gsyncd: MESSAGE)", at most GR_GSYNCD_MESSAGE_MAX bytes. */
char *gr_gsyncd_cause_describe (const GrGsyncdCause *cause,
                                const GrGsyncdLine *line);

/* Whether @line tells that its worker runs again (its status changed to
 * Active or Passive): the worker's last error no longer holds. */
gboolean gr_gsyncd_line_is_recovery (const GrGsyncdLine *line);

G_END_DECLS
