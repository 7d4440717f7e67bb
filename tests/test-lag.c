/* Unit tests: lag, its trend and a checkpoint's ETA (service/monitor/
 * gr-lag.c), the history ring and its file form (gr-history.c), and the
 * health alert's state machine (gr-health-alert.c). */
#include <string.h>

#include "gr-health-alert.h"
#include "gr-history.h"
#include "gr-lag.h"

#define NOW 1800000000

static GrWorker *
worker (const char *node,
        const char *brick,
        const char *status,
        const char *crawl,
        guint64 last_synced,
        guint64 pending)
{
  GrWorker *worker = gr_worker_new ();

  g_free (worker->primary_node);
  worker->primary_node = g_strdup (node);
  g_free (worker->primary_brick);
  worker->primary_brick = g_strdup (brick);
  worker->status = gr_worker_status_parse (status);
  worker->crawl_status = gr_crawl_status_parse (crawl);
  worker->last_synced = last_synced;
  worker->data = pending;
  return worker;
}

static GPtrArray *
new_workers (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gr_worker_free);
}

/* Two replica-2 sets: {a:/b1, b:/b1} and {a:/b2, b:/b2}. */
static GrVolumeInfo *
replica_volume (void)
{
  const char *const bricks[] = { "a:/b1", "b:/b1", "a:/b2", "b:/b2" };
  GrVolumeInfo *volume = gr_volume_info_new ();

  volume->name = g_strdup ("vol");
  volume->replica_count = 2;
  for (guint i = 0; i < G_N_ELEMENTS (bricks); i++)
    g_ptr_array_add (volume->bricks, g_strdup (bricks[i]));
  volume->brick_count = volume->bricks->len;
  return volume;
}

/* An idle, fully synced worker is not behind however old its
 * last-synced time: gluster's LAST_SYNCED stops while nothing is
 * written. */
static void
test_worker_idle_synced (void)
{
  g_autoptr (GrWorker) w =
      worker ("a", "/b1", "Active", "Changelog Crawl", NOW - 86400, 0);

  g_assert_cmpint (gr_lag_worker (w, NOW), ==, 0);
}

/* gsyncd reports nothing pending, but the brick recorded changes it has
 * not synced: missed once they waited GR_LAG_STALLED_AFTER, and then the
 * lag runs from last-synced. */
static void
test_worker_stalled (void)
{
  g_autoptr (GrWorker) w =
      worker ("a", "/b1", "Active", "Changelog Crawl", NOW - 600, 0);

  w->unsynced_change = NOW - GR_LAG_STALLED_AFTER + 1;
  g_assert_false (gr_lag_worker_stalled (w, NOW));
  g_assert_cmpint (gr_lag_worker (w, NOW), ==, 0);
  w->unsynced_change = NOW - GR_LAG_STALLED_AFTER;
  g_assert_true (gr_lag_worker_stalled (w, NOW));
  g_assert_cmpint (gr_lag_worker (w, NOW), ==, 600);
  /* Only an Active worker in Changelog Crawl stalls so. */
  w->crawl_status = GR_CRAWL_STATUS_HISTORY;
  g_assert_false (gr_lag_worker_stalled (w, NOW));
  w->crawl_status = GR_CRAWL_STATUS_CHANGELOG;
  w->status = GR_WORKER_STATUS_PASSIVE;
  g_assert_false (gr_lag_worker_stalled (w, NOW));
  g_assert_cmpint (gr_lag_worker (w, NOW), ==, GR_LAG_UNKNOWN);
}

/* The summary counts the stalled workers, for the health alert. */
static void
test_summary_stalled (void)
{
  g_autoptr (GPtrArray) workers = new_workers ();
  GrWorker *stalled =
      worker ("a", "/b1", "Active", "Changelog Crawl", NOW - 600, 0);
  GrLagSummary summary;

  stalled->unsynced_change = NOW - GR_LAG_STALLED_AFTER;
  g_ptr_array_add (workers, stalled);
  g_ptr_array_add (
      workers, worker ("a", "/b2", "Active", "Changelog Crawl", NOW - 600, 0));
  gr_lag_summarize (workers, NULL, NOW, &summary);
  g_assert_cmpuint (summary.stalled, ==, 1);
  g_assert_cmpint (summary.lag, ==, 600);
}

