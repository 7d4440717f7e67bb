/* georepd: the configs of sessions, and turning gluster's answers into
 * snapshots. */
#include "gr-effective-config.h"
#include "gr-gsyncd-conf.h"
#include "gr-label.h"
#include "gr-refresh-private.h"
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
  run->config_pool = gr_effective_config_pool_new ();
  return run;
}

void
gr_refresh_run_free (GrRefreshRun *run)
{
  g_clear_object (&run->task);
  g_clear_pointer (&run->id, gr_session_id_unref);
  g_clear_pointer (&run->statuses, g_ptr_array_unref);
  g_clear_pointer (&run->configs, g_hash_table_unref);
  g_clear_pointer (&run->config_pool, g_hash_table_unref);
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
static GrRefreshKnown *
status_known (GrRefresher *refresher, const GrSessionStatus *status)
{
  g_autofree char *label = gr_session_label (
      status->primary_volume, status->secondary_host, status->secondary_volume);

  return gr_refresher_lookup_known (refresher, label);
}

/* --- config of each session --- */

/* Whether the admin set @key: in the session's gsyncd.conf, and not one
 * of the keys gluster writes there itself. */
static gboolean
is_admin_set (const char *key, GHashTable *set_keys)
{
  return g_hash_table_contains (set_keys, key) &&
         gr_gsyncd_conf_key_is_admin_set (key);
}

/* The options an admin set among @config (key → value, as parsed), as
 * an a{ss} (Config): sorted, so that the same options are the same
 * variant and no change is announced when nothing changed; flattened,
 * one buffer rather than a tree of small allocations. The effective
 * config is gr-effective-config.h's. */
static GVariant *
set_config_to_variant (GHashTable *config, GHashTable *set_keys)
{
  g_autoptr (GList) keys =
      g_list_sort (g_hash_table_get_keys (config), (GCompareFunc) g_strcmp0);
  GVariantBuilder builder;
  GVariant *value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (GList *l = keys; l; l = l->next)
    if (is_admin_set (l->data, set_keys))
      g_variant_builder_add (&builder, "{ss}", l->data,
                             g_hash_table_lookup (config, l->data));
  value = g_variant_ref_sink (g_variant_builder_end (&builder));
  (void) g_variant_get_data (value);
  return value;
}

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
  return set_config_to_variant (config, keys);
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

      read->all = gr_effective_config_new (config, run->config_pool);
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
                   const GrRefreshKnown *known,
                   const GrSessionId *id,
                   gint64 *mtime)
{
  *mtime = gr_session_id_conf_mtime (id);
  return run->task == NULL && known != NULL && known->config_mtime == *mtime;
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
      GrRefreshKnown *known = status_known (run->refresher, status);
      g_autoptr (GrSessionId) id = known ? gr_session_id_ref (known->id)
                                         : status_id (run->refresher, status);
      gint64 mtime;

      if (!config_is_current (run, known, id, &mtime))
        query_config (run, id, mtime, done);
    }
  config_done (run, done);
}

/* --- handing on --- */

/* The identity gluster reports now: the secondary user may have been
 * learnt only now (a session created without one names root until its
 * status says otherwise). */
static GrSessionId *
report_id (GrRefreshRun *run,
           const GrRefreshKnown *known,
           const GrSessionStatus *status)
{
  if (known != NULL &&
      g_strcmp0 (known->id->user,
                 status->secondary_user ? status->secondary_user : "root") == 0)
    return gr_session_id_ref (known->id);
  return status_id (run->refresher, status);
}

GrRefreshKnown *
gr_refresh_report (GrRefreshRun *run, GrSessionStatus *status)
{
  GrRefresher *refresher = run->refresher;
  GrRefreshKnown *known = status_known (refresher, status);
  GrSessionState before = known ? known->state : GR_SESSION_STATE_UNKNOWN;
  gboolean is_new = known == NULL;
  g_autoptr (GrSessionSnapshot) snapshot = gr_session_snapshot_new (
      report_id (run, known, status), status,
      gr_refresher_lookup_volume (refresher, status->primary_volume));
  GrRefreshConfig *config =
      g_hash_table_lookup (run->configs, snapshot->id->label);
  guint64 config_checkpoint = known ? known->config_checkpoint : 0;
  gboolean transient;

  if (config != NULL)
    {
      snapshot->config = g_variant_ref (config->all);
      snapshot->set_config = g_variant_ref (config->set);
      snapshot->config_mtime = config->mtime;
      config_checkpoint = gr_session_snapshot_config_checkpoint (snapshot);
    }
  /* Before it is emitted: the receiver takes the status. */
  transient = gr_session_snapshot_is_transient (snapshot, config_checkpoint);
  known = gr_refresher_emit_snapshot (refresher, snapshot);
  return (is_new || before != known->state || transient) ? known : NULL;
}
