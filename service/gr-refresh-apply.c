/* georepd: the configs of sessions, and applying gluster's answers to
 * the registry's objects. */
#include "gr-gsyncd-conf.h"
#include "gr-label.h"
#include "gr-log.h"
#include "gr-refresh-private.h"
#include "gr-session-object.h"
#include "gr-xml-geo-config.h"

/* What was read of one session's config. */
typedef struct {
  GVariant *all; /* a{ss}: every option */
  GVariant *set; /* a{ss}: the ones set */
  gint64 mtime;  /* of gsyncd.conf when the query was made */
} GrRefreshConfig;

static void
refresh_config_free (GrRefreshConfig *config)
{
  g_variant_unref (config->all);
  g_variant_unref (config->set);
  g_free (config);
}

GrRefreshRun *
gr_refresh_run_new (GrRefresher *refresher)
{
  GrRefreshRun *run = g_new0 (GrRefreshRun, 1);

  run->refresher = refresher;
  run->configs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) refresh_config_free);
  return run;
}

void
gr_refresh_run_free (GrRefreshRun *run)
{
  g_clear_object (&run->task);
  g_clear_pointer (&run->id, gr_session_id_unref);
  g_clear_pointer (&run->statuses, g_ptr_array_unref);
  g_clear_pointer (&run->configs, g_hash_table_unref);
  g_free (run);
}

static GrSessionId *
status_id (GrRefresher *refresher, const GrSessionStatus *status)
{
  return gr_refresher_new_session_id (
      refresher, status->primary_volume, status->secondary_user,
      status->secondary_host, status->secondary_volume);
}

/* Only the label is computed for a lookup: a refresh finds a thousand
 * sessions it knows for every one it does not. */
GrSessionObject *
gr_refresh_status_session (GrRefresher *refresher,
                           const GrSessionStatus *status)
{
  g_autofree char *label = gr_session_label (
      status->primary_volume, status->secondary_host, status->secondary_volume);

  return gr_registry_lookup_session (gr_refresher_get_registry (refresher),
                                     label);
}

/* --- config of each session --- */

typedef struct {
  GrRefreshRun *run;
  GrSessionId *id;
  gint64 mtime; /* of gsyncd.conf when the query was made */
  void (*done) (GrRefreshRun *run);
} GrConfigQuery;

static void
config_done (GrRefreshRun *run, void (*done) (GrRefreshRun *))
{
  if (--run->pending == 0)
    done (run);
}

/* The options set for the session: the keys its gsyncd.conf holds, with
 * the values gluster reports for them. */
static GVariant *
set_config (const GrSessionId *id, GHashTable *config)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) keys =
      gr_gsyncd_conf_read_set_keys (id->conf_path, &error);

  if (keys == NULL)
    {
      g_warning ("Cannot read which options session %s sets: %s", id->label,
                 error->message);
      keys = g_hash_table_new (g_str_hash, g_str_equal);
    }
  return gr_session_config_to_variant (config, keys);
}

static void
on_config (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autofree GrConfigQuery *query = data;
  g_autoptr (GrSessionId) id = query->id;
  GrRefreshRun *run = query->run;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) config = gr_gluster_run_parsed_finish (
      gr_refresher_get_gluster (run->refresher), res, &error);

  if (config != NULL)
    {
      GrRefreshConfig *read = g_new0 (GrRefreshConfig, 1);

      read->all = gr_session_config_to_variant (config, NULL);
      read->set = set_config (id, config);
      read->mtime = query->mtime;
      g_hash_table_insert (run->configs, g_strdup (id->label), read);
    }
  else
    g_warning ("Cannot read the config of session %s: %s", id->label,
               error->message);
  config_done (run, query->done);
}

/* Asking gluster for a config costs a gsyncd process; the session's
 * gsyncd.conf tells when it is worth it. glusterd rewrites that file on
 * every node whenever the config changes, whoever changed it. */
static gboolean
config_is_current (GrRefreshRun *run,
                   GrSessionObject *session,
                   const GrSessionId *id,
                   gint64 *mtime)
{
  *mtime = gr_session_id_conf_mtime (id);
  return run->task == NULL && session != NULL &&
         gr_session_object_get_config_mtime (session) == *mtime;
}

static void
query_config (GrRefreshRun *run,
              GrSessionId *id,
              gint64 mtime,
              void (*done) (GrRefreshRun *))
{
  const char *args[] = { "volume", "geo-replication", id->primary,
                         id->url,  "config",          NULL };
  GrConfigQuery *query = g_new0 (GrConfigQuery, 1);

  query->run = run;
  query->id = gr_session_id_ref (id);
  query->mtime = mtime;
  query->done = done;
  run->pending++;
  gr_gluster_run_parsed_async (
      gr_refresher_get_gluster (run->refresher), args, gr_xml_read_geo_config,
      (GDestroyNotify) g_hash_table_unref, NULL, on_config, query);
}

/* A full refresh asks only for configs that changed; a session refresh
 * (after a change made through georepd) always asks. */
void
gr_refresh_query_configs (GrRefreshRun *run, void (*done) (GrRefreshRun *))
{
  run->pending = 1; /* held until every query is queued */
  for (guint i = 0; i < run->statuses->len; i++)
    {
      GrSessionStatus *status = run->statuses->pdata[i];
      GrSessionObject *session =
          gr_refresh_status_session (run->refresher, status);
      g_autoptr (GrSessionId) id =
          session ? gr_session_id_ref (gr_session_object_get_id (session))
                  : status_id (run->refresher, status);
      gint64 mtime;

      if (!config_is_current (run, session, id, &mtime))
        query_config (run, id, mtime, done);
    }
  config_done (run, done);
}

/* --- applying --- */

static GrSessionObject *
ensure_session (GrRefresher *refresher, const GrSessionStatus *status)
{
  GrSessionObject *session = gr_refresh_status_session (refresher, status);
  g_autoptr (GrSessionId) id = NULL;
  g_autoptr (GrSessionObject) created = NULL;

  if (session != NULL)
    return session;
  id = status_id (refresher, status);
  created = gr_session_object_new (id, refresher);
  gr_registry_add_session (gr_refresher_get_registry (refresher), created);
  return created;
}

static void
log_if_faulty (GrSessionObject *session, GrSessionState before)
{
  const GrSessionId *id = gr_session_object_get_id (session);

  if (gr_session_object_get_state (session) == GR_SESSION_STATE_FAULTY &&
      before != GR_SESSION_STATE_FAULTY)
    gr_log_event (GR_MESSAGE_SESSION_FAULTY, GR_LOG_FIELD_SESSION, id->label,
                  "Session %s::%s::%s is faulty", id->primary, id->host,
                  id->secondary);
}

GrSessionObject *
gr_refresh_apply_one (GrRefreshRun *run, GrSessionStatus *status)
{
  GrSessionObject *session = ensure_session (run->refresher, status);
  const GrSessionId *id = gr_session_object_get_id (session);
  GrRefreshConfig *config = g_hash_table_lookup (run->configs, id->label);
  GrSessionState before = gr_session_object_get_state (session);

  gr_session_object_apply_status (
      session, status,
      gr_registry_lookup_volume (gr_refresher_get_registry (run->refresher),
                                 status->primary_volume));
  log_if_faulty (session, before);
  if (config != NULL)
    gr_session_object_apply_config (session, config->all, config->set,
                                    config->mtime);
  gr_session_object_set_seen (session, TRUE);
  return session;
}