static void
test_worker_pending (void)
{
  g_autoptr (GrWorker) w =
      worker ("a", "/b1", "Active", "Changelog Crawl", NOW - 42, 3);

  g_assert_cmpint (gr_lag_worker (w, NOW), ==, 42);
  /* A last-synced time ahead of this clock is not a negative lag. */
  w->last_synced = NOW + 5;
  g_assert_cmpint (gr_lag_worker (w, NOW), ==, 0);
  /* Pending changes but nothing synced yet: no time to measure from. */
  w->last_synced = 0;
  g_assert_cmpint (gr_lag_worker (w, NOW), ==, GR_LAG_UNKNOWN);
}

/* Crawling the history: everything after last-synced may be missing,
 * pending counts or not. */
static void
test_worker_history_crawl (void)
{
  g_autoptr (GrWorker) history =
      worker ("a", "/b1", "Active", "History Crawl", NOW - 600, 0);
  g_autoptr (GrWorker) hybrid =
      worker ("a", "/b1", "Active", "Hybrid Crawl", NOW - 7, 0);

  g_assert_cmpint (gr_lag_worker (history, NOW), ==, 600);
  g_assert_cmpint (gr_lag_worker (hybrid, NOW), ==, 7);
}

static void
test_worker_not_active (void)
{
  const char *const states[] = { "Passive", "Faulty", "Initializing...",
                                 "Stopped", "Paused", "Created" };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr (GrWorker) w =
          worker ("a", "/b1", states[i], "Changelog Crawl", NOW - 5, 0);

      g_assert_cmpint (gr_lag_worker (w, NOW), ==, GR_LAG_UNKNOWN);
    }
  {
    g_autoptr (GrWorker) w = worker ("a", "/b1", "Active", "N/A", NOW - 5, 0);
    g_assert_cmpint (gr_lag_worker (w, NOW), ==, GR_LAG_UNKNOWN);
  }
}

/* The session's lag is its worst set's; the Passive workers of a set
 * do not count, its Active one does. */
static void
test_session_worst_set (void)
{
  g_autoptr (GrVolumeInfo) volume = replica_volume ();
  g_autoptr (GPtrArray) workers = new_workers ();
  GrLagSummary summary;

  g_ptr_array_add (
      workers, worker ("a", "/b1", "Active", "Changelog Crawl", NOW - 900, 0));
  g_ptr_array_add (workers,
                   worker ("b", "/b1", "Passive", "N/A", NOW - 3000, 0));
  g_ptr_array_add (workers, worker ("a", "/b2", "Passive", "N/A", 0, 0));
  g_ptr_array_add (
      workers, worker ("b", "/b2", "Active", "Changelog Crawl", NOW - 30, 4));
  gr_lag_summarize (workers, volume, NOW, &summary);
  g_assert_cmpint (summary.lag, ==, 30);
  g_assert_cmpuint (summary.sets, ==, 2);
  g_assert_cmpuint (summary.sets_no_active, ==, 0);
  g_assert_cmpuint (summary.sets_two_active, ==, 0);
  g_assert_cmpuint (summary.pending, ==, 4);
}

/* A set whose Active worker went Faulty: nobody syncs it, its lag (and
 * so the session's) is unknown, and the set is counted for the alert. */
static void
test_session_set_without_active (void)
{
  g_autoptr (GrVolumeInfo) volume = replica_volume ();
  g_autoptr (GPtrArray) workers = new_workers ();
  GrLagSummary summary;

  g_ptr_array_add (workers, worker ("a", "/b1", "Faulty", "N/A", NOW - 60, 0));
  g_ptr_array_add (workers, worker ("b", "/b1", "Passive", "N/A", 0, 0));
  g_ptr_array_add (
      workers, worker ("a", "/b2", "Active", "Changelog Crawl", NOW - 5, 0));
  g_ptr_array_add (workers,
                   worker ("b", "/b2", "Active", "History Crawl", NOW - 50, 0));
  gr_lag_summarize (workers, volume, NOW, &summary);
  g_assert_cmpint (summary.lag, ==, GR_LAG_UNKNOWN);
  g_assert_cmpuint (summary.sets_no_active, ==, 1);
  g_assert_cmpuint (summary.sets_two_active, ==, 1);
}

/* Stopped: no set runs, nothing to say. Without a volume every worker
 * is a set of its own. */
