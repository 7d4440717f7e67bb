/* georepd: the CLI refresh.
 *
 * A full refresh asks gluster for the volumes, the status of every
 * session and each session's config, then applies it all to the model in
 * one go, so that each object emits at most one PropertiesChanged. */
#include "gr-destinations.h"
#include "gr-error.h"
#include "gr-label.h"
#include "gr-model.h"
#include "gr-refresh.h"
#include "gr-watch.h"
#include "gr-xml.h"

struct _GrRefresher {
  GrDaemon *daemon;
  gboolean running;
  GPtrArray *waiting; /* GTask *: served by the next full refresh */
  GPtrArray *current; /* GTask *: served by the running one */
  guint poll_id;
  guint poll_interval;
  gboolean version_known;
  gboolean changed; /* a status changed in the last refresh */
};

typedef struct {
  GrRefresher *refresher;
  GTask *task;   /* session refreshes only */
  char *primary; /* session refreshes only */
  char *host;
  char *secondary;
  char *user;
  GPtrArray *statuses;       /* GrSessionStatus * */
  GHashTable *configs;       /* label → GVariant * a{ss} */
  GHashTable *config_mtimes; /* label → gint64 *: of the configs fetched */
  guint pending;
} GrRefreshRun;

static void full_begin (GrRefresher *refresher);
static void schedule_poll (GrRefresher *refresher);

static GrRefreshRun *
run_new (GrRefresher *refresher)
{
  GrRefreshRun *run = g_new0 (GrRefreshRun, 1);

  run->refresher = refresher;
  run->configs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_variant_unref);
  run->config_mtimes =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return run;
}

static void
run_free (GrRefreshRun *run)
{
  g_clear_object (&run->task);
  g_free (run->primary);
  g_free (run->host);
  g_free (run->secondary);
  g_free (run->user);
  g_clear_pointer (&run->statuses, g_ptr_array_unref);
  g_clear_pointer (&run->configs, g_hash_table_unref);
  g_clear_pointer (&run->config_mtimes, g_hash_table_unref);
  g_free (run);
}

GrRefresher *
gr_refresher_new (GrDaemon *daemon)
{
  GrRefresher *refresher = g_new0 (GrRefresher, 1);

  refresher->daemon = daemon;
  refresher->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  refresher->poll_interval = daemon->config->poll_interval_min;
  return refresher;
}

void
gr_refresher_free (GrRefresher *refresher)
{
  g_clear_handle_id (&refresher->poll_id, g_source_remove);
  g_clear_pointer (&refresher->waiting, g_ptr_array_unref);
  g_clear_pointer (&refresher->current, g_ptr_array_unref);
  g_free (refresher);
}

/* "PRIMARY [USER@]HOST::SECONDARY" as the CLI wants it. */
static char *
secondary_url (const char *user, const char *host, const char *secondary)
{
  if (user == NULL || g_str_equal (user, "root"))
    return g_strdup_printf ("%s::%s", host, secondary);
  return g_strdup_printf ("%s@%s::%s", user, host, secondary);
}

/* --- config of each session --- */

static void apply_full (GrRefreshRun *run);
static void apply_session (GrRefreshRun *run);

static void
config_done (GrRefreshRun *run)
{
  if (--run->pending > 0)
    return;
  if (run->task == NULL)
    apply_full (run);
  else
    apply_session (run);
}

typedef struct {
  GrRefreshRun *run;
  char *label;
  gint64 mtime; /* of gsyncd.conf when the query was made */
} GrConfigQuery;

static void
on_config (GObject *source, GAsyncResult *res, gpointer data)
{
  GrConfigQuery *query = data;
  GrRefreshRun *run = query->run;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) config = gr_gluster_run_parsed_finish (
      run->refresher->daemon->gluster, res, &error);

  if (config != NULL)
    {
      g_hash_table_insert (run->config_mtimes, g_strdup (query->label),
                           g_memdup2 (&query->mtime, sizeof query->mtime));
      g_hash_table_insert (run->configs, g_steal_pointer (&query->label),
                           gr_session_config_to_variant (config));
    }
  else
    g_warning ("Cannot read the config of session %s: %s", query->label,
               error->message);
  g_free (query->label);
  g_free (query);
  config_done (run);
}

/* Asking gluster for a config costs a gsyncd process; the session's
 * gsyncd.conf tells when it is worth it. glusterd rewrites that file on
 * every node whenever the config changes, whoever changed it. */
