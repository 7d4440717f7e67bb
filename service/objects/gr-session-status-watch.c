/* georepd: the status file watcher.
 *
 * Each session directory is watched as a directory (files there are
 * replaced by rename, which a watch on the file would lose). Events are
 * coalesced over a short window: gsyncd writes several files in a burst,
 * and one update per burst is what clients want to see. */
#include "gr-session-object.h"
#include "gr-status-file.h"
#include "gr-session-status-watch.h"

#define COALESCE_MS 50
#define TOPOLOGY_COALESCE_MS 200
#define TOPOLOGY_RETRY_MS 1000
#define TOPOLOGY_RETRIES 30

struct _GrWatch {
  const GrConfig *config;
  GrRefresher *refresher;
  GrRegistry *registry;
  gulong added_id;
  gulong removed_id;
  char *root; /* …/glusterd/geo-replication */
  char *node_uuid;
  GFileMonitor *root_monitor;
  guint topology_id;
  guint topology_retries;
  GHashTable *sessions; /* GrSessionObject → GrSessionWatch */
};

typedef struct {
  GrWatch *watch;
  GrSessionObject *session; /* the registry keeps it while watched */
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
  g_free (session_watch);
}

/* What gluster itself reports for a worker of a session that is not
 * running: the monitor's state, not the worker's last one. */
static GrWorkerStatus
monitor_override (const char *monitor, const GrSessionId *id)
{
  if (monitor == NULL)
    return GR_WORKER_STATUS_UNKNOWN;
  if (g_str_equal (monitor, "Created") || g_str_equal (monitor, "Stopped") ||
      g_str_equal (monitor, "Paused"))
    return gr_worker_status_parse (monitor);
  if (g_str_equal (monitor, "Started") &&
      !gr_status_file_monitor_running (id->pid_file))
    return GR_WORKER_STATUS_STOPPED;
  return GR_WORKER_STATUS_UNKNOWN;
}

/* Re-reads the local status files of one session. */
static void
update_session (GrWatch *watch, GrSessionObject *session)
{
  GrSessionStatus *status = gr_session_object_get_status (session);
  const GrSessionId *id = gr_session_object_get_id (session);
  g_autofree char *monitor = NULL;
  GrWorkerStatus override;

  /* Read once it is needed: glusterd writes it at its first start. */
  if (watch->node_uuid == NULL)
    watch->node_uuid =
        gr_status_file_read_node_uuid (watch->config->glusterd_dir);
  if (status == NULL || watch->node_uuid == NULL)
    return;
  monitor = gr_status_file_read_monitor (id->dir);
  override = monitor_override (monitor, id);
  for (guint i = 0; i < status->workers->len; i++)
    {
      GrWorker *worker = status->workers->pdata[i];

      /* Other nodes' bricks are known from the CLI only. */
      if (g_strcmp0 (worker->primary_node_uuid, watch->node_uuid) != 0)
        continue;
      gr_status_file_read_brick (id->dir, worker);
      if (override != GR_WORKER_STATUS_UNKNOWN)
        worker->status = override;
    }
  gr_session_object_apply_status (
      session, status,
      gr_refresher_lookup_volume (watch->refresher, id->primary));
}

static gboolean
on_session_settled (gpointer data)
{
  GrSessionWatch *session_watch = data;

  session_watch->pending_id = 0;
  update_session (session_watch->watch, session_watch->session);
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
  const char *path = gr_session_object_get_id (session)->dir;
  g_autoptr (GFile) dir = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  session_watch->watch = watch;
  session_watch->session = session;
  session_watch->monitor =
      g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (session_watch->monitor == NULL)
    g_debug ("Cannot watch %s: %s", path, error->message);
  else
    {
      g_file_monitor_set_rate_limit (session_watch->monitor, 0);
      g_signal_connect (session_watch->monitor, "changed",
                        G_CALLBACK (on_session_changed), session_watch);
    }
  return session_watch;
}

static void
on_session_added (GrRegistry *registry, GrSessionObject *session, gpointer data)
{
  GrWatch *watch = data;

  g_hash_table_replace (watch->sessions, session,
                        session_watch_new (watch, session));
}

static void
on_session_removed (GrRegistry *registry,
                    GrSessionObject *session,
                    gpointer data)
{
  GrWatch *watch = data;

  g_hash_table_remove (watch->sessions, session);
}

/* --- sessions appearing and vanishing --- */

static gboolean on_topology_settled (gpointer data);

static void
on_topology_refreshed (GObject *source, GAsyncResult *res, gpointer data)
{
  GrWatch *watch = data;
  g_autoptr (GError) error = NULL;

  if (gr_refresher_refresh_finish (watch->refresher, res, &error))
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
  gr_refresher_refresh_async (watch->refresher, on_topology_refreshed, watch);
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
gr_watch_new (GrContext *context)
{
  GrWatch *watch = g_new0 (GrWatch, 1);
  g_autoptr (GFile) root = NULL;
  g_autoptr (GError) error = NULL;

  watch->config = gr_context_get_config (context);
  watch->refresher = gr_context_get_refresher (context);
  watch->registry = gr_context_get_registry (context);
  watch->root =
      g_build_filename (watch->config->glusterd_dir, "geo-replication", NULL);
  watch->sessions = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                           (GDestroyNotify) session_watch_free);
  watch->added_id = g_signal_connect (watch->registry, "session-added",
                                      G_CALLBACK (on_session_added), watch);
  watch->removed_id = g_signal_connect (watch->registry, "session-removed",
                                        G_CALLBACK (on_session_removed), watch);
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
  g_clear_signal_handler (&watch->added_id, watch->registry);
  g_clear_signal_handler (&watch->removed_id, watch->registry);
  g_clear_handle_id (&watch->topology_id, g_source_remove);
  if (watch->root_monitor)
    g_file_monitor_cancel (watch->root_monitor);
  g_clear_object (&watch->root_monitor);
  g_hash_table_unref (watch->sessions);
  g_free (watch->root);
  g_free (watch->node_uuid);
  g_free (watch);
}
