/* georepd benchmarks: /metrics and the history (bench-metrics.h). */
#include <libsoup/soup.h>
#include <string.h>

#include "bench-metrics.h"
#include "bench-stats.h"
#include "gr-history.h"
#include "gr-metrics.h"

#define SESSIONS 1000
#define BRICKS 4

static void
print_target (const char *what, double value, double target, const char *unit)
{
  g_print ("  TARGET %-44s %9.2f %-3s (target ≤ %g %s) %s\n", what, value, unit,
           target, unit, value <= target ? "met" : "MISSED");
}

/* A port nobody listens on now, for the private georepd's /metrics. */
static guint16
free_port (void)
{
  g_autoptr (GSocket) socket = g_socket_new (
      G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback =
      g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

typedef struct {
  SoupSession *soup;
  char *url;
  gsize bytes;
  guint workers;
} MetricsGet;

static guint
count_lines (const char *text, const char *prefix)
{
  guint n = 0;

  for (const char *at = text; (at = strstr (at, prefix)) != NULL; at++)
    n += at == text || at[-1] == '\n';
  return n;
}

static void
get_once (gpointer data)
{
  MetricsGet *get = data;
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", get->url);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body =
      soup_session_send_and_read (get->soup, msg, NULL, &error);
  gsize len;
  const char *text = g_bytes_get_data (body, &len);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  g_assert_true (len > 6 && memcmp (text + len - 6, "# EOF\n", 6) == 0);
  if (get->bytes == 0)
    {
      g_autofree char *copy = g_strndup (text, len);

      get->workers = count_lines (copy, "georepd_worker_failures_total{");
    }
  get->bytes = len;
}

static void
bench_http (void)
{
  guint16 port = free_port ();
  g_autofree char *extra =
      g_strdup_printf ("MetricsListenAddress=127.0.0.1:%u\n", port);
  GrPrivateService *service = bench_start_scaled (SESSIONS, extra);
  MetricsGet get = { soup_session_new (), NULL, 0, 0 };
  BenchFigures figures;
  guint64 cpu;

  get.url = g_strdup_printf ("http://127.0.0.1:%u/metrics", port);
  gr_manager_call_refresh_sync (service->manager, g_variant_new ("a{sv}", NULL),
                                NULL, NULL);
  cpu = bench_cpu_ns (service->service_pid);
  figures = bench_time (get_once, &get, 50);
  cpu = (bench_cpu_ns (service->service_pid) - cpu) / (50 + 20);
  g_print ("  GET /metrics, %u sessions × %d workers: %u worker series, "
           "%.1f MiB\n",
           SESSIONS, BRICKS, get.workers, get.bytes / 1048576.0);
  g_print ("    median %8.2f ms  p95 %8.2f ms, of which georepd's CPU %8.2f "
           "ms\n",
           figures.median / 1000, figures.p95 / 1000, cpu / 1e6);
  print_target ("GET /metrics, 1000 sessions × 4 workers (p95)",
                figures.p95 / 1000, 50, "ms");
  g_object_unref (get.soup);
  g_free (get.url);
  gr_private_service_stop (service);
}

typedef struct {
  GrMetricsSession *sessions;
  gsize bytes;
} RenderJob;

static void
render_once (gpointer data)
{
  RenderJob *job = data;
  GrMetricsService service = { { 0 } };
  GString *text =
      gr_metrics_render (job->sessions, SESSIONS, &service, 1800000000);

  job->bytes = text->len;
  g_string_free (text, TRUE);
}

static GPtrArray *
generated_workers (guint session)
{
  GPtrArray *workers =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_worker_free);

  for (guint b = 0; b < BRICKS; b++)
    {
      GrWorker *w = gr_worker_new ();

      g_free (w->primary_node);
      w->primary_node = g_strdup_printf ("node%u.example.com", b % 2);
      g_free (w->primary_brick);
      w->primary_brick = g_strdup_printf ("/bricks/bench_p%u/b%u", session, b);
      w->status = b % 2 ? GR_WORKER_STATUS_PASSIVE : GR_WORKER_STATUS_ACTIVE;
      w->crawl_status = GR_CRAWL_STATUS_CHANGELOG;
      w->last_synced = 1800000000 - b;
      g_ptr_array_add (workers, w);
    }
  return workers;
}

/* The exposition alone, without HTTP: what georepd spends of it. */
static void
bench_render (void)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) workers =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree GrMetricsSession *sessions = g_new0 (GrMetricsSession, SESSIONS);
  RenderJob job = { sessions, 0 };
  BenchFigures figures;

  for (guint i = 0; i < SESSIONS; i++)
    {
      char *primary = g_strdup_printf ("bench_p%u", i);
      char *secondary = g_strdup_printf ("bench_s%u", i);

      g_ptr_array_add (names, primary);
      g_ptr_array_add (names, secondary);
      g_ptr_array_add (workers, generated_workers (i));
      sessions[i] =
          (GrMetricsSession){ primary,  "backup.example.com", secondary, "root",
                              "active", workers->pdata[i],    0 };
    }
  figures = bench_time (render_once, &job, 30);
  g_print ("  rendering alone (in-process): median %8.2f ms  p95 %8.2f ms, "
           "%.1f MiB\n",
           figures.median / 1000, figures.p95 / 1000, job.bytes / 1048576.0);
}

/* A day of samples at one a minute, as the monitor keeps them. */
static void
bench_history (void)
{
  g_autoptr (GPtrArray) histories =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_history_free);
  GrHistorySample sample = { .time = 1800000000, .lag = 3, .active = 1 };
  guint64 before = bench_rss_anon_kib (getpid ()), after;

  for (guint i = 0; i < SESSIONS; i++)
    {
      GrHistory *history = gr_history_new (1440);

      for (guint s = 0; s < 1440; s++, sample.time += 60)
        gr_history_add (history, &sample);
      g_ptr_array_add (histories, history);
    }
  after = bench_rss_anon_kib (getpid ());
  g_print ("  history, 1440 samples (a day at one a minute): %zu bytes a "
           "session counted; %.1f KiB a session by RSS over %u sessions\n",
           gr_history_get_memory (histories->pdata[0]),
           (double) (after - before) / SESSIONS, SESSIONS);
}

int
bench_run_metrics (void)
{
  g_print ("metrics\n");
  /* The history first: the others leave freed memory that it would
   * reuse unseen. */
  bench_history ();
  bench_render ();
  bench_http ();
  return 0;
}