static gboolean
config_is_current (GrRefreshRun *run,
                   const GrSessionStatus *status,
                   gint64 *mtime)
{
  GrSessionObject *session = gr_model_lookup_session (
      run->refresher->daemon, status->primary_volume, status->secondary_host,
      status->secondary_volume);

  *mtime = gr_model_session_config_mtime (
      run->refresher->daemon, status->primary_volume, status->secondary_host,
      status->secondary_volume);
  return run->task == NULL && session != NULL &&
         session->config_mtime == *mtime;
}

static void
query_config (GrRefreshRun *run, const GrSessionStatus *status, gint64 mtime)
{
  g_autofree char *url = secondary_url (
      status->secondary_user, status->secondary_host, status->secondary_volume);
  const char *args[] = { "volume", "geo-replication", status->primary_volume,
                         url,      "config",          NULL };
  GrConfigQuery *query = g_new0 (GrConfigQuery, 1);

  query->run = run;
  query->label = gr_session_label (
      status->primary_volume, status->secondary_host, status->secondary_volume);
  query->mtime = mtime;
  run->pending++;
  gr_gluster_run_parsed_async (
      run->refresher->daemon->gluster, args, gr_xml_stream_config,
      (GDestroyNotify) g_hash_table_unref, NULL, on_config, query);
}

/* A full refresh asks only for configs that changed; a session refresh
 * (after a change made through georepd) always asks. */
static void
query_configs (GrRefreshRun *run)
{
  run->pending = 1; /* held until every query is queued */
  for (guint i = 0; i < run->statuses->len; i++)
    {
      GrSessionStatus *status = run->statuses->pdata[i];
      gint64 mtime;

      if (!config_is_current (run, status, &mtime))
        query_config (run, status, mtime);
    }
  config_done (run);
}

/* --- full refresh --- */

static void
finish_full (GrRefreshRun *run, const GError *error)
{
  GrRefresher *refresher = run->refresher;
  g_autoptr (GPtrArray) served = g_steal_pointer (&refresher->current);

  for (guint i = 0; i < served->len; i++)
    {
      GTask *task = served->pdata[i];

      if (error)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
  run_free (run);
  refresher->running = FALSE;
  /* A failed refresh is retried soon, not after a backed-off interval:
   * glusterd coming back should show within seconds. */
  if (error != NULL)
    refresher->changed = TRUE;
  if (refresher->waiting->len > 0)
    full_begin (refresher);
  else
    schedule_poll (refresher);
}

static gboolean
is_transient (GrSessionObject *session)
{
  const char *status = gr_session_get_status (session->iface);

  /* A pending checkpoint or a session on its way up will change soon. */
  return g_str_equal (status, "initializing") ||
         (gr_session_get_checkpoint_time (session->iface) != 0 &&
          !gr_session_get_checkpoint_completed (session->iface));
}

static GrSessionObject *
apply_one (GrRefreshRun *run, GrSessionStatus *status, const char *label)
{
  GrSessionObject *session =
      gr_model_apply_session (run->refresher->daemon, status,
                              g_hash_table_lookup (run->configs, label));
  gint64 *mtime = g_hash_table_lookup (run->config_mtimes, label);

  if (mtime != NULL)
    session->config_mtime = *mtime;
  return session;
}

static void
apply_full (GrRefreshRun *run)
{
  GrDaemon *daemon = run->refresher->daemon;
  GHashTableIter iter;
  GrSessionObject *session;

  g_hash_table_iter_init (&iter, daemon->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &session))
    session->seen = FALSE;
  /* The model takes the statuses over. */
  g_ptr_array_set_free_func (run->statuses, NULL);
  for (guint i = 0; i < run->statuses->len; i++)
    {
      GrSessionStatus *status = run->statuses->pdata[i];
      g_autofree char *label =
          gr_session_label (status->primary_volume, status->secondary_host,
                            status->secondary_volume);
      GrSessionObject *found = g_hash_table_lookup (daemon->sessions, label);
      g_autofree char *before =
          found ? g_strdup (gr_session_get_status (found->iface)) : NULL;

      session = apply_one (run, status, label);
      if (g_strcmp0 (before, gr_session_get_status (session->iface)) != 0 ||
          is_transient (session))
        run->refresher->changed = TRUE;
    }
  g_hash_table_iter_init (&iter, daemon->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &session))
    if (!session->seen)
      {
        g_hash_table_iter_steal (&iter);
        g_dbus_object_manager_server_unexport (daemon->object_manager,
                                               session->path);
        gr_session_object_free (session);
        run->refresher->changed = TRUE;
      }
  gr_destinations_update_links (daemon);
  gr_watch_sync (daemon->watch);
  gr_manager_set_last_refresh (daemon->manager, (guint64) g_get_real_time ());
  finish_full (run, NULL);
}