static void
test_session_stopped_and_alone (void)
{
  g_autoptr (GPtrArray) stopped = new_workers ();
  g_autoptr (GPtrArray) alone = new_workers ();
  GrLagSummary summary;

  g_ptr_array_add (stopped, worker ("a", "/b1", "Stopped", "N/A", NOW - 9, 0));
  gr_lag_summarize (stopped, NULL, NOW, &summary);
  g_assert_cmpint (summary.lag, ==, GR_LAG_UNKNOWN);
  g_assert_cmpuint (summary.sets, ==, 0);
  gr_lag_summarize (NULL, NULL, NOW, &summary);
  g_assert_cmpint (summary.lag, ==, GR_LAG_UNKNOWN);

  g_ptr_array_add (
      alone, worker ("a", "/b1", "Active", "Changelog Crawl", NOW - 9, 1));
  g_ptr_array_add (
      alone, worker ("b", "/b1", "Active", "Changelog Crawl", NOW - 99, 0));
  gr_lag_summarize (alone, NULL, NOW, &summary);
  g_assert_cmpint (summary.lag, ==, 9);
  g_assert_cmpuint (summary.sets, ==, 2);
  g_assert_cmpuint (summary.sets_two_active, ==, 0);
}

/* A recorded sequence of one worker's status (the fields of its
 * brick_….status file every 30 s): written to at 0 s, idle from 120 s,
 * then a backlog from 300 s that it works off from 390 s. */
typedef struct {
  gint64 at;
  const char *crawl;
  gint64 synced_at; /* relative to NOW; G_MININT64: 0 */
  guint64 pending;
} Recorded;

static const Recorded recorded[] = {
  { 0, "History Crawl", -3600, 500 },   { 30, "History Crawl", -2400, 400 },
  { 60, "Hybrid Crawl", -1000, 200 },   { 90, "Changelog Crawl", 80, 10 },
  { 120, "Changelog Crawl", 115, 0 },   { 150, "Changelog Crawl", 115, 0 },
  { 180, "Changelog Crawl", 115, 0 },   { 300, "Changelog Crawl", 115, 40 },
  { 330, "Changelog Crawl", 115, 90 },  { 360, "Changelog Crawl", 115, 150 },
  { 390, "Changelog Crawl", 200, 100 }, { 420, "Changelog Crawl", 330, 50 },
  { 450, "Changelog Crawl", 445, 0 },
};

static GArray *
replay (guint upto)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (GrLagPoint));

  for (guint i = 0; i < upto; i++)
    {
      const Recorded *r = &recorded[i];
      g_autoptr (GrWorker) w =
          worker ("a", "/b1", "Active", r->crawl,
                  (guint64) (NOW + r->synced_at), r->pending);
      GrLagPoint point = { NOW + r->at, gr_lag_worker (w, NOW + r->at),
                           w->last_synced, r->pending };

      g_array_append_val (points, point);
    }
  return points;
}

static GrLagTrend
trend_between (guint from, guint to)
{
  g_autoptr (GArray) points = replay (to);

  return gr_lag_trend (&g_array_index (points, GrLagPoint, from), to - from);
}

