/* Unit tests: /metrics in the OpenMetrics text format (service/
 * gr-metrics.c): families, label escaping, the end marker; then parsed
 * back by a strict OpenMetrics parser. */
#include <string.h>

#include "gr-error.h"
#include "gr-metrics-server.h"
#include "gr-metrics.h"

#define NOW 1800000000

static GrWorker *
worker (const char *node, const char *brick, GrWorkerStatus status)
{
  GrWorker *w = gr_worker_new ();

  g_free (w->primary_node);
  w->primary_node = g_strdup (node);
  g_free (w->primary_brick);
  w->primary_brick = g_strdup (brick);
  w->status = status;
  return w;
}

typedef struct {
  GPtrArray *workers;
  GrMetricsSession sessions[2];
  GrMetricsService service;
} Fixture;

/* A replica-2 session with an Active worker 42 s behind and a Passive
 * one, and a stopped session whose names need escaping. */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  GrWorker *active = worker ("node-a", "/bricks/b1", GR_WORKER_STATUS_ACTIVE);
  GrWorker *passive = worker ("node-b", "/bricks/b1", GR_WORKER_STATUS_PASSIVE);

  active->crawl_status = GR_CRAWL_STATUS_CHANGELOG;
  active->last_synced = NOW - 42;
  active->entry = 1;
  active->data = 2;
  active->meta = 3;
  active->failures = 7;
  f->workers = g_ptr_array_new_with_free_func ((GDestroyNotify) gr_worker_free);
  g_ptr_array_add (f->workers, active);
  g_ptr_array_add (f->workers, passive);
  f->sessions[0] = (GrMetricsSession){ "pvol", "sec.example", "svol",
                                       "root", "active",      f->workers,
                                       42,     NOW - 10,      FALSE,
                                       0 };
  f->sessions[1] =
      (GrMetricsSession){ "odd", "h", "a\"b\\c\nd", "geo", "stopped", NULL,
                          -1,    0,   FALSE,        0 };
  f->service = (GrMetricsService){ { 12, 1, 3500000 }, { 5, 250000 } };
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_ptr_array_unref (f->workers);
}

static char *
render (Fixture *f)
{
  return g_string_free (gr_metrics_render (f->sessions, 2, &f->service, NOW),
                        FALSE);
}

static void
assert_line (const char *text, const char *line)
{
  g_autofree char *with_newlines = g_strconcat ("\n", line, "\n", NULL);

  if (strstr (text, with_newlines) == NULL)
    g_error ("no line «%s» in:\n%s", line, text);
}

#define PVOL                                                                   \
  "primary_volume=\"pvol\",secondary_host=\"sec.example\","                    \
  "secondary_volume=\"svol\",secondary_user=\"root\""
#define ACTIVE PVOL ",node=\"node-a\",brick=\"/bricks/b1\""

static void
test_workers (Fixture *f, gconstpointer data)
{
  g_autofree char *text = render (f);

  assert_line (text, "# TYPE georepd_worker_state stateset");
  assert_line (text, "georepd_worker_state{" ACTIVE
                     ",georepd_worker_state=\"Active\"} 1");
  assert_line (text, "georepd_worker_state{" ACTIVE
                     ",georepd_worker_state=\"Faulty\"} 0");
  assert_line (text, "georepd_worker_crawl_state{" ACTIVE
                     ",georepd_worker_crawl_state=\"Changelog Crawl\"} 1");
  assert_line (text, "georepd_worker_lag_seconds{" ACTIVE "} 42");
  assert_line (text, "georepd_worker_last_synced_timestamp_seconds{" ACTIVE
                     "} 1799999958");
  assert_line (text,
               "georepd_worker_pending_changes{" ACTIVE ",kind=\"meta\"} 3");
  assert_line (text, "georepd_worker_failures_total{" ACTIVE "} 7");
  /* The Passive worker's lag is not known: no series rather than 0. */
  g_assert_null (
      strstr (text, "georepd_worker_lag_seconds{" PVOL ",node=\"node-b\""));
}

