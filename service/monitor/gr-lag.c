/* georepd: lag, its trend and a checkpoint's ETA (docs/api.md "Lag").
 *
 * gsyncd's last_synced is the time of the newest primary change a
 * worker has synced ("stime"); while nothing is written it stays where
 * it was. So an Active worker in Changelog Crawl with nothing pending
 * (entry, data and meta all 0) has synced everything: its lag is 0,
 * however old last_synced is. With changes pending, or while it crawls
 * the history (History or Hybrid Crawl: catching up on changes made
 * while it did not run), everything after last_synced may still be
 * missing: the lag is now − last_synced. A worker that is not Active
 * syncs nothing and knows nothing of the changes made meanwhile: its lag
 * is unknown, and so is that of a set without an Active worker.
 *
 * Nothing pending is gsyncd's word, and it stays so when its live
 * changelog processing stalls: a brick of this node whose changelog
 * recorded changes gsyncd has not synced for GR_LAG_STALLED_AFTER is
 * lagging, since last_synced (gr-changelog-index.h). */
#include <string.h>

#include "gr-lag.h"
#include "gr-session-state.h"

static gint64
since (guint64 time, gint64 now)
{
  if (time == 0)
    return GR_LAG_UNKNOWN;
  return (gint64) time >= now ? 0 : now - (gint64) time;
}

static guint64
pending (const GrWorker *worker)
{
  return worker->entry + worker->data + worker->meta;
}

gboolean
gr_lag_worker_stalled (const GrWorker *worker, gint64 now)
{
  return worker->status == GR_WORKER_STATUS_ACTIVE &&
         worker->crawl_status == GR_CRAWL_STATUS_CHANGELOG &&
         worker->unsynced_change != 0 &&
         since (worker->unsynced_change, now) >= GR_LAG_STALLED_AFTER;
}

gint64
gr_lag_worker (const GrWorker *worker, gint64 now)
{
  if (worker->status != GR_WORKER_STATUS_ACTIVE)
    return GR_LAG_UNKNOWN;
  switch (worker->crawl_status)
    {
      case GR_CRAWL_STATUS_CHANGELOG:
        return pending (worker) == 0 && !gr_lag_worker_stalled (worker, now)
                   ? 0
                   : since (worker->last_synced, now);
      case GR_CRAWL_STATUS_HISTORY:
      case GR_CRAWL_STATUS_HYBRID:
        return since (worker->last_synced, now);
      default:
        return GR_LAG_UNKNOWN;
    }
}

typedef struct {
  guint running;
  guint active;
  gint64 lag; /* the worst of its Active workers */
} GrLagSet;

static gboolean
is_running (GrWorkerStatus status)
{
  return status == GR_WORKER_STATUS_ACTIVE ||
         status == GR_WORKER_STATUS_PASSIVE ||
         status == GR_WORKER_STATUS_FAULTY ||
         status == GR_WORKER_STATUS_CONFIG_CORRUPTED ||
         status == GR_WORKER_STATUS_INITIALIZING;
}

/* Unknown is the worst lag: nobody can say it is small. */
static gint64
worse (gint64 a, gint64 b)
{
  if (a == GR_LAG_UNKNOWN || b == GR_LAG_UNKNOWN)
    return GR_LAG_UNKNOWN;
  return MAX (a, b);
}

static void
add_to_set (GrLagSet *set, const GrWorker *worker, gint64 now)
{
  if (!is_running (worker->status))
    return;
  set->running++;
  if (worker->status != GR_WORKER_STATUS_ACTIVE)
    return;
  set->lag = set->active == 0 ? gr_lag_worker (worker, now)
                              : worse (set->lag, gr_lag_worker (worker, now));
  set->active++;
}

static GArray *
group_sets (GPtrArray *workers, const GrVolumeInfo *volume, gint64 now)
{
  GArray *sets = g_array_new (FALSE, TRUE, sizeof (GrLagSet));

  for (guint i = 0; workers != NULL && i < workers->len; i++)
    {
      const GrWorker *worker = workers->pdata[i];
      int index = gr_status_worker_set (volume, worker);
      guint at = index >= 0 ? (guint) index : sets->len;

      if (at >= sets->len)
        g_array_set_size (sets, at + 1);
      add_to_set (&g_array_index (sets, GrLagSet, at), worker, now);
    }
  return sets;
}