static void
test_recorded_sequence_lag (void)
{
  g_autoptr (GArray) points = replay (G_N_ELEMENTS (recorded));
  const gint64 expected[] = { 3600, 2430, 1060, 10,  0,  0, 0,
                              185,  215,  245,  190, 90, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (g_array_index (points, GrLagPoint, i).lag, ==,
                     expected[i]);
}

static void
test_recorded_sequence_trend (void)
{
  g_assert_cmpint (trend_between (0, 4), ==, GR_LAG_TREND_CATCHING_UP);
  /* Idle and synced: 0 all along, however old last-synced gets. */
  g_assert_cmpint (trend_between (4, 7), ==, GR_LAG_TREND_STEADY);
  g_assert_cmpint (trend_between (6, 10), ==, GR_LAG_TREND_FALLING_BEHIND);
  g_assert_cmpint (trend_between (9, 13), ==, GR_LAG_TREND_CATCHING_UP);
  /* One point says nothing. */
  g_assert_cmpint (trend_between (3, 4), ==, GR_LAG_TREND_UNKNOWN);
}

static void
test_trend_unknown_at_the_end (void)
{
  GrLagPoint points[] = { { NOW, 100, NOW - 100, 1 },
                          { NOW + 60, 500, NOW - 440, 1 },
                          { NOW + 90, GR_LAG_UNKNOWN, NOW - 440, 1 } };

  g_assert_cmpint (gr_lag_trend (points, 2), ==, GR_LAG_TREND_FALLING_BEHIND);
  g_assert_cmpint (gr_lag_trend (points, 3), ==, GR_LAG_TREND_UNKNOWN);
  g_assert_cmpstr (gr_lag_trend_to_string (GR_LAG_TREND_CATCHING_UP), ==,
                   "catching-up");
}

/* A checkpoint set at 300 s (NOW + 300) completes when last-synced
 * reaches it. */
static void
test_checkpoint_eta_from_last_synced (void)
{
  g_autoptr (GArray) points = replay (G_N_ELEMENTS (recorded));
  GrLagPoint *p = (GrLagPoint *) points->data;

  /* 360..390: 115 → 200 in 30 s; 300 − 200 = 100 s of changes left at
   * 85/30 per second: 36 s after 390 s (rounded up). */
  g_assert_cmpuint (gr_lag_checkpoint_eta (&p[9], 2, NOW + 300, FALSE), ==,
                    NOW + 390 + 36);
  /* Reached already: due now. */
  g_assert_cmpuint (gr_lag_checkpoint_eta (&p[9], 3, NOW + 300, FALSE), ==,
                    NOW + 420);
  /* Completed, or none set: nothing to estimate. */
  g_assert_cmpuint (gr_lag_checkpoint_eta (&p[9], 2, NOW + 300, TRUE), ==, 0);
  g_assert_cmpuint (gr_lag_checkpoint_eta (&p[9], 2, 0, FALSE), ==, 0);
}

static void
test_checkpoint_eta_from_pending (void)
{
  /* last-synced stuck, pending shrinking 90 → 60 in 30 s: 60 s more. */
  GrLagPoint shrinking[] = { { NOW, 50, NOW - 50, 90 },
                             { NOW + 30, 80, NOW - 50, 60 } };
  /* Nothing moves (an idle session with a checkpoint after its last
   * write: gluster completes it only after the next write). */
  GrLagPoint stuck[] = { { NOW, 0, NOW - 50, 0 },
                         { NOW + 30, 0, NOW - 50, 0 } };

  g_assert_cmpuint (gr_lag_checkpoint_eta (shrinking, 2, NOW + 10, FALSE), ==,
                    NOW + 90);
  g_assert_cmpuint (gr_lag_checkpoint_eta (stuck, 2, NOW + 10, FALSE), ==, 0);
  g_assert_cmpuint (gr_lag_checkpoint_eta (stuck, 1, NOW + 10, FALSE), ==, 0);
}

static void
test_moved_much (void)
{
  g_assert_false (gr_lag_moved_much (0, 0));
  g_assert_true (gr_lag_moved_much (0, 1));
  g_assert_true (gr_lag_moved_much (5, GR_LAG_UNKNOWN));
  g_assert_true (gr_lag_moved_much (GR_LAG_UNKNOWN, 0));
  g_assert_false (gr_lag_moved_much (100, 130));
  g_assert_false (gr_lag_moved_much (3600, 3700));
  g_assert_true (gr_lag_moved_much (100, 200));
  g_assert_true (gr_lag_moved_much (3600, 4100));
}

/* --- history --- */

static GrHistorySample
sample_at (gint64 time)
{
  return (GrHistorySample){ .time = time,
                            .lag = time - NOW,
                            .entry = 1,
                            .data = 2,
                            .meta = 3,
                            .failures = 4,
                            .active = 1,
                            .passive = 1,
                            .faulty = 0,
                            .other = 2 };
}

static void
test_history_ring (void)
{
  g_autoptr (GrHistory) history = gr_history_new (3);

  for (gint64 t = 1; t <= 5; t++)
    {
      GrHistorySample s = sample_at (NOW + t);
      gr_history_add (history, &s);
    }
  g_assert_cmpuint (gr_history_get_length (history), ==, 3);
  g_assert_cmpint (gr_history_get (history, 0)->time, ==, NOW + 3);
  g_assert_cmpint (gr_history_get (history, 2)->time, ==, NOW + 5);
  g_assert_cmpuint (sizeof (GrHistorySample), ==, 32);
  g_assert_cmpuint (gr_history_get_memory (history), <=,
                    64 + 3 * sizeof (GrHistorySample));
}

static void
test_history_variant (void)
{
  g_autoptr (GrHistory) history = gr_history_new (10);
  g_autoptr (GVariant) all = NULL, recent = NULL;
  g_autoptr (GVariant) first = NULL;
  gint64 lag = 0;
  guint32 other = 0;

  for (gint64 t = 0; t < 4; t++)
    {
      GrHistorySample s = sample_at (NOW + t * 60);
      gr_history_add (history, &s);
    }
  all = g_variant_ref_sink (gr_history_to_variant (history, 0));
  recent = g_variant_ref_sink (gr_history_to_variant (history, NOW + 120));
  g_assert_cmpstr (g_variant_get_type_string (all), ==, "aa{sv}");
  g_assert_cmpuint (g_variant_n_children (all), ==, 4);
  g_assert_cmpuint (g_variant_n_children (recent), ==, 2);
  first = g_variant_get_child_value (recent, 0);
  g_assert_true (g_variant_lookup (first, "lag", "x", &lag));
  g_assert_true (g_variant_lookup (first, "other", "u", &other));
  g_assert_cmpint (lag, ==, 120);
  g_assert_cmpuint (other, ==, 2);
}

static void
test_history_json_round_trip (void)
{
  g_autoptr (GrHistory) history = gr_history_new (10);
  g_autoptr (GrHistory) back = gr_history_new (10);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) again = NULL;
  GrHistorySample unknown = sample_at (NOW + 500);

  unknown.lag = GR_LAG_UNKNOWN;
  for (gint64 t = 0; t < 3; t++)
    {
      GrHistorySample s = sample_at (NOW + t);
      gr_history_add (history, &s);
    }
  gr_history_add (history, &unknown);
  node = gr_history_to_json (history);
  g_assert_cmpuint (gr_history_add_json (back, node), ==, 4);
  g_assert_cmpint (gr_history_get (back, 3)->lag, ==, GR_LAG_UNKNOWN);
  g_assert_cmpint (memcmp (gr_history_get (back, 1),
                           gr_history_get (history, 1),
                           sizeof (GrHistorySample)),
                   ==, 0);
  /* Read twice: nothing older than the newest held is added again. */
  g_assert_cmpuint (gr_history_add_json (back, node), ==, 0);
  again = json_from_string ("[[1800000000,-2,0,0,0,0,0,0,0,0],"
                            "[1800000999,5,0,0,0,0,0,0,0,70000],"
                            "[1800001000,5,0,0,0],\"x\","
                            "[1800001001,5,0,0,0,0,1,0,0,0]]",
                            NULL);
  g_assert_cmpuint (gr_history_add_json (back, again), ==, 1);
  g_assert_cmpuint (gr_history_add_json (back, NULL), ==, 0);
}

