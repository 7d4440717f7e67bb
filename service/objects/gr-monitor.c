/* georepd: the monitor (gr-monitor.h). */
#include "gr-health-alert.h"
#include "gr-history-store.h"
#include "gr-lag.h"
#include "gr-log.h"
#include "gr-monitor.h"
#include "gr-session-object.h"

#define ENTRY_KEY "gr-monitor"
/* Trend and ETA look this far back, at most RECENT_MAX points. */
#define RECENT_SECONDS 300
#define RECENT_MAX 64
/* The histories are saved at most this often (and at exit). */
#define SAVE_SECONDS 300

struct _GrMonitor {
  const GrConfig *config;
  GrRefresher *refresher;
  GrRegistry *registry;
  char *store_path;
  JsonObject *stored; /* label → samples, also of sessions not seen yet */
  gulong handlers[3];
  guint sample_timer;
  guint save_timer;
  gboolean dirty;
};

typedef struct {
  GrMonitor *monitor;
  GrSessionObject *session; /* not a reference: the entry dies with it */
  GArray *recent;           /* GrLagPoint, oldest first */
  GrHealthAlert alert;
  guint alert_timer;
  guint observe_idle; /* one look after a burst of property changes */
} GrMonitorEntry;

static void
entry_free (GrMonitorEntry *entry)
{
  g_clear_handle_id (&entry->alert_timer, g_source_remove);
  g_clear_handle_id (&entry->observe_idle, g_source_remove);
  g_array_unref (entry->recent);
  g_free (entry);
}

static void
summarize (GrMonitorEntry *entry, gint64 now, GrLagSummary *lag)
{
  GrSessionStatus *status = gr_session_object_get_status (entry->session);
  GrSessionId *id = gr_session_object_get_id (entry->session);

  gr_lag_summarize (
      status ? status->workers : NULL,
      gr_refresher_lookup_volume (entry->monitor->refresher, id->primary), now,
      lag);
}

/* --- trend and ETA --- */

static void
remember (GrMonitorEntry *entry, const GrLagPoint *point)
{
  GArray *recent = entry->recent;

  if (recent->len > 0 &&
      g_array_index (recent, GrLagPoint, recent->len - 1).time >= point->time)
    g_array_remove_index (recent, recent->len - 1);
  g_array_append_val (recent, *point);
  /* One point at or before the window's start stays, so that the window
   * spans all of it. */
  while (recent->len > RECENT_MAX ||
         (recent->len > 2 && g_array_index (recent, GrLagPoint, 1).time <=
                                 point->time - RECENT_SECONDS))
    g_array_remove_index (recent, 0);
}

static void
apply_trend (GrMonitorEntry *entry)
{
  GrSession *iface = GR_SESSION (entry->session);
  GArray *recent = entry->recent;
  const char *trend = gr_lag_trend_to_string (
      gr_lag_trend ((GrLagPoint *) recent->data, recent->len));
  guint64 eta =
      gr_lag_checkpoint_eta ((GrLagPoint *) recent->data, recent->len,
                             gr_session_get_checkpoint_time (iface),
                             gr_session_get_checkpoint_completed (iface));

  if (g_strcmp0 (gr_session_get_lag_trend (iface), trend) != 0)
    gr_session_set_lag_trend (iface, trend);
  if (gr_session_get_checkpoint_eta (iface) != eta)
    gr_session_set_checkpoint_eta (iface, eta);
}

/* --- health alerts --- */

static void observe (GrMonitorEntry *entry);

static gboolean
on_alert_timer (gpointer data)
{
  GrMonitorEntry *entry = data;

  entry->alert_timer = 0;
  observe (entry);
  return G_SOURCE_REMOVE;
}

static void
log_alert (GrMonitorEntry *entry, GrHealthAlertAction action, gint64 now)
{
  const char *label = gr_session_object_get_id (entry->session)->label;
  const char *problem = gr_health_problem_to_string (entry->alert.problem);

  if (action == GR_HEALTH_ALERT_RAISE)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE_ID",
                      GR_MESSAGE_SESSION_UNHEALTHY, GR_LOG_FIELD_SESSION, label,
                      GR_LOG_FIELD_HEALTH_PROBLEM, problem, "MESSAGE",
                      "Session %s unhealthy for %" G_GINT64_FORMAT " s: %s",
                      label, now - entry->alert.since, problem);
  else if (action == GR_HEALTH_ALERT_CLEAR)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "MESSAGE_ID",
                      GR_MESSAGE_SESSION_HEALTHY, GR_LOG_FIELD_SESSION, label,
                      "MESSAGE", "Session %s healthy again", label);
}