void
gr_lag_summarize (GPtrArray *workers,
                  const GrVolumeInfo *volume,
                  gint64 now,
                  GrLagSummary *summary)
{
  g_autoptr (GArray) sets = group_sets (workers, volume, now);

  memset (summary, 0, sizeof *summary);
  summary->lag = GR_LAG_UNKNOWN;
  for (guint i = 0; workers != NULL && i < workers->len; i++)
    {
      summary->pending += pending (workers->pdata[i]);
      summary->stalled += gr_lag_worker_stalled (workers->pdata[i], now);
    }
  for (guint i = 0; i < sets->len; i++)
    {
      const GrLagSet *set = &g_array_index (sets, GrLagSet, i);

      if (set->running == 0)
        continue;
      summary->lag =
          summary->sets == 0
              ? (set->active ? set->lag : GR_LAG_UNKNOWN)
              : worse (summary->lag, set->active ? set->lag : GR_LAG_UNKNOWN);
      summary->sets++;
      if (set->active == 0)
        summary->sets_no_active++;
      else if (set->active > 1)
        summary->sets_two_active++;
    }
}

gboolean
gr_lag_moved_much (gint64 before, gint64 after)
{
  gint64 moved = ABS (after - before);

  if (before == after)
    return FALSE;
  if (before <= 0 || after <= 0)
    return TRUE;
  return moved > 60 && moved * 10 > MAX (before, after);
}

/* --- over time --- */

static const char *const trend_words[] = {
  [GR_LAG_TREND_UNKNOWN] = "unknown",
  [GR_LAG_TREND_STEADY] = "steady",
  [GR_LAG_TREND_CATCHING_UP] = "catching-up",
  [GR_LAG_TREND_FALLING_BEHIND] = "falling-behind",
};
G_STATIC_ASSERT (G_N_ELEMENTS (trend_words) == GR_LAG_TREND_FALLING_BEHIND + 1);

const char *
gr_lag_trend_to_string (GrLagTrend trend)
{
  g_return_val_if_fail (trend < G_N_ELEMENTS (trend_words), "unknown");
  return trend_words[trend];
}

GrLagTrend
gr_lag_trend (const GrLagPoint *points, guint n_points)
{
  const GrLagPoint *first = NULL, *last = NULL;
  gint64 moved, slack;

  for (guint i = 0; i < n_points; i++)
    if (points[i].lag != GR_LAG_UNKNOWN)
      {
        first = first ? first : &points[i];
        last = &points[i];
      }
  /* The newest lag must be known: an unknown lag has no direction. */
  if (first == NULL || first == last || points[n_points - 1].lag != last->lag ||
      last->time <= first->time)
    return GR_LAG_TREND_UNKNOWN;
  moved = last->lag - first->lag;
  slack = MAX (GR_LAG_TREND_SLACK, (last->time - first->time) / 10);
  if (moved > slack)
    return GR_LAG_TREND_FALLING_BEHIND;
  if (moved < -slack)
    return GR_LAG_TREND_CATCHING_UP;
  return GR_LAG_TREND_STEADY;
}

/* @last + @left at @rate per second, where the rate is @gained over
 * @seconds. */
static guint64
arrival (gint64 last, guint64 left, guint64 gained, gint64 seconds)
{
  return (guint64) last + (left * (guint64) seconds + gained - 1) / gained;
}

guint64
gr_lag_checkpoint_eta (const GrLagPoint *points,
                       guint n_points,
                       guint64 checkpoint_time,
                       gboolean completed)
{
  const GrLagPoint *first, *last;
  gint64 seconds;

  if (completed || checkpoint_time == 0 || n_points == 0)
    return 0;
  last = &points[n_points - 1];
  if (last->last_synced >= checkpoint_time)
    return (guint64) last->time;
  first = &points[0];
  seconds = last->time - first->time;
  if (seconds <= 0)
    return 0;
  if (first->last_synced > 0 && last->last_synced > first->last_synced)
    return arrival (last->time, checkpoint_time - last->last_synced,
                    last->last_synced - first->last_synced, seconds);
  if (last->pending > 0 && first->pending > last->pending)
    return arrival (last->time, last->pending, first->pending - last->pending,
                    seconds);
  return 0;
}