/* --- health alerts --- */

static void
test_health_problem (void)
{
  GrLagSummary fine = { .sets = 2 };
  GrLagSummary none = { .sets = 2, .sets_no_active = 1 };
  GrLagSummary two = { .sets = 2, .sets_two_active = 1 };
  GrLagSummary stalled = { .sets = 2, .stalled = 1 };

  g_assert_cmpint (gr_health_problem (GR_SESSION_STATE_ACTIVE, &fine), ==,
                   GR_HEALTH_PROBLEM_NONE);
  g_assert_cmpint (gr_health_problem (GR_SESSION_STATE_PARTIAL_FAULTY, &fine),
                   ==, GR_HEALTH_PROBLEM_FAULTY);
  g_assert_cmpint (gr_health_problem (GR_SESSION_STATE_PASSIVE, &none), ==,
                   GR_HEALTH_PROBLEM_NO_ACTIVE);
  g_assert_cmpint (gr_health_problem (GR_SESSION_STATE_ACTIVE, &two), ==,
                   GR_HEALTH_PROBLEM_TWO_ACTIVE);
  g_assert_cmpint (gr_health_problem (GR_SESSION_STATE_ACTIVE, &stalled), ==,
                   GR_HEALTH_PROBLEM_STALLED);
  g_assert_cmpstr (gr_health_problem_to_string (GR_HEALTH_PROBLEM_STALLED), ==,
                   "stalled-worker");
  g_assert_cmpint (gr_health_problem (GR_SESSION_STATE_STOPPED, &none), ==,
                   GR_HEALTH_PROBLEM_NONE);
}

