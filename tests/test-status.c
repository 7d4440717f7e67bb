/* Unit tests: session Status aggregation from workers and replica sets,
 * and the session-wide figures. */
#include <string.h>

#include "gr-session-state.h"
#include "gr-test-data.h"
#include "gr-xml-cli-output.h"
#include "gr-xml-geo-status.h"
#include "gr-xml-volume-info.h"

/* The Session.Status word, as the tests compare it. */
static const char *
aggregate (GPtrArray *workers, const GrVolumeInfo *volume)
{
  return gr_session_state_to_string (gr_status_aggregate (workers, volume));
}

static GrWorker *
worker (const char *node, const char *brick, const char *status)
{
  GrWorker *worker = gr_worker_new ();

  g_free (worker->primary_node);
  worker->primary_node = g_strdup (node);
  g_free (worker->primary_brick);
  worker->primary_brick = g_strdup (brick);
  worker->status = gr_worker_status_parse (status);
  return worker;
}

/* Workers from "node:/brick=Status" strings. */
static GPtrArray *
workers_of (const char *const *specs)
{
  GPtrArray *workers =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_worker_free);

  for (guint i = 0; specs[i]; i++)
    {
      g_auto (GStrv) brick_status = g_strsplit (specs[i], "=", 2);
      g_auto (GStrv) node_path = g_strsplit (brick_status[0], ":", 2);

      g_ptr_array_add (workers,
                       worker (node_path[0], node_path[1], brick_status[1]));
    }
  return workers;
}

static GrVolumeInfo *
volume_of (guint replica, guint disperse, const char *const *bricks)
{
  GrVolumeInfo *volume = gr_volume_info_new ();

  volume->name = g_strdup ("vol");
  volume->replica_count = replica;
  volume->disperse_count = disperse;
  for (guint i = 0; bricks[i]; i++)
    g_ptr_array_add (volume->bricks, g_strdup (bricks[i]));
  volume->brick_count = volume->bricks->len;
  return volume;
}

/* Two replica-2 sets: {a:/b1, b:/b1} and {a:/b2, b:/b2}. */
static const char *const replica_bricks[] = { "a:/b1", "b:/b1", "a:/b2",
                                              "b:/b2", NULL };

static void
assert_replica (const char *const *specs, const char *expected)
{
  g_autoptr (GrVolumeInfo) volume = volume_of (2, 0, replica_bricks);
  g_autoptr (GPtrArray) workers = workers_of (specs);

  g_assert_cmpstr (aggregate (workers, volume), ==, expected);
}

static void
assert_alone (const char *const *specs, const char *expected)
{
  g_autoptr (GPtrArray) workers = workers_of (specs);

  g_assert_cmpstr (aggregate (workers, NULL), ==, expected);
}

static void
test_empty (void)
{
  g_autoptr (GPtrArray) none = g_ptr_array_new ();

  g_assert_cmpstr (aggregate (NULL, NULL), ==, "unknown");
  g_assert_cmpstr (aggregate (none, NULL), ==, "unknown");
}

static void
test_lifecycle (void)
{
  assert_replica ((const char *[]){ "a:/b1=Created", "b:/b1=Created", NULL },
                  "created");
  assert_replica ((const char *[]){ "a:/b1=Paused", "b:/b1=Paused", NULL },
                  "paused");
  assert_replica ((const char *[]){ "a:/b1=Stopped", "b:/b2=Stopped", NULL },
                  "stopped");
  /* Nodes that disagree: paused wins over stopped over created. */
  assert_replica ((const char *[]){ "a:/b1=Stopped", "b:/b1=Paused", NULL },
                  "paused");
  assert_replica ((const char *[]){ "a:/b1=Created", "b:/b1=Stopped", NULL },
                  "stopped");
  assert_replica ((const char *[]){ "a:/b1=Created", "b:/b1=Whatever", NULL },
                  "unknown");
}

