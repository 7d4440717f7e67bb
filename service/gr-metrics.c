/* georepd: rendering /metrics (gr-metrics.h).
 *
 * OpenMetrics wants each family's samples together under one TYPE and
 * HELP line, so the families are the outer loop and the sessions the
 * inner one; the label sets are escaped once and reused by every
 * family. Series whose value is not known (a worker's lag, a time gluster
 * says N/A) are left out rather than given a made-up value. */
#include "gr-lag.h"
#include "gr-metrics.h"
#include "gr-session-state.h"

typedef struct {
  GString *out;
  const GrMetricsSession *sessions;
  guint n_sessions;
  GPtrArray *session_labels; /* char *: primary_volume="…",… */
  GPtrArray *worker_labels;  /* char *: the session's, node, brick */
  gint64 now;
} GrRender;

void
gr_metrics_append_escaped (GString *out, const char *value)
{
  for (const char *c = value ? value : ""; *c; c++)
    switch (*c)
      {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          g_string_append_c (out, *c);
      }
}

static void
append_label (GString *out, const char *name, const char *value)
{
  if (out->len > 0)
    g_string_append_c (out, ',');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  gr_metrics_append_escaped (out, value);
  g_string_append_c (out, '"');
}

static char *
session_labels (const GrMetricsSession *s)
{
  GString *out = g_string_new (NULL);

  append_label (out, "primary_volume", s->primary_volume);
  append_label (out, "secondary_host", s->secondary_host);
  append_label (out, "secondary_volume", s->secondary_volume);
  append_label (out, "secondary_user", s->secondary_user);
  return g_string_free (out, FALSE);
}

static char *
worker_labels (const char *session, const GrWorker *w)
{
  GString *out = g_string_new (session);

  append_label (out, "node", w->primary_node);
  append_label (out, "brick", w->primary_brick);
  return g_string_free (out, FALSE);
}

static void
prepare_labels (GrRender *r)
{
  r->session_labels = g_ptr_array_new_with_free_func (g_free);
  r->worker_labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < r->n_sessions; i++)
    {
      const GrMetricsSession *s = &r->sessions[i];
      char *labels = session_labels (s);

      g_ptr_array_add (r->session_labels, labels);
      for (guint w = 0; s->workers && w < s->workers->len; w++)
        g_ptr_array_add (r->worker_labels,
                         worker_labels (labels, s->workers->pdata[w]));
    }
}

static void
family (GrRender *r, const char *name, const char *type, const char *help)
{
  g_string_append_printf (r->out, "# TYPE %s %s\n# HELP %s %s\n", name, type,
                          name, help);
}

/* printf costs most of a render of thousands of workers: the lines are
 * put together from their pieces. */
static void
append_uint (GString *out, guint64 value)
{
  char digits[24];
  gsize at = sizeof digits;

  do
    digits[--at] = (char) ('0' + value % 10);
  while ((value /= 10) != 0);
  g_string_append_len (out, digits + at, (gssize) (sizeof digits - at));
}

static void
sample (GrRender *r,
        const char *name,
        const char *labels,
        const char *extra,
        guint64 value)
{
  g_string_append (r->out, name);
  g_string_append_c (r->out, '{');
  g_string_append (r->out, labels);
  if (extra != NULL)
    g_string_append (r->out, extra);
  g_string_append_len (r->out, "} ", 2);
  append_uint (r->out, value);
  g_string_append_c (r->out, '\n');
}

/* --- worker families --- */

typedef void (*GrWorkerSample) (GrRender *r,
                                const char *name,
                                const char *labels,
                                const GrWorker *w);

static void
each_worker (GrRender *r, const char *name, GrWorkerSample fn)
{
  guint at = 0;

  for (guint i = 0; i < r->n_sessions; i++)
    for (guint w = 0; r->sessions[i].workers && w < r->sessions[i].workers->len;
         w++)
      fn (r, name, r->worker_labels->pdata[at++],
          r->sessions[i].workers->pdata[w]);
}

