/* georepd: the status file watcher.
 *
 * Each session directory is watched as a directory (files there are
 * replaced by rename, which a watch on the file would lose). Events are
 * coalesced over a short window: gsyncd writes several files in a burst,
 * and one update per burst is what clients want to see. */
#include "gr-model.h"
#include "gr-refresh.h"
#include "gr-session-object.h"
#include "gr-status-file.h"
#include "gr-watch.h"

#define COALESCE_MS 50
#define TOPOLOGY_COALESCE_MS 200
#define TOPOLOGY_RETRY_MS 1000
#define TOPOLOGY_RETRIES 30

struct _GrWatch {
  GrDaemon *daemon;
  char *root; /* …/glusterd/geo-replication */
  char *node_uuid;
  GFileMonitor *root_monitor;
  guint topology_id;
  guint topology_retries;
  GHashTable *sessions; /* label → GrSessionWatch */
};

typedef struct {
  GrWatch *watch;
  char *label;
  char *dir;
  GFileMonitor *monitor;
  guint pending_id;
} GrSessionWatch;

static void
session_watch_free (GrSessionWatch *session_watch)
{
  g_clear_handle_id (&session_watch->pending_id, g_source_remove);
  if (session_watch->monitor)
    g_file_monitor_cancel (session_watch->monitor);
  g_clear_object (&session_watch->monitor);
  g_free (session_watch->label);
  g_free (session_watch->dir);
  g_free (session_watch);
}

static char *
session_dir (GrWatch *watch, GrSessionObject *session)
{
  g_autofree char *name = g_strdup_printf ("%s_%s_%s", session->primary,
                                           session->host, session->secondary);

  return g_build_filename (watch->root, name, NULL);
}

/* What gluster itself reports for a worker of a session that is not
 * running: the monitor's state, not the worker's last one. */
static GrWorkerStatus
monitor_override (const char *monitor, GrSessionObject *session)
{
  g_autofree char *pid = NULL;

  if (monitor == NULL)
    return GR_WORKER_STATUS_UNKNOWN;
  if (g_str_equal (monitor, "Created") || g_str_equal (monitor, "Stopped") ||
      g_str_equal (monitor, "Paused"))
    return gr_worker_status_parse (monitor);
  pid = gr_model_session_pid_file (session->primary, session->host,
                                   session->secondary);
  if (g_str_equal (monitor, "Started") && !gr_status_file_monitor_running (pid))
    return GR_WORKER_STATUS_STOPPED;
  return GR_WORKER_STATUS_UNKNOWN;
}

void
gr_watch_update_session (GrWatch *watch, const char *label)
{
  GrSessionObject *session =
      g_hash_table_lookup (watch->daemon->sessions, label);
  g_autofree char *dir = NULL;
  g_autofree char *monitor = NULL;
  GrWorkerStatus override;

  if (session == NULL || session->status == NULL || watch->node_uuid == NULL)
    return;
  dir = session_dir (watch, session);
  monitor = gr_status_file_read_monitor (dir);
  override = monitor_override (monitor, session);
  for (guint i = 0; i < session->status->workers->len; i++)
    {
      GrWorker *worker = session->status->workers->pdata[i];

      /* Other nodes' bricks are known from the CLI only. */
      if (g_strcmp0 (worker->primary_node_uuid, watch->node_uuid) != 0)
        continue;
      gr_status_file_read_brick (dir, worker);
      if (override != GR_WORKER_STATUS_UNKNOWN)
        worker->status = override;
    }
  gr_session_object_apply_status (
      session, session->status,
      gr_model_lookup_volume (watch->daemon, session->primary));
}

static gboolean
on_session_settled (gpointer data)
{
  GrSessionWatch *session_watch = data;

  session_watch->pending_id = 0;
  gr_watch_update_session (session_watch->watch, session_watch->label);
  return G_SOURCE_REMOVE;
}

static void
on_session_changed (GFileMonitor *monitor,
                    GFile *file,
                    GFile *other,
                    GFileMonitorEvent event,
                    gpointer data)
{
  GrSessionWatch *session_watch = data;

  if (session_watch->pending_id == 0)
    session_watch->pending_id =
        g_timeout_add (COALESCE_MS, on_session_settled, session_watch);
}