static void
on_status (GObject *source, GAsyncResult *res, gpointer data)
{
  GrRefreshRun *run = data;
  GrDaemon *daemon = run->refresher->daemon;
  g_autoptr (GError) error = NULL;

  run->statuses = gr_gluster_run_parsed_finish (daemon->gluster, res, &error);
  if (run->statuses == NULL &&
      g_error_matches (error, GR_ERROR, GR_ERROR_GLUSTER_FAILED) &&
      !gr_model_any_session_dir (daemon))
    {
      /* gluster answers "geo-replication command failed", without XML,
       * when the cluster has no session at all. */
      g_clear_error (&error);
      run->statuses = g_ptr_array_new ();
    }
  if (run->statuses == NULL)
    {
      g_warning ("Cannot read the geo-replication status: %s", error->message);
      finish_full (run, error);
      return;
    }
  query_configs (run);
}

static void
query_status (GrRefreshRun *run)
{
  const char *args[] = { "volume", "geo-replication", "status", NULL };

  gr_gluster_run_parsed_async (
      run->refresher->daemon->gluster, args, gr_xml_stream_geo_status,
      (GDestroyNotify) g_ptr_array_unref, NULL, on_status, run);
}

static void
set_glusterd_down (GrDaemon *daemon)
{
  GHashTableIter iter;
  GrSessionObject *session;

  gr_manager_set_glusterd_running (daemon->manager, FALSE);
  g_hash_table_iter_init (&iter, daemon->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &session))
    gr_session_object_set_unknown (session);
}

static void
on_volume_info (GObject *source, GAsyncResult *res, gpointer data)
{
  GrRefreshRun *run = data;
  GrDaemon *daemon = run->refresher->daemon;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) volumes =
      gr_gluster_run_parsed_finish (daemon->gluster, res, &error);

  if (volumes == NULL)
    {
      if (g_error_matches (error, GR_ERROR, GR_ERROR_GLUSTERD_UNAVAILABLE))
        set_glusterd_down (daemon);
      g_warning ("Cannot read the volumes: %s", error->message);
      finish_full (run, error);
      return;
    }
  gr_model_set_volumes (daemon, volumes);
  gr_manager_set_glusterd_running (daemon->manager, TRUE);
  query_status (run);
}

static void
query_volume_info (GrRefreshRun *run)
{
  const char *args[] = { "volume", "info", NULL };

  gr_gluster_run_parsed_async (
      run->refresher->daemon->gluster, args, gr_xml_stream_volume_info,
      (GDestroyNotify) g_ptr_array_unref, NULL, on_volume_info, run);
}

static void
on_version (GObject *source, GAsyncResult *res, gpointer data)
{
  GrRefreshRun *run = data;
  GrDaemon *daemon = run->refresher->daemon;
  g_autoptr (GError) error = NULL;
  g_autofree char *text =
      gr_gluster_run_text_finish (daemon->gluster, res, &error);
  g_autofree char *version = text ? gr_gluster_parse_version (text) : NULL;

  if (version != NULL)
    {
      gr_manager_set_gluster_version (daemon->manager, version);
      run->refresher->version_known = TRUE;
    }
  else
    g_warning ("Cannot read the gluster version: %s",
               error ? error->message : "unexpected output");
  query_volume_info (run);
}

static void
query_version (GrRefreshRun *run)
{
  const char *args[] = { "--version", NULL };

  gr_gluster_run_text_async (run->refresher->daemon->gluster, args, NULL,
                             on_version, run);
}

static void
full_begin (GrRefresher *refresher)
{
  GrRefreshRun *run = run_new (refresher);

  g_clear_handle_id (&refresher->poll_id, g_source_remove);
  refresher->running = TRUE;
  refresher->changed = FALSE;
  refresher->current = g_steal_pointer (&refresher->waiting);
  refresher->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  /* The version is asked again after glusterd was away: it may have been
   * upgraded meanwhile. */
  if (!refresher->version_known ||
      !gr_manager_get_glusterd_running (refresher->daemon->manager))
    query_version (run);
  else
    query_volume_info (run);
}

void
gr_refresher_refresh_async (GrRefresher *refresher,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);

  g_task_set_source_tag (task, gr_refresher_refresh_async);
  g_ptr_array_add (refresher->waiting, task);
  if (!refresher->running)
    full_begin (refresher);
}