/* A faulty brick next to an Active one leaves its set healthy. */
static void
test_faulty_in_healthy_set (void)
{
  assert_replica ((const char *[]){ "a:/b1=Active", "b:/b1=Faulty",
                                    "a:/b2=Passive", "b:/b2=Active", NULL },
                  "active");
  assert_replica ((const char *[]){ "a:/b1=Faulty", "b:/b1=Active",
                                    "a:/b2=Active", "b:/b2=Faulty", NULL },
                  "active");
}

static void
test_faulty (void)
{
  assert_replica ((const char *[]){ "a:/b1=Faulty", "b:/b1=Passive",
                                    "a:/b2=Faulty", "b:/b2=Faulty", NULL },
                  "faulty");
  assert_replica ((const char *[]){ "a:/b1=Config Corrupted", "b:/b1=Faulty",
                                    "a:/b2=Faulty", "b:/b2=Initializing...",
                                    NULL },
                  "faulty");
}

static void
test_partial_faulty (void)
{
  assert_replica ((const char *[]){ "a:/b1=Active", "b:/b1=Passive",
                                    "a:/b2=Faulty", "b:/b2=Passive", NULL },
                  "partial-faulty");
  /* Faulty outranks a set still starting. */
  assert_replica ((const char *[]){ "a:/b1=Initializing...", "b:/b1=Passive",
                                    "a:/b2=Faulty", "b:/b2=Faulty", NULL },
                  "partial-faulty");
}

static void
test_initializing (void)
{
  assert_replica ((const char *[]){ "a:/b1=Initializing...",
                                    "b:/b1=Initializing...",
                                    "a:/b2=Initializing...",
                                    "b:/b2=Initializing...", NULL },
                  "initializing");
  assert_replica ((const char *[]){ "a:/b1=Active", "b:/b1=Passive",
                                    "a:/b2=Initializing...", "b:/b2=Passive",
                                    NULL },
                  "initializing");
  /* A worker restarting next to an Active one does not hold the set up. */
  assert_replica ((const char *[]){ "a:/b1=Active", "b:/b1=Initializing...",
                                    "a:/b2=Active", "b:/b2=Passive", NULL },
                  "active");
}

static void
test_passive (void)
{
  assert_replica ((const char *[]){ "a:/b1=Passive", "b:/b1=Passive",
                                    "a:/b2=Passive", "b:/b2=Passive", NULL },
                  "passive");
}

/* Node b did not answer: its bricks are missing from the workers. */
static void
test_missing_node (void)
{
  assert_replica ((const char *[]){ "a:/b1=Active", "a:/b2=Active", NULL },
                  "active");
  assert_replica ((const char *[]){ "a:/b1=Active", "a:/b2=Passive", NULL },
                  "active");
  assert_replica ((const char *[]){ "a:/b1=Faulty", NULL }, "faulty");
  assert_replica ((const char *[]){ "a:/b1=Active", "b:/b2=Faulty", NULL },
                  "partial-faulty");
}