static void
test_sessions_and_service (Fixture *f, gconstpointer data)
{
  g_autofree char *text = render (f);

  assert_line (text, "georepd_session_status{" PVOL
                     ",georepd_session_status=\"active\"} 1");
  assert_line (text, "georepd_session_lag_seconds{" PVOL "} 42");
  assert_line (text, "georepd_session_checkpoint_completed{" PVOL "} 0");
  assert_line (text, "georepd_gluster_command_duration_seconds_count 12");
  assert_line (text, "georepd_gluster_command_duration_seconds_sum 3.500000");
  assert_line (text, "georepd_gluster_command_failures_total 1");
  assert_line (text, "georepd_refresh_duration_seconds 0.250000");
  g_assert_true (g_str_has_suffix (text, "\n# EOF\n"));
}

static void
test_escaping (Fixture *f, gconstpointer data)
{
  g_autofree char *text = render (f);

  assert_line (text,
               "georepd_session_status{primary_volume=\"odd\","
               "secondary_host=\"h\",secondary_volume=\"a\\\"b\\\\c\\nd\","
               "secondary_user=\"geo\",georepd_session_status="
               "\"stopped\"} 1");
}

/* A strict OpenMetrics parser (tests/check-openmetrics.py) on the same
 * text. */
static void
test_parsed_back (Fixture *f, gconstpointer data)
{
  g_autofree char *text = render (f);
  g_autofree char *script =
      g_test_build_filename (G_TEST_DIST, "check-openmetrics.py", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) check = g_subprocess_new (
      G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
          G_SUBPROCESS_FLAGS_STDERR_MERGE,
      &error, script, NULL);
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  g_assert_true (
      g_subprocess_communicate_utf8 (check, text, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (check))
    g_error ("check-openmetrics.py refused:\n%s\n--\n%s", out, text);
  g_assert_nonnull (strstr (out, "georepd_worker_state stateset 20\n"));
  g_assert_nonnull (strstr (out, "georepd_worker_failures counter 2\n"));
}

/* The checker is strict: it refuses what is not OpenMetrics. */
static void
test_checker_refuses (void)
{
  g_autofree char *script =
      g_test_build_filename (G_TEST_DIST, "check-openmetrics.py", NULL);
  const char *const bad[] = {
    "x 1\n",                          /* no # EOF */
    "x{a=\"b\nc\"} 1\n# EOF\n",       /* raw newline */
    "# TYPE x counter\nx 1\n# EOF\n", /* counter without _total */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GSubprocess) check = g_subprocess_new (
          G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
          &error, script, NULL);

      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate_utf8 (check, bad[i], NULL, NULL,
                                                    NULL, &error));
      g_assert_false (g_subprocess_get_successful (check));
    }
}

/* MetricsListenAddress: IP:PORT only; a port taken is an error. */
static void
test_listen_address (void)
{
  const char *const refused[] = { "localhost:9713", "127.0.0.1", "9713",
                                  "127.0.0.1:0", "" };
  g_autoptr (GSocket) first = NULL;
  g_autoptr (GSocket) second = NULL;
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *again = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GSocket) socket =
          gr_metrics_server_listen (refused[i], &error);

      g_assert_null (socket);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  /* A free port: bind one, let it go, listen there twice. */
  g_assert_null (gr_metrics_server_listen ("127.0.0.1:0", NULL));
  first = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                        G_SOCKET_PROTOCOL_TCP, &error);
  {
    g_autoptr (GInetAddress) loopback =
        g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);

    g_assert_true (g_socket_bind (first, any, FALSE, &error));
  }
  bound = g_socket_get_local_address (first, &error);
  again = g_strdup_printf ("127.0.0.1:%u", g_inet_socket_address_get_port (
                                               G_INET_SOCKET_ADDRESS (bound)));
  g_clear_object (&first);
  first = gr_metrics_server_listen (again, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  second = gr_metrics_server_listen (again, &error);
  g_assert_null (second);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn)                                                          \
  g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/metrics/workers", test_workers);
  ADD ("/metrics/sessions-and-service", test_sessions_and_service);
  ADD ("/metrics/escaping", test_escaping);
  ADD ("/metrics/parsed-back", test_parsed_back);
#undef ADD
  g_test_add_func ("/metrics/checker-refuses", test_checker_refuses);
  g_test_add_func ("/metrics/listen-address", test_listen_address);
  return g_test_run ();
}