gboolean
gr_refresher_refresh_finish (GrRefresher *refresher,
                             GAsyncResult *result,
                             GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- polling --- */

static gboolean
on_poll (gpointer data)
{
  GrRefresher *refresher = data;

  refresher->poll_id = 0;
  if (!refresher->running)
    full_begin (refresher);
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (GrRefresher *refresher)
{
  GrConfig *config = refresher->daemon->config;

  /* Often while something changes, backing off while all is steady. */
  if (refresher->changed)
    refresher->poll_interval = config->poll_interval_min;
  else
    refresher->poll_interval =
        MIN (refresher->poll_interval * 2, config->poll_interval);
  g_clear_handle_id (&refresher->poll_id, g_source_remove);
  refresher->poll_id =
      g_timeout_add_seconds (refresher->poll_interval, on_poll, refresher);
}

void
gr_refresher_poll_soon (GrRefresher *refresher)
{
  refresher->changed = TRUE;
  if (refresher->running)
    return;
  refresher->poll_interval = refresher->daemon->config->poll_interval_min;
  g_clear_handle_id (&refresher->poll_id, g_source_remove);
  refresher->poll_id =
      g_timeout_add_seconds (refresher->poll_interval, on_poll, refresher);
}

void
gr_refresher_start (GrRefresher *refresher)
{
  if (!refresher->running)
    full_begin (refresher);
}

/* --- one session --- */

static void
apply_session (GrRefreshRun *run)
{
  GrDaemon *daemon = run->refresher->daemon;
  g_autofree char *label =
      gr_session_label (run->primary, run->host, run->secondary);
  GrSessionObject *session = NULL;

  g_ptr_array_set_free_func (run->statuses, NULL);
  for (guint i = 0; i < run->statuses->len; i++)
    session = apply_one (run, run->statuses->pdata[i], label);
  gr_destinations_update_links (daemon);
  gr_watch_sync (daemon->watch);
  if (session == NULL)
    g_task_return_new_error (run->task, GR_ERROR, GR_ERROR_FAILED,
                             "gluster did not report the session's status");
  else
    g_task_return_boolean (run->task, TRUE);
  gr_refresher_poll_soon (run->refresher);
  run_free (run);
}

static void
forget_session (GrRefreshRun *run)
{
  GrDaemon *daemon = run->refresher->daemon;
  GrSessionObject *session =
      gr_model_lookup_session (daemon, run->primary, run->host, run->secondary);

  if (session != NULL)
    gr_model_remove_session (daemon, session);
  gr_destinations_update_links (daemon);
  gr_watch_sync (daemon->watch);
  g_task_return_boolean (run->task, TRUE);
  run_free (run);
}

static void
on_session_status (GObject *source, GAsyncResult *res, gpointer data)
{
  GrRefreshRun *run = data;
  GrDaemon *daemon = run->refresher->daemon;
  g_autoptr (GError) error = NULL;

  run->statuses = gr_gluster_run_parsed_finish (daemon->gluster, res, &error);
  if (run->statuses == NULL &&
      g_error_matches (error, GR_ERROR, GR_ERROR_GLUSTER_FAILED) &&
      !gr_model_session_dir_exists (daemon, run->primary, run->host,
                                    run->secondary))
    {
      forget_session (run);
      return;
    }
  if (run->statuses == NULL)
    {
      g_task_return_error (run->task, g_steal_pointer (&error));
      run_free (run);
      return;
    }
  query_configs (run);
}

void
gr_refresher_refresh_session_async (GrRefresher *refresher,
                                    const char *primary,
                                    const char *user,
                                    const char *host,
                                    const char *secondary,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  GrRefreshRun *run = run_new (refresher);
  GrSessionObject *known =
      gr_model_lookup_session (refresher->daemon, primary, host, secondary);
  g_autofree char *url = NULL;

  run->task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (run->task, gr_refresher_refresh_session_async);
  run->primary = g_strdup (primary);
  run->host = g_strdup (host);
  run->secondary = g_strdup (secondary);
  if (user == NULL && known != NULL)
    user = gr_session_get_secondary_user (known->iface);
  run->user = g_strdup (user);
  url = secondary_url (run->user, host, secondary);
  {
    const char *args[] = { "volume", "geo-replication", primary,
                           url,      "status",          NULL };

    gr_gluster_run_parsed_async (
        refresher->daemon->gluster, args, gr_xml_stream_geo_status,
        (GDestroyNotify) g_ptr_array_unref, NULL, on_session_status, run);
  }
}

gboolean
gr_refresher_refresh_session_finish (GrRefresher *refresher,
                                     GAsyncResult *result,
                                     GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