/* The statuses, in brick order, after the Offline workers are added. */
static char *
with_offline (const char *const *specs, const char **state)
{
  g_autoptr (GrVolumeInfo) volume = volume_of (2, 0, replica_bricks);
  g_autoptr (GPtrArray) workers = workers_of (specs);
  g_autoptr (GString) text = g_string_new (NULL);

  gr_status_add_offline_workers (workers, volume);
  *state = aggregate (workers, volume);
  for (guint i = 0; i < workers->len; i++)
    {
      const GrWorker *worker = workers->pdata[i];

      g_string_append_printf (text, "%s%s:%s=%s", i ? " " : "",
                              worker->primary_node, worker->primary_brick,
                              gr_worker_status_to_string (worker->status));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Node b did not answer: its bricks are Offline, the session partial;
 * with all of them reported again, nothing is added. */
static void
test_offline_node (void)
{
  const char *state = NULL;
  g_autofree char *running = with_offline (
      (const char *[]){ "a:/b1=Active", "a:/b2=Passive", NULL }, &state);
  g_autofree char *stopped = NULL, *faulty = NULL, *all = NULL, *none = NULL;
  g_autofree char *renamed = NULL;

  g_assert_cmpstr (running, ==,
                   "a:/b1=Active a:/b2=Passive b:/b1=Offline b:/b2=Offline");
  g_assert_cmpstr (state, ==, "partial");
  stopped = with_offline (
      (const char *[]){ "a:/b1=Stopped", "a:/b2=Stopped", NULL }, &state);
  g_assert_cmpstr (state, ==, "stopped");
  faulty = with_offline (
      (const char *[]){ "a:/b1=Faulty", "a:/b2=Faulty", NULL }, &state);
  g_assert_cmpstr (state, ==, "faulty");
  all = with_offline ((const char *[]){ "a:/b1=Active", "b:/b1=Passive",
                                        "a:/b2=Passive", "b:/b2=Active", NULL },
                      &state);
  g_assert_cmpstr (all, ==,
                   "a:/b1=Active b:/b1=Passive a:/b2=Passive b:/b2=Active");
  g_assert_cmpstr (state, ==, "active");
  none = with_offline ((const char *[]){ NULL }, &state);
  g_assert_cmpstr (none, ==, "");
  /* A worker of no known brick: nothing is called Offline. */
  renamed = with_offline (
      (const char *[]){ "a:/b1=Active", "x:/elsewhere=Passive", NULL }, &state);
  g_assert_cmpstr (renamed, ==, "a:/b1=Active x:/elsewhere=Passive");
}

static void
test_running_and_stopped (void)
{
  assert_replica ((const char *[]){ "a:/b1=Active", "b:/b1=Passive",
                                    "a:/b2=Stopped", "b:/b2=Stopped", NULL },
                  "unknown");
}

static void
test_no_volume (void)
{
  assert_alone ((const char *[]){ "a:/b1=Active", "b:/b1=Passive", NULL },
                "active");
  assert_alone ((const char *[]){ "a:/b1=Active", "b:/b1=Faulty", NULL },
                "partial-faulty");
  assert_alone ((const char *[]){ "a:/b1=Faulty", "b:/b1=Faulty", NULL },
                "faulty");
  assert_alone ((const char *[]){ "a:/b1=Paused", NULL }, "paused");
}

/* A distributed volume: every brick is a set of its own. */
static void
test_distribute (void)
{
  static const char *const bricks[] = { "a:/d1", "a:/d2", NULL };
  g_autoptr (GrVolumeInfo) volume = volume_of (1, 0, bricks);
  g_autoptr (GPtrArray) workers =
      workers_of ((const char *[]){ "a:/d1=Active", "a:/d2=Faulty", NULL });

  g_assert_cmpstr (aggregate (workers, volume), ==, "partial-faulty");
}

static void
test_disperse (void)
{
  static const char *const bricks[] = { "a:/e1", "b:/e1", "c:/e1", "a:/e2",
                                        "b:/e2", "c:/e2", NULL };
  g_autoptr (GrVolumeInfo) volume = volume_of (1, 3, bricks);
  g_autoptr (GPtrArray) some = workers_of ((const char *[]){
      "a:/e1=Faulty", "b:/e1=Faulty", "c:/e1=Passive", "a:/e2=Active",
      "b:/e2=Passive", "c:/e2=Faulty", NULL });
  g_autoptr (GPtrArray) one = workers_of ((const char *[]){
      "a:/e1=Active", "b:/e1=Faulty", "c:/e1=Faulty", "a:/e2=Faulty",
      "b:/e2=Active", "c:/e2=Passive", NULL });

  g_assert_cmpstr (aggregate (some, volume), ==, "partial-faulty");
  g_assert_cmpstr (aggregate (one, volume), ==, "active");
}

/* gluster may name the node differently in status and in volume info;
 * a unique brick path still finds the brick. */
static void
test_match_by_path (void)
{
  static const char *const bricks[] = { "a.example.com:/b1",
                                        "b.example.com:/b1x",
                                        "a.example.com:/b2",
                                        "b.example.com:/b2x", NULL };
  g_autoptr (GrVolumeInfo) volume = volume_of (2, 0, bricks);
  g_autoptr (GPtrArray) workers = workers_of ((const char *[]){
      "a:/b1=Active", "b:/b1x=Faulty", "a:/b2=Faulty", "b:/b2x=Active", NULL });

  g_assert_cmpstr (aggregate (workers, volume), ==, "active");
}

static GPtrArray *
load (const char *name, GrXmlAnswerReader parser)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *result = gr_test_read_stream (name, parser, NULL, &error);

  g_assert_no_error (error);
  return result;
}

static const char *
recorded_status (const char *status_file)
{
  g_autoptr (GPtrArray) volumes =
      load ("volume-info-replica2.xml", gr_xml_read_volume_info);
  g_autoptr (GPtrArray) sessions = load (status_file, gr_xml_read_geo_status);
  const GrSessionStatus *session = sessions->pdata[sessions->len - 1];

  g_assert_cmpstr (session->primary_volume, ==, "grsb_rec_r");
  return aggregate (session->workers, volumes->pdata[0]);
}

/* Gluster 10.3's real answers for the replica 2 volume grsb_rec_r. */
static void
test_recorded (void)
{
  g_assert_cmpstr (recorded_status ("geo-status-created-all.xml"), ==,
                   "created");
  g_assert_cmpstr (recorded_status ("geo-status-active-passive-one.xml"), ==,
                   "active");
  /* Both bricks on one node are both Active without a meta volume. */
  g_assert_cmpstr (recorded_status ("geo-status-active-all.xml"), ==, "active");
  g_assert_cmpstr (recorded_status ("geo-status-paused-one.xml"), ==, "paused");
  g_assert_cmpstr (recorded_status ("geo-status-stopped-one.xml"), ==,
                   "stopped");
  g_assert_cmpstr (recorded_status ("geo-status-faulty-one.xml"), ==, "faulty");
}

static GrWorker *
timed_worker (const char *status,
              guint64 last_synced,
              guint64 failures,
              gboolean completed,
              guint64 checkpoint,
              guint64 completion)
{
  GrWorker *w = worker ("a", "/b", status);

  w->last_synced = last_synced;
  w->failures = failures;
  w->checkpoint_completed = completed;
  w->checkpoint_time = checkpoint;
  w->checkpoint_completion_time = completion;
  return w;
}

static void
test_summary (void)
{
  g_autoptr (GPtrArray) workers =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_worker_free);
  GrStatusSummary summary;

  g_ptr_array_add (workers, timed_worker ("Active", 300, 1, TRUE, 100, 350));
  g_ptr_array_add (workers, timed_worker ("Active", 200, 2, TRUE, 100, 320));
  g_ptr_array_add (workers, timed_worker ("Passive", 50, 4, FALSE, 0, 0));
  gr_status_summarize (workers, &summary);
  g_assert_cmpuint (summary.last_synced, ==, 200);
  g_assert_cmpuint (summary.failures, ==, 7);
  g_assert_cmpuint (summary.checkpoint_time, ==, 100);
  g_assert_true (summary.checkpoint_completed);
  g_assert_cmpuint (summary.checkpoint_completion_time, ==, 350);

  /* One Active worker still on its way: not completed. */
  g_ptr_array_add (workers, timed_worker ("Active", 0, 0, FALSE, 100, 0));
  gr_status_summarize (workers, &summary);
  g_assert_cmpuint (summary.last_synced, ==, 200);
  g_assert_false (summary.checkpoint_completed);
  g_assert_cmpuint (summary.checkpoint_completion_time, ==, 0);
}