static void
check_health (GrMonitorEntry *entry, const GrLagSummary *lag, gint64 now)
{
  GrHealthProblem problem =
      gr_health_problem (gr_session_object_get_state (entry->session), lag);
  gint64 check_at;
  GrHealthAlertAction action = gr_health_alert_update (
      &entry->alert, problem, now, entry->monitor->config->health_alert_delay,
      &check_at);

  log_alert (entry, action, now);
  if (check_at > 0 && entry->alert_timer == 0)
    entry->alert_timer = g_timeout_add_seconds ((guint) MAX (check_at - now, 1),
                                                on_alert_timer, entry);
}

static void
observe (GrMonitorEntry *entry)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GrLagSummary lag;
  GrLagPoint point;

  summarize (entry, now, &lag);
  point =
      (GrLagPoint){ now, lag.lag,
                    gr_session_get_last_synced (GR_SESSION (entry->session)),
                    lag.pending };
  remember (entry, &point);
  apply_trend (entry);
  check_health (entry, &lag, now);
}

static gboolean
on_observe_idle (gpointer data)
{
  GrMonitorEntry *entry = data;

  entry->observe_idle = 0;
  observe (entry);
  return G_SOURCE_REMOVE;
}

/* The properties whose change the monitor looks at. */
static const char *const observed[] = {
  "status", "workers", "lag", "checkpoint-time", "checkpoint-completed", NULL
};

/* A status applied sets Workers, Lag, LastSynced… one after the other:
 * the session is looked at once they are all set. One handler for every
 * notify, not one per property: each connection costs a session some
 * 260 bytes (docs/performance.md). */
static void
on_session_changed (GObject *object, GParamSpec *pspec, gpointer data)
{
  GrMonitorEntry *entry = data;

  if (!g_strv_contains (observed, pspec->name))
    return;
  if (entry->observe_idle == 0)
    entry->observe_idle = g_idle_add (on_observe_idle, entry);
}

/* --- history --- */

static guint32
clamp32 (guint64 value)
{
  return (guint32) MIN (value, G_MAXUINT32);
}

static void
count_workers (GPtrArray *workers, GrHistorySample *sample)
{
  guint64 entries = 0, data = 0, meta = 0, failures = 0;

  for (guint i = 0; workers != NULL && i < workers->len; i++)
    {
      const GrWorker *worker = workers->pdata[i];
      guint16 *state =
          worker->status == GR_WORKER_STATUS_ACTIVE    ? &sample->active
          : worker->status == GR_WORKER_STATUS_PASSIVE ? &sample->passive
          : worker->status == GR_WORKER_STATUS_FAULTY  ? &sample->faulty
                                                       : &sample->other;

      *state = (guint16) MIN (*state + 1u, G_MAXUINT16);
      entries += worker->entry;
      data += worker->data;
      meta += worker->meta;
      failures += worker->failures;
    }
  sample->entry = clamp32 (entries);
  sample->data = clamp32 (data);
  sample->meta = clamp32 (meta);
  sample->failures = clamp32 (failures);
}

static void
take_sample (GrMonitorEntry *entry, gint64 now)
{
  GrSessionStatus *status = gr_session_object_get_status (entry->session);
  GrHistorySample sample = { .time = (guint32) CLAMP (now, 0, G_MAXUINT32) };
  GrLagSummary lag;

  summarize (entry, now, &lag);
  sample.lag = (gint32) MIN (lag.lag, G_MAXINT32);
  count_workers (status ? status->workers : NULL, &sample);
  gr_history_add (gr_session_object_get_history (entry->session), &sample);
}

static gboolean
on_sample_timer (gpointer data)
{
  GrMonitor *monitor = data;
  g_autoptr (GPtrArray) sessions =
      gr_registry_list_sessions (monitor->registry);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < sessions->len; i++)
    {
      GrMonitorEntry *entry = g_object_get_data (sessions->pdata[i], ENTRY_KEY);

      if (entry != NULL)
        take_sample (entry, now);
    }
  monitor->dirty = monitor->dirty || sessions->len > 0;
  return G_SOURCE_CONTINUE;
}

void
gr_monitor_save (GrMonitor *monitor)
{
  g_autoptr (GPtrArray) sessions =
      gr_registry_list_sessions (monitor->registry);
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < sessions->len; i++)
    json_object_set_member (
        monitor->stored, gr_session_object_get_id (sessions->pdata[i])->label,
        gr_history_to_json (
            gr_session_object_get_history (sessions->pdata[i])));
  if (!gr_history_store_save (monitor->store_path, monitor->stored, &error))
    g_warning ("Cannot save the sessions' history: %s", error->message);
  monitor->dirty = FALSE;
}