static void
stateset (GrRender *r,
          const char *name,
          const char *labels,
          const char *const *states,
          guint n_states,
          const char *current)
{
  for (guint i = 0; i < n_states; i++)
    {
      g_string_append (r->out, name);
      g_string_append_c (r->out, '{');
      g_string_append (r->out, labels);
      g_string_append_c (r->out, ',');
      g_string_append (r->out, name);
      g_string_append_len (r->out, "=\"", 2);
      gr_metrics_append_escaped (r->out, states[i]);
      g_string_append_len (r->out, "\"} ", 3);
      g_string_append_c (r->out,
                         g_strcmp0 (states[i], current) == 0 ? '1' : '0');
      g_string_append_c (r->out, '\n');
    }
}

/* Every word of an enum of @n values, as @to_string spells them. */
static void
enum_stateset (GrRender *r,
               const char *name,
               const char *labels,
               const char *(*to_string) (guint value),
               guint n,
               guint current)
{
  const char *states[16];

  g_assert (n <= G_N_ELEMENTS (states));
  for (guint i = 0; i < n; i++)
    states[i] = to_string (i);
  stateset (r, name, labels, states, n, to_string (current));
}

static const char *
worker_word (guint value)
{
  return gr_worker_status_to_string ((GrWorkerStatus) value);
}

static const char *
crawl_word (guint value)
{
  return gr_crawl_status_to_string ((GrCrawlStatus) value);
}

static void
worker_state (GrRender *r,
              const char *name,
              const char *labels,
              const GrWorker *w)
{
  enum_stateset (r, name, labels, worker_word, GR_WORKER_STATUS_OFFLINE + 1,
                 w->status);
}

static void
crawl_state (GrRender *r,
             const char *name,
             const char *labels,
             const GrWorker *w)
{
  enum_stateset (r, name, labels, crawl_word, GR_CRAWL_STATUS_CHANGELOG + 1,
                 w->crawl_status);
}

static void
last_synced (GrRender *r,
             const char *name,
             const char *labels,
             const GrWorker *w)
{
  if (w->last_synced > 0)
    sample (r, name, labels, NULL, w->last_synced);
}

static void
lag (GrRender *r, const char *name, const char *labels, const GrWorker *w)
{
  gint64 value = gr_lag_worker (w, r->now);

  if (value != GR_LAG_UNKNOWN)
    sample (r, name, labels, NULL, (guint64) value);
}

static void
pending (GrRender *r, const char *name, const char *labels, const GrWorker *w)
{
  sample (r, name, labels, ",kind=\"entry\"", w->entry);
  sample (r, name, labels, ",kind=\"data\"", w->data);
  sample (r, name, labels, ",kind=\"meta\"", w->meta);
}

static void
failures (GrRender *r, const char *name, const char *labels, const GrWorker *w)
{
  sample (r, name, labels, NULL, w->failures);
}

static void
render_workers (GrRender *r)
{
  family (r, "georepd_worker_state", "stateset",
          "The worker's state as gsyncd reports it");
  each_worker (r, "georepd_worker_state", worker_state);
  family (r, "georepd_worker_crawl_state", "stateset",
          "How the worker finds changes");
  each_worker (r, "georepd_worker_crawl_state", crawl_state);
  family (r, "georepd_worker_last_synced_timestamp_seconds", "gauge",
          "Time of the newest primary change the worker synced");
  each_worker (r, "georepd_worker_last_synced_timestamp_seconds", last_synced);
  family (r, "georepd_worker_lag_seconds", "gauge",
          "Age of the oldest primary change not yet on the secondary");
  each_worker (r, "georepd_worker_lag_seconds", lag);
  family (r, "georepd_worker_pending_changes", "gauge",
          "Changes the worker has still to sync, by kind (reset at its start)");
  each_worker (r, "georepd_worker_pending_changes", pending);
  family (r, "georepd_worker_failures", "counter",
          "Changes the worker failed to sync (reset at its start)");
  each_worker (r, "georepd_worker_failures_total", failures);
}

/* --- session families --- */