static void
test_summary_none_active (void)
{
  g_autoptr (GPtrArray) workers =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_worker_free);
  GrStatusSummary summary;

  gr_status_summarize (NULL, &summary);
  g_assert_cmpuint (
      summary.last_synced + summary.failures + summary.checkpoint_time, ==, 0);
  g_assert_false (summary.checkpoint_completed);
  g_ptr_array_add (workers, timed_worker ("Faulty", 500, 3, TRUE, 400, 450));
  gr_status_summarize (workers, &summary);
  g_assert_cmpuint (summary.last_synced, ==, 0);
  g_assert_cmpuint (summary.failures, ==, 3);
  g_assert_cmpuint (summary.checkpoint_time, ==, 400);
  g_assert_false (summary.checkpoint_completed);
  g_assert_cmpuint (summary.checkpoint_completion_time, ==, 0);
}

/* gluster's output is not trusted: a replica count far beyond the
 * bricks (up to G_MAXUINT, where rounding up used to wrap to an empty
 * set table) is one set of all bricks. */
static void
test_huge_replica_count (void)
{
  static const char *const specs[] = { "a:/b1=Active", "b:/b1=Passive",
                                       "a:/b2=Faulty", "b:/b2=Passive", NULL };
  static const guint counts[] = { 5, 1000, G_MAXUINT / 2 + 1, G_MAXUINT };
  g_autoptr (GPtrArray) workers = workers_of (specs);

  for (gsize i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr (GrVolumeInfo) replica =
          volume_of (counts[i], 0, replica_bricks);
      g_autoptr (GrVolumeInfo) disperse =
          volume_of (0, counts[i], replica_bricks);

      g_assert_cmpstr (aggregate (workers, replica), ==, "active");
      g_assert_cmpstr (aggregate (workers, disperse), ==, "active");
    }
}

