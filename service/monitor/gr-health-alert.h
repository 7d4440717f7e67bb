/* georepd: when a session's bad health becomes worth a journal message
 * (HealthAlertDelay): a small state machine per session, no I/O. */
#pragma once

#include "gr-lag.h"
#include "gr-session-state.h"

G_BEGIN_DECLS

typedef enum {
  GR_HEALTH_PROBLEM_NONE,
  GR_HEALTH_PROBLEM_FAULTY,     /* faulty or partial-faulty */
  GR_HEALTH_PROBLEM_NO_ACTIVE,  /* a running set without an Active worker */
  GR_HEALTH_PROBLEM_TWO_ACTIVE, /* a set with more than one */
  GR_HEALTH_PROBLEM_STALLED,    /* an Active worker syncs nothing (gr-lag.h) */
} GrHealthProblem;

/* What is wrong with a session in @state whose sets are summarized in
 * @lag; NONE for a session that is not running (stopped, paused, …). */
GrHealthProblem gr_health_problem (GrSessionState state,
                                   const GrLagSummary *lag);
/* "faulty", "no-active-worker", "two-active-workers", "stalled-worker",
 * "" */
const char *gr_health_problem_to_string (GrHealthProblem problem);

typedef enum {
  GR_HEALTH_ALERT_NOTHING,
  GR_HEALTH_ALERT_RAISE, /* unhealthy for longer than the delay */
  GR_HEALTH_ALERT_CLEAR, /* healthy again after a raise */
} GrHealthAlertAction;

typedef struct {
  gint64 since;    /* when the current problem began, Unix seconds; 0 none */
  gboolean raised; /* the problem was logged */
  GrHealthProblem problem;
} GrHealthAlert;

/* Takes the @problem seen at @now; a problem that changes its kind keeps
 * its start. *@check_at is when to look again (0: no need). */
GrHealthAlertAction gr_health_alert_update (GrHealthAlert *alert,
                                            GrHealthProblem problem,
                                            gint64 now,
                                            guint delay,
                                            gint64 *check_at);

G_END_DECLS