static GrSessionWatch *
session_watch_new (GrWatch *watch, GrSessionObject *session)
{
  GrSessionWatch *session_watch = g_new0 (GrSessionWatch, 1);
  g_autoptr (GFile) dir = NULL;
  g_autoptr (GError) error = NULL;

  session_watch->watch = watch;
  session_watch->label = g_strdup (session->label);
  session_watch->dir = session_dir (watch, session);
  dir = g_file_new_for_path (session_watch->dir);
  session_watch->monitor =
      g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (session_watch->monitor == NULL)
    g_debug ("Cannot watch %s: %s", session_watch->dir, error->message);
  else
    {
      g_file_monitor_set_rate_limit (session_watch->monitor, 0);
      g_signal_connect (session_watch->monitor, "changed",
                        G_CALLBACK (on_session_changed), session_watch);
    }
  return session_watch;
}

void
gr_watch_sync (GrWatch *watch)
{
  GHashTableIter iter;
  GrSessionObject *session;
  GrSessionWatch *session_watch;

  if (watch->node_uuid == NULL)
    watch->node_uuid =
        gr_status_file_read_node_uuid (watch->daemon->config->glusterd_dir);
  g_hash_table_iter_init (&iter, watch->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &session_watch))
    if (!g_hash_table_contains (watch->daemon->sessions, session_watch->label))
      g_hash_table_iter_remove (&iter);
  g_hash_table_iter_init (&iter, watch->daemon->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &session))
    if (!g_hash_table_contains (watch->sessions, session->label))
      {
        session_watch = session_watch_new (watch, session);
        g_hash_table_insert (watch->sessions, session_watch->label,
                             session_watch);
      }
}

/* --- sessions appearing and vanishing --- */

static gboolean on_topology_settled (gpointer data);

static void
on_topology_refreshed (GObject *source, GAsyncResult *res, gpointer data)
{
  GrWatch *watch = data;
  g_autoptr (GError) error = NULL;

  if (gr_refresher_refresh_finish (watch->daemon->refresher, res, &error))
    {
      watch->topology_retries = 0;
      return;
    }
  /* The directory appears while gluster still holds the cluster lock for
   * the create or delete that made it: try again shortly. */
  g_debug ("Refresh after a session directory change failed: %s",
           error->message);
  if (watch->topology_retries++ < TOPOLOGY_RETRIES && watch->topology_id == 0)
    watch->topology_id =
        g_timeout_add (TOPOLOGY_RETRY_MS, on_topology_settled, watch);
}

static gboolean
on_topology_settled (gpointer data)
{
  GrWatch *watch = data;

  watch->topology_id = 0;
  gr_refresher_refresh_async (watch->daemon->refresher, on_topology_refreshed,
                              watch);
  return G_SOURCE_REMOVE;
}

static void
on_root_changed (GFileMonitor *monitor,
                 GFile *file,
                 GFile *other,
                 GFileMonitorEvent event,
                 gpointer data)
{
  GrWatch *watch = data;

  /* Only directories coming and going change which sessions exist; the
   * CLI is then asked, since it alone knows the whole session. */
  if (event != G_FILE_MONITOR_EVENT_CREATED &&
      event != G_FILE_MONITOR_EVENT_DELETED &&
      event != G_FILE_MONITOR_EVENT_MOVED_IN &&
      event != G_FILE_MONITOR_EVENT_MOVED_OUT)
    return;
  if (event != G_FILE_MONITOR_EVENT_DELETED &&
      event != G_FILE_MONITOR_EVENT_MOVED_OUT &&
      g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                              NULL) != G_FILE_TYPE_DIRECTORY)
    return;
  if (watch->topology_id == 0)
    watch->topology_id =
        g_timeout_add (TOPOLOGY_COALESCE_MS, on_topology_settled, watch);
}

GrWatch *
gr_watch_new (GrDaemon *daemon)
{
  GrWatch *watch = g_new0 (GrWatch, 1);
  g_autoptr (GFile) root = NULL;
  g_autoptr (GError) error = NULL;

  watch->daemon = daemon;
  watch->root =
      g_build_filename (daemon->config->glusterd_dir, "geo-replication", NULL);
  watch->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) session_watch_free);
  root = g_file_new_for_path (watch->root);
  watch->root_monitor =
      g_file_monitor_directory (root, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (watch->root_monitor == NULL)
    g_warning ("Cannot watch %s: %s", watch->root, error->message);
  else
    g_signal_connect (watch->root_monitor, "changed",
                      G_CALLBACK (on_root_changed), watch);
  return watch;
}

void
gr_watch_free (GrWatch *watch)
{
  g_clear_handle_id (&watch->topology_id, g_source_remove);
  if (watch->root_monitor)
    g_file_monitor_cancel (watch->root_monitor);
  g_clear_object (&watch->root_monitor);
  g_hash_table_unref (watch->sessions);
  g_free (watch->root);
  g_free (watch->node_uuid);
  g_free (watch);
}
