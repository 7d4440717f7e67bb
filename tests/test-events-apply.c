/* An event as a fact (service/gr-events-apply.c, gr-events-parse.c): the
 * worker a recorded GEOREP_* body names, and what its state does to the
 * workers of a replica-2 session over nodes A and B and to the
 * session's aggregated status. */
#include <string.h>

#include "gr-events-apply.h"
#include "gr-events-parse.h"
#include "gr-session-state.h"

#define UUID_A "11111111-1111-1111-1111-111111111111"
#define UUID_B "22222222-2222-2222-2222-222222222222"
#define BRICK "/bricks/p1"

static char *
event_body (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data",
                                            "events", name, NULL);
  char *body = NULL;

  g_assert_true (g_file_get_contents (path, &body, NULL, NULL));
  return body;
}

static void
assert_worker_parsed (const char *file)
{
  g_autofree char *body = event_body (file);
  g_autofree char *event = NULL, *primary = NULL, *host = NULL,
                  *secondary = NULL;
  g_auto (GrEventWorker) worker = { 0 };

  g_assert_true (gr_events_parse (body, strlen (body), &event, &primary, &host,
                                  &secondary, &worker));
  g_assert_cmpstr (worker.node, ==, "vm");
  g_assert_cmpstr (worker.node_uuid, ==,
                   "337d3f78-9d1e-4ea7-ab98-265712c93e52");
  g_assert_cmpstr (worker.brick, ==, "/tmp/grsb_rec/bricks/p1");
}

/* Both key generations; names no worker could have are dropped. */
static void
test_parse_worker (void)
{
  const char *hostile =
      "{\"event\": \"GEOREP_FAULTY\", \"message\": {\"primary_volume\": "
      "\"p\", \"secondary_host\": \"h\", \"secondary_volume\": \"s\", "
      "\"primary_node\": \"-x\", \"primary_node_id\": \"../../etc\", "
      "\"brick_path\": \"relative/p1\"}}";
  g_autofree char *event = NULL, *primary = NULL, *host = NULL,
                  *secondary = NULL;
  g_auto (GrEventWorker) worker = { 0 };

  assert_worker_parsed ("georep-faulty.json");
  assert_worker_parsed ("georep-faulty-v9.json");
  g_assert_true (gr_events_parse (hostile, strlen (hostile), &event, &primary,
                                  &host, &secondary, &worker));
  g_assert_null (worker.node);
  g_assert_null (worker.node_uuid);
  g_assert_null (worker.brick);
}

static GrWorker *
worker_new (const char *node, const char *uuid, GrWorkerStatus status)
{
  GrWorker *worker = gr_worker_new ();

  worker->primary_node = g_strdup (node);
  worker->primary_node_uuid = g_strdup (uuid);
  worker->primary_brick = g_strdup (BRICK);
  worker->status = status;
  return worker;
}

typedef struct {
  GPtrArray *workers;
  GrVolumeInfo *volume;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->workers = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_worker_free);
  g_ptr_array_add (f->workers,
                   worker_new ("a", UUID_A, GR_WORKER_STATUS_PASSIVE));
  g_ptr_array_add (f->workers,
                   worker_new ("b", UUID_B, GR_WORKER_STATUS_ACTIVE));
  f->volume = gr_volume_info_new ();
  f->volume->replica_count = 2;
  g_ptr_array_add (f->volume->bricks, g_strdup ("a:" BRICK));
  g_ptr_array_add (f->volume->bricks, g_strdup ("b:" BRICK));
  f->volume->brick_count = 2;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_ptr_array_unref (f->workers);
  gr_volume_info_free (f->volume);
}

static gboolean
apply (Fixture *f, const char *event, const char *node, const char *uuid)
{
  GrEventWorker named = { (char *) node, (char *) uuid, (char *) BRICK, 0, 0 };

  return gr_events_apply_to_workers (f->workers, event, &named, UUID_A);
}

static GrWorkerStatus
status_of (Fixture *f, guint i)
{
  return ((GrWorker *) f->workers->pdata[i])->status;
}

/* B's Active worker faults: the set has no Active worker, the session
 * is faulty until A's takes over (its own events are its status
 * files'). */
static void
test_faulty_then_active (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (gr_status_aggregate (f->workers, f->volume), ==,
                   GR_SESSION_STATE_ACTIVE);
  g_assert_true (apply (f, "GEOREP_FAULTY", "b", UUID_B));
  g_assert_cmpint (status_of (f, 1), ==, GR_WORKER_STATUS_FAULTY);
  g_assert_cmpint (status_of (f, 0), ==, GR_WORKER_STATUS_PASSIVE);
  g_assert_cmpint (gr_status_aggregate (f->workers, f->volume), ==,
                   GR_SESSION_STATE_FAULTY);
  g_assert_false (apply (f, "GEOREP_FAULTY", "b", UUID_B));
  g_assert_true (apply (f, "GEOREP_PASSIVE", "b", UUID_B));
  g_assert_true (apply (f, "GEOREP_ACTIVE", NULL, UUID_B));
  g_assert_cmpint (status_of (f, 1), ==, GR_WORKER_STATUS_ACTIVE);
}

/* Another brick, another node, this node's own worker, no brick: no
 * worker changes. */
static void
test_other_workers_untouched (Fixture *f, gconstpointer data)
{
  GrEventWorker other_brick = { "b", UUID_B, "/bricks/p2", 0, 0 };
  GrEventWorker no_brick = { "b", UUID_B, NULL, 0, 0 };

  g_assert_false (gr_events_apply_to_workers (f->workers, "GEOREP_FAULTY",
                                              &other_brick, UUID_A));
  g_assert_false (gr_events_apply_to_workers (f->workers, "GEOREP_FAULTY",
                                              &no_brick, UUID_A));
  g_assert_false (apply (f, "GEOREP_FAULTY", "c", NULL));
  g_assert_false (
      apply (f, "GEOREP_FAULTY", "b", "33333333-3333-3333-3333-333333333333"));
  g_assert_false (apply (f, "GEOREP_FAULTY", "a", UUID_A));
  g_assert_false (apply (f, "GEOREP_CONFIG_SET", "b", UUID_B));
  g_assert_cmpint (status_of (f, 0), ==, GR_WORKER_STATUS_PASSIVE);
  g_assert_cmpint (status_of (f, 1), ==, GR_WORKER_STATUS_ACTIVE);
}

static void
test_checkpoint_completed (Fixture *f, gconstpointer data)
{
  GrEventWorker named = { "b", UUID_B, BRICK, 1795469000, 1795469564 };
  GrWorker *b = f->workers->pdata[1];

  g_assert_true (gr_events_apply_to_workers (
      f->workers, "GEOREP_CHECKPOINT_COMPLETED", &named, UUID_A));
  g_assert_true (b->checkpoint_completed);
  g_assert_cmpuint (b->checkpoint_time, ==, 1795469000);
  g_assert_cmpuint (b->checkpoint_completion_time, ==, 1795469564);
  g_assert_cmpint (b->status, ==, GR_WORKER_STATUS_ACTIVE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/events-apply/parse-worker", test_parse_worker);
#define ADD(path, func)                                                        \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/events-apply/faulty-then-active", test_faulty_then_active);
  ADD ("/events-apply/other-workers-untouched", test_other_workers_untouched);
  ADD ("/events-apply/checkpoint-completed", test_checkpoint_completed);
  return g_test_run ();
}