static void
render_sessions (GrRender *r)
{
  const char *states[GR_SESSION_STATE_PARTIAL + 1];

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    states[i] = gr_session_state_to_string ((GrSessionState) i);
  family (r, "georepd_session_status", "stateset",
          "The session's Status, aggregated over its replica sets");
  for (guint i = 0; i < r->n_sessions; i++)
    stateset (r, "georepd_session_status", r->session_labels->pdata[i], states,
              G_N_ELEMENTS (states), r->sessions[i].status);
  family (r, "georepd_session_lag_seconds", "gauge",
          "The session's worst replica set's lag");
  for (guint i = 0; i < r->n_sessions; i++)
    if (r->sessions[i].lag >= 0)
      sample (r, "georepd_session_lag_seconds", r->session_labels->pdata[i],
              NULL, (guint64) r->sessions[i].lag);
  family (r, "georepd_session_replica_sets_without_active", "gauge",
          "Running replica sets of which no worker is Active");
  for (guint i = 0; i < r->n_sessions; i++)
    sample (r, "georepd_session_replica_sets_without_active",
            r->session_labels->pdata[i], NULL, r->sessions[i].sets_no_active);
  family (r, "georepd_session_replica_sets_with_two_active", "gauge",
          "Replica sets of which more than one worker is Active");
  for (guint i = 0; i < r->n_sessions; i++)
    sample (r, "georepd_session_replica_sets_with_two_active",
            r->session_labels->pdata[i], NULL, r->sessions[i].sets_two_active);
  family (r, "georepd_session_checkpoint_timestamp_seconds", "gauge",
          "The checkpoint set, if any");
  for (guint i = 0; i < r->n_sessions; i++)
    if (r->sessions[i].checkpoint_time > 0)
      sample (r, "georepd_session_checkpoint_timestamp_seconds",
              r->session_labels->pdata[i], NULL,
              r->sessions[i].checkpoint_time);
  family (r, "georepd_session_checkpoint_completed", "gauge",
          "1 when every Active worker completed the checkpoint");
  for (guint i = 0; i < r->n_sessions; i++)
    if (r->sessions[i].checkpoint_time > 0)
      sample (r, "georepd_session_checkpoint_completed",
              r->session_labels->pdata[i], NULL,
              r->sessions[i].checkpoint_completed);
  family (r, "georepd_session_checkpoint_completion_timestamp_seconds", "gauge",
          "When the checkpoint completed");
  for (guint i = 0; i < r->n_sessions; i++)
    if (r->sessions[i].checkpoint_completion_time > 0)
      sample (r, "georepd_session_checkpoint_completion_timestamp_seconds",
              r->session_labels->pdata[i], NULL,
              r->sessions[i].checkpoint_completion_time);
}

/* --- georepd's own --- */

static void
seconds (GrRender *r, const char *name, guint64 us)
{
  g_string_append_printf (r->out, "%s %" G_GUINT64_FORMAT ".%06u\n", name,
                          us / G_USEC_PER_SEC, (guint) (us % G_USEC_PER_SEC));
}

static void
render_service (GrRender *r, const GrMetricsService *service)
{
  family (r, "georepd_gluster_command_duration_seconds", "summary",
          "gluster commands georepd ran, and their time");
  g_string_append_printf (r->out,
                          "georepd_gluster_command_duration_seconds_count "
                          "%" G_GUINT64_FORMAT "\n",
                          service->gluster.commands);
  seconds (r, "georepd_gluster_command_duration_seconds_sum",
           service->gluster.duration_us);
  family (r, "georepd_gluster_command_failures", "counter",
          "gluster commands that failed (or met the cluster lock)");
  g_string_append_printf (r->out,
                          "georepd_gluster_command_failures_total "
                          "%" G_GUINT64_FORMAT "\n",
                          service->gluster.failures);
  family (r, "georepd_refreshes", "counter", "Full refreshes completed");
  g_string_append_printf (r->out,
                          "georepd_refreshes_total %" G_GUINT64_FORMAT "\n",
                          service->refresh.refreshes);
  family (r, "georepd_refresh_duration_seconds", "gauge",
          "How long the last full refresh took");
  seconds (r, "georepd_refresh_duration_seconds",
           service->refresh.last_duration_us);
}

GString *
gr_metrics_render (const GrMetricsSession *sessions,
                   guint n_sessions,
                   const GrMetricsService *service,
                   gint64 now)
{
  GrRender r = { .sessions = sessions, .n_sessions = n_sessions, .now = now };

  /* About 2 KiB a worker: one allocation instead of twenty doublings. */
  r.out = g_string_sized_new (4096 + (gsize) n_sessions * 8192);
  prepare_labels (&r);
  render_sessions (&r);
  render_workers (&r);
  render_service (&r, service);
  g_string_append (r.out, "# EOF\n");
  g_ptr_array_unref (r.session_labels);
  g_ptr_array_unref (r.worker_labels);
  return r.out;
}