/* Gluster's words round-trip; unknown words are UNKNOWN / NONE. */
static void
test_words (void)
{
  for (GrWorkerStatus s = GR_WORKER_STATUS_CREATED;
       s <= GR_WORKER_STATUS_OFFLINE; s++)
    g_assert_cmpint (gr_worker_status_parse (gr_worker_status_to_string (s)),
                     ==, s);
  for (GrCrawlStatus c = GR_CRAWL_STATUS_NONE; c <= GR_CRAWL_STATUS_CHANGELOG;
       c++)
    g_assert_cmpint (gr_crawl_status_parse (gr_crawl_status_to_string (c)), ==,
                     c);
  g_assert_cmpint (gr_worker_status_parse ("Initializing"), ==,
                   GR_WORKER_STATUS_INITIALIZING);
  g_assert_cmpint (gr_worker_status_parse ("active"), ==,
                   GR_WORKER_STATUS_ACTIVE);
  g_assert_cmpint (gr_worker_status_parse ("Dancing"), ==,
                   GR_WORKER_STATUS_UNKNOWN);
  g_assert_cmpint (gr_worker_status_parse (NULL), ==, GR_WORKER_STATUS_UNKNOWN);
  g_assert_cmpint (gr_crawl_status_parse ("Xyz Crawl"), ==,
                   GR_CRAWL_STATUS_NONE);
  g_assert_cmpstr (gr_session_state_to_string (GR_SESSION_STATE_PARTIAL_FAULTY),
                   ==, "partial-faulty");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/status/empty", test_empty);
  g_test_add_func ("/status/lifecycle", test_lifecycle);
  g_test_add_func ("/status/faulty-in-healthy-set", test_faulty_in_healthy_set);
  g_test_add_func ("/status/faulty", test_faulty);
  g_test_add_func ("/status/partial-faulty", test_partial_faulty);
  g_test_add_func ("/status/initializing", test_initializing);
  g_test_add_func ("/status/passive", test_passive);
  g_test_add_func ("/status/missing-node", test_missing_node);
  g_test_add_func ("/status/offline-node", test_offline_node);
  g_test_add_func ("/status/running-and-stopped", test_running_and_stopped);
  g_test_add_func ("/status/no-volume", test_no_volume);
  g_test_add_func ("/status/distribute", test_distribute);
  g_test_add_func ("/status/disperse", test_disperse);
  g_test_add_func ("/status/match-by-path", test_match_by_path);
  g_test_add_func ("/status/recorded", test_recorded);
  g_test_add_func ("/status/summary", test_summary);
  g_test_add_func ("/status/summary-none-active", test_summary_none_active);
  g_test_add_func ("/status/huge-replica-count", test_huge_replica_count);
  g_test_add_func ("/status/words", test_words);
  return g_test_run ();
}
