/* georepd: a session's health alert (gr-health-alert.h). Flapping
 * between problems (Faulty, then a set without an Active worker while
 * gsyncd restarts the worker) is one unhealthy spell: one message. */
#include "gr-health-alert.h"

GrHealthProblem
gr_health_problem (GrSessionState state, const GrLagSummary *lag)
{
  switch (state)
    {
      case GR_SESSION_STATE_FAULTY:
      case GR_SESSION_STATE_PARTIAL_FAULTY:
        return GR_HEALTH_PROBLEM_FAULTY;
      case GR_SESSION_STATE_STOPPED:
      case GR_SESSION_STATE_PAUSED:
      case GR_SESSION_STATE_CREATED:
      case GR_SESSION_STATE_UNKNOWN:
        return GR_HEALTH_PROBLEM_NONE;
      default:
        break;
    }
  if (lag->sets_two_active > 0)
    return GR_HEALTH_PROBLEM_TWO_ACTIVE;
  if (lag->sets_no_active > 0)
    return GR_HEALTH_PROBLEM_NO_ACTIVE;
  if (lag->stalled > 0)
    return GR_HEALTH_PROBLEM_STALLED;
  return GR_HEALTH_PROBLEM_NONE;
}

const char *
gr_health_problem_to_string (GrHealthProblem problem)
{
  switch (problem)
    {
      case GR_HEALTH_PROBLEM_FAULTY:
        return "faulty";
      case GR_HEALTH_PROBLEM_NO_ACTIVE:
        return "no-active-worker";
      case GR_HEALTH_PROBLEM_TWO_ACTIVE:
        return "two-active-workers";
      case GR_HEALTH_PROBLEM_STALLED:
        return "stalled-worker";
      default:
        return "";
    }
}

GrHealthAlertAction
gr_health_alert_update (GrHealthAlert *alert,
                        GrHealthProblem problem,
                        gint64 now,
                        guint delay,
                        gint64 *check_at)
{
  *check_at = 0;
  if (problem == GR_HEALTH_PROBLEM_NONE)
    {
      gboolean was_raised = alert->raised;

      *alert = (GrHealthAlert){ 0 };
      return was_raised ? GR_HEALTH_ALERT_CLEAR : GR_HEALTH_ALERT_NOTHING;
    }
  if (alert->since == 0)
    alert->since = now;
  alert->problem = problem;
  if (alert->raised)
    return GR_HEALTH_ALERT_NOTHING;
  if (now - alert->since >= (gint64) delay)
    {
      alert->raised = TRUE;
      return GR_HEALTH_ALERT_RAISE;
    }
  *check_at = alert->since + delay;
  return GR_HEALTH_ALERT_NOTHING;
}