static void
test_health_alert_once (void)
{
  GrHealthAlert alert = { 0 };
  gint64 check_at;

  g_assert_cmpint (gr_health_alert_update (&alert, GR_HEALTH_PROBLEM_FAULTY,
                                           NOW, 300, &check_at),
                   ==, GR_HEALTH_ALERT_NOTHING);
  g_assert_cmpint (check_at, ==, NOW + 300);
  /* Another kind of problem is the same spell. */
  g_assert_cmpint (gr_health_alert_update (&alert, GR_HEALTH_PROBLEM_NO_ACTIVE,
                                           NOW + 299, 300, &check_at),
                   ==, GR_HEALTH_ALERT_NOTHING);
  g_assert_cmpint (gr_health_alert_update (&alert, GR_HEALTH_PROBLEM_FAULTY,
                                           NOW + 300, 300, &check_at),
                   ==, GR_HEALTH_ALERT_RAISE);
  g_assert_cmpint (check_at, ==, 0);
  g_assert_cmpint (gr_health_alert_update (&alert, GR_HEALTH_PROBLEM_FAULTY,
                                           NOW + 900, 300, &check_at),
                   ==, GR_HEALTH_ALERT_NOTHING);
  g_assert_cmpint (gr_health_alert_update (&alert, GR_HEALTH_PROBLEM_NONE,
                                           NOW + 901, 300, &check_at),
                   ==, GR_HEALTH_ALERT_CLEAR);
  g_assert_cmpint (gr_health_alert_update (&alert, GR_HEALTH_PROBLEM_NONE,
                                           NOW + 902, 300, &check_at),
                   ==, GR_HEALTH_ALERT_NOTHING);
}

/* A short spell is never logged, neither raised nor cleared. */
static void
test_health_alert_short_spell (void)
{
  GrHealthAlert alert = { 0 };
  gint64 check_at;

  gr_health_alert_update (&alert, GR_HEALTH_PROBLEM_FAULTY, NOW, 300,
                          &check_at);
  g_assert_cmpint (gr_health_alert_update (&alert, GR_HEALTH_PROBLEM_NONE,
                                           NOW + 100, 300, &check_at),
                   ==, GR_HEALTH_ALERT_NOTHING);
  g_assert_cmpint (gr_health_alert_update (&alert, GR_HEALTH_PROBLEM_FAULTY,
                                           NOW + 200, 300, &check_at),
                   ==, GR_HEALTH_ALERT_NOTHING);
  g_assert_cmpint (check_at, ==, NOW + 500);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lag/worker/idle-synced", test_worker_idle_synced);
  g_test_add_func ("/lag/worker/pending", test_worker_pending);
  g_test_add_func ("/lag/worker/stalled", test_worker_stalled);
  g_test_add_func ("/lag/session/stalled", test_summary_stalled);
  g_test_add_func ("/lag/worker/history-crawl", test_worker_history_crawl);
  g_test_add_func ("/lag/worker/not-active", test_worker_not_active);
  g_test_add_func ("/lag/session/worst-set", test_session_worst_set);
  g_test_add_func ("/lag/session/set-without-active",
                   test_session_set_without_active);
  g_test_add_func ("/lag/session/stopped-and-alone",
                   test_session_stopped_and_alone);
  g_test_add_func ("/lag/recorded/lag", test_recorded_sequence_lag);
  g_test_add_func ("/lag/recorded/trend", test_recorded_sequence_trend);
  g_test_add_func ("/lag/trend/unknown-at-the-end",
                   test_trend_unknown_at_the_end);
  g_test_add_func ("/lag/eta/last-synced",
                   test_checkpoint_eta_from_last_synced);
  g_test_add_func ("/lag/eta/pending", test_checkpoint_eta_from_pending);
  g_test_add_func ("/lag/moved-much", test_moved_much);
  g_test_add_func ("/history/ring", test_history_ring);
  g_test_add_func ("/history/variant", test_history_variant);
  g_test_add_func ("/history/json", test_history_json_round_trip);
  g_test_add_func ("/health-alert/problem", test_health_problem);
  g_test_add_func ("/health-alert/once", test_health_alert_once);
  g_test_add_func ("/health-alert/short-spell", test_health_alert_short_spell);
  return g_test_run ();
}