static gboolean
on_save_timer (gpointer data)
{
  GrMonitor *monitor = data;

  if (monitor->dirty)
    gr_monitor_save (monitor);
  return G_SOURCE_CONTINUE;
}

/* --- following the registry --- */

static void
on_session_added (GrRegistry *registry, GrSessionObject *session, gpointer data)
{
  GrMonitor *monitor = data;
  GrMonitorEntry *entry = g_new0 (GrMonitorEntry, 1);
  const char *label = gr_session_object_get_id (session)->label;

  entry->monitor = monitor;
  entry->session = session;
  entry->recent = g_array_new (FALSE, FALSE, sizeof (GrLagPoint));
  g_object_set_data_full (G_OBJECT (session), ENTRY_KEY, entry,
                          (GDestroyNotify) entry_free);
  if (json_object_has_member (monitor->stored, label))
    gr_history_add_json (gr_session_object_get_history (session),
                         json_object_get_member (monitor->stored, label));
  g_signal_connect (session, "notify", G_CALLBACK (on_session_changed), entry);
}

/* A deleted session's history goes with it, and so does its alert. */
static void
on_session_removed (GrRegistry *registry,
                    GrSessionObject *session,
                    gpointer data)
{
  GrMonitor *monitor = data;
  GrMonitorEntry *entry = g_object_get_data (G_OBJECT (session), ENTRY_KEY);

  if (entry == NULL)
    return;
  g_signal_handlers_disconnect_by_data (session, entry);
  log_alert (
      entry,
      entry->alert.raised ? GR_HEALTH_ALERT_CLEAR : GR_HEALTH_ALERT_NOTHING, 0);
  g_object_set_data (G_OBJECT (session), ENTRY_KEY, NULL);
  json_object_remove_member (monitor->stored,
                             gr_session_object_get_id (session)->label);
  monitor->dirty = TRUE;
}

static void
on_refreshed (GObject *object, GParamSpec *pspec, gpointer data)
{
  GrMonitor *monitor = data;
  g_autoptr (GPtrArray) sessions =
      gr_registry_list_sessions (monitor->registry);

  for (guint i = 0; i < sessions->len; i++)
    {
      GrMonitorEntry *entry = g_object_get_data (sessions->pdata[i], ENTRY_KEY);

      if (entry != NULL)
        observe (entry);
    }
}

GrMonitor *
gr_monitor_new (GrContext *context)
{
  GrMonitor *monitor = g_new0 (GrMonitor, 1);
  const GrConfig *config = gr_context_get_config (context);

  monitor->config = config;
  monitor->refresher = gr_context_get_refresher (context);
  monitor->registry = gr_context_get_registry (context);
  monitor->store_path =
      g_build_filename (config->state_directory, GR_HISTORY_STORE_FILE, NULL);
  monitor->stored = gr_history_store_load (monitor->store_path);
  monitor->handlers[0] =
      g_signal_connect (monitor->registry, "session-added",
                        G_CALLBACK (on_session_added), monitor);
  monitor->handlers[1] =
      g_signal_connect (monitor->registry, "session-removed",
                        G_CALLBACK (on_session_removed), monitor);
  monitor->handlers[2] =
      g_signal_connect (monitor->refresher, "notify::last-refresh",
                        G_CALLBACK (on_refreshed), monitor);
  monitor->sample_timer = g_timeout_add_seconds (config->history_interval,
                                                 on_sample_timer, monitor);
  monitor->save_timer =
      g_timeout_add_seconds (SAVE_SECONDS, on_save_timer, monitor);
  return monitor;
}

static void
forget_session (gpointer session, gpointer data)
{
  GrMonitorEntry *entry = g_object_get_data (session, ENTRY_KEY);

  if (entry != NULL)
    g_signal_handlers_disconnect_by_data (session, entry);
  g_object_set_data (session, ENTRY_KEY, NULL);
}

void
gr_monitor_free (GrMonitor *monitor)
{
  g_autoptr (GPtrArray) sessions =
      gr_registry_list_sessions (monitor->registry);

  if (monitor->dirty)
    gr_monitor_save (monitor);
  g_ptr_array_foreach (sessions, forget_session, NULL);
  g_signal_handler_disconnect (monitor->registry, monitor->handlers[0]);
  g_signal_handler_disconnect (monitor->registry, monitor->handlers[1]);
  g_signal_handler_disconnect (monitor->refresher, monitor->handlers[2]);
  g_clear_handle_id (&monitor->sample_timer, g_source_remove);
  g_clear_handle_id (&monitor->save_timer, g_source_remove);
  json_object_unref (monitor->stored);
  g_free (monitor->store_path);
  g_free (monitor);
}
