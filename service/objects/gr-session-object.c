/* georepd: the Session object and how gluster's status maps onto it. */
#include "gr-changelog-index.h"
#include "gr-effective-config.h"
#include "gr-gsyncd-conf.h"
#include "gr-gsyncd-watch.h"
#include "gr-lag.h"
#include "gr-refresh.h"
#include "gr-registry.h"
#include "gr-session-object.h"
#include "gr-status-file.h"

struct _GrSessionObject {
  GrSessionSkeleton parent;
  GrSessionId *id;
  GrContext *context;
  GrSessionState state;
  GrSessionStatus *status;    /* gluster's last word, see the getter */
  guint64 config_checkpoint;  /* the checkpoint in the config, Unix seconds */
  GVariant *effective_config; /* a{ss}: every option, for GetEffectiveConfig */
  GrGsyncdWatch *log_watch;   /* gsyncd.log (log-file): the workers' reasons */
  char *log_file;
  char *node_uuid;       /* this node's, to tell its workers from others' */
  char *secondary_rsync; /* the secondary's rsync version; NULL unknown */
  GrHistory *history;    /* GetHistory's samples; NULL until the first */
  GHashTable *remote_reasons; /* other nodes' workers: see the setter */
  gboolean shared_storage;    /* whether they could be read at all */
};

static void gr_session_object_iface_init (GrSessionIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (
    GrSessionObject,
    gr_session_object,
    GR_TYPE_SESSION_SKELETON,
    G_IMPLEMENT_INTERFACE (GR_TYPE_SESSION, gr_session_object_iface_init))

static void
gr_session_object_iface_init (GrSessionIface *iface)
{
  gr_session_object_iface_init_methods (iface);
  gr_session_object_iface_init_verify (iface);
  gr_session_object_iface_init_history (iface);
  gr_session_object_iface_init_schedule (iface);
  gr_session_object_iface_init_failback (iface);
}

static void
gr_session_object_finalize (GObject *object)
{
  GrSessionObject *self = GR_SESSION_OBJECT (object);

  g_clear_pointer (&self->id, gr_session_id_unref);
  g_clear_pointer (&self->status, gr_session_status_free);
  g_clear_pointer (&self->effective_config, g_variant_unref);
  g_clear_pointer (&self->log_watch, gr_gsyncd_watch_free);
  g_free (self->log_file);
  g_free (self->node_uuid);
  g_free (self->secondary_rsync);
  g_clear_pointer (&self->history, gr_history_free);
  g_clear_pointer (&self->remote_reasons, g_hash_table_unref);
  G_OBJECT_CLASS (gr_session_object_parent_class)->finalize (object);
}

static void
gr_session_object_class_init (GrSessionObjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gr_session_object_finalize;
}

static void
gr_session_object_init (GrSessionObject *self)
{
  self->shared_storage = TRUE;
}

GrSessionObject *
gr_session_object_new (GrSessionId *id, GrContext *context)
{
  GrSessionObject *self = g_object_new (GR_TYPE_SESSION_OBJECT, NULL);
  GrSession *iface = GR_SESSION (self);

  self->id = gr_session_id_ref (id);
  self->context = context;
  self->effective_config = g_variant_ref_sink (
      g_variant_new_array (G_VARIANT_TYPE ("{ss}"), NULL, 0));
  gr_session_set_primary_volume (iface, id->primary);
  gr_session_set_secondary_host (iface, id->host);
  gr_session_set_secondary_volume (iface, id->secondary);
  gr_session_set_secondary_user (iface, id->user);
  gr_session_set_destination (iface, "/");
  gr_session_set_status (iface,
                         gr_session_state_to_string (GR_SESSION_STATE_UNKNOWN));
  gr_session_set_workers (
      iface, g_variant_new_array (G_VARIANT_TYPE_VARDICT, NULL, 0));
  gr_session_set_config (iface, self->effective_config);
  gr_session_set_last_verification (
      iface, g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
  gr_session_set_lag (iface, GR_LAG_UNKNOWN);
  gr_session_set_lag_trend (iface,
                            gr_lag_trend_to_string (GR_LAG_TREND_UNKNOWN));
  gr_session_object_update_health (self);
  return self;
}

GrSessionId *
gr_session_object_get_id (GrSessionObject *self)
{
  return self->id;
}

GrSessionStatus *
gr_session_object_get_status (GrSessionObject *self)
{
  return self->status;
}

GrContext *
gr_session_object_get_context (GrSessionObject *self)
{
  return self->context;
}

GrRefresher *
gr_session_object_get_refresher (GrSessionObject *self)
{
  return gr_context_get_refresher (self->context);
}

GrRegistry *
gr_session_object_get_registry (GrSessionObject *self)
{
  return gr_context_get_registry (self->context);
}

GrSessionState
gr_session_object_get_state (GrSessionObject *self)
{
  return self->state;
}

GVariant *
gr_session_object_get_effective_config (GrSessionObject *self)
{
  return self->effective_config;
}

const char *
gr_session_object_get_secondary_rsync (GrSessionObject *self)
{
  return self->secondary_rsync;
}

void
gr_session_object_set_secondary_rsync (GrSessionObject *self,
                                       const char *version)
{
  if (g_strcmp0 (self->secondary_rsync, version) == 0)
    return;
  g_free (self->secondary_rsync);
  self->secondary_rsync = g_strdup (version);
  gr_session_object_update_health (self);
}

GrHistory *
gr_session_object_get_history (GrSessionObject *self)
{
  if (self->history == NULL)
    self->history =
        gr_history_new (gr_context_get_config (self->context)->history_size);
  return self->history;
}

GVariant *
gr_worker_to_variant (const GrWorker *worker,
                      const char *last_error,
                      guint64 last_error_time,
                      gint64 lag)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
#define ADD_S(key, value)                                                      \
  g_variant_builder_add (&builder, "{sv}", key,                                \
                         g_variant_new_string ((value) ? (value) : ""))
#define ADD_T(key, value)                                                      \
  g_variant_builder_add (&builder, "{sv}", key, g_variant_new_uint64 (value))
  ADD_S ("primary-node", worker->primary_node);
  ADD_S ("primary-node-uuid", worker->primary_node_uuid);
  ADD_S ("primary-brick", worker->primary_brick);
  ADD_S ("secondary-node", worker->secondary_node);
  ADD_S ("status", gr_worker_status_to_string (worker->status));
  ADD_S ("crawl-status", gr_crawl_status_to_string (worker->crawl_status));
  ADD_T ("last-synced", worker->last_synced);
  ADD_T ("entry", worker->entry);
  ADD_T ("data", worker->data);
  ADD_T ("meta", worker->meta);
  ADD_T ("failures", worker->failures);
  g_variant_builder_add (&builder, "{sv}", "checkpoint-completed",
                         g_variant_new_boolean (worker->checkpoint_completed));
  ADD_T ("checkpoint-time", worker->checkpoint_time);
  ADD_T ("checkpoint-completion-time", worker->checkpoint_completion_time);
  ADD_S ("last-error", last_error);
  ADD_T ("last-error-time", last_error_time);
  g_variant_builder_add (&builder, "{sv}", "lag", g_variant_new_int64 (lag));
#undef ADD_S
#undef ADD_T
  return g_variant_builder_end (&builder);
}

/* A variant built with a builder is a tree of small allocations until
 * something asks for its bytes; asking now turns it into one flat buffer,
 * a fifth of the memory for a Config of sixty-odd options. */
static GVariant *
flattened (GVariant *value)
{
  g_variant_ref_sink (value);
  (void) g_variant_get_data (value);
  return value;
}

/* Another node's worker: its reason as that node's georepd shared it
 * (gr-reasons-shared.h); else a faulty one has its reason in its node's
 * gsyncd.log, which only shared storage brings here. */
static char *
remote_worker_reason (GrSessionObject *self,
                      const GrWorker *worker,
                      guint64 *time)
{
  g_autofree char *key = g_strdup_printf (
      "%s\n%s", worker->primary_node_uuid ?: "", worker->primary_brick ?: "");
  GVariant *reason = self->remote_reasons
                         ? g_hash_table_lookup (self->remote_reasons, key)
                         : NULL;
  const char *message;

  if (reason != NULL)
    {
      g_variant_get (reason, "(&st)", &message, time);
      return g_strdup (message);
    }
  if (worker->status != GR_WORKER_STATUS_FAULTY)
    return NULL;
  if (!self->shared_storage)
    return g_strdup_printf (
        "The reason is in gsyncd.log on %s; enable gluster's shared storage "
        "(gluster volume set all cluster.enable-shared-storage enable) to see "
        "the reasons of other nodes' workers here",
        worker->primary_node);
  return g_strdup_printf ("The reason is in gsyncd.log on %s",
                          worker->primary_node);
}

/* An own worker that gsyncd's log says nothing against, while its brick
 * has changes it did not sync (gr-lag.h). */
static char *
stalled_reason (const GrWorker *worker, gint64 now, guint64 *time)
{
  g_autoptr (GDateTime) since = NULL;
  g_autofree char *shown = NULL;

  if (!gr_lag_worker_stalled (worker, now))
    return NULL;
  *time = worker->unsynced_change;
  since = g_date_time_new_from_unix_local ((gint64) worker->unsynced_change);
  shown = g_date_time_format (since, "%F %T");
  return g_strdup_printf (
      "gsyncd has not synced the changes this brick recorded since %s, "
      "although it reports nothing pending: its live changelog processing "
      "stalled. Stop and start the session: the history crawl of the "
      "restarted worker syncs them",
      shown);
}

/* A worker's last failure: from this node's gsyncd.log for its own
 * workers, from what the other nodes shared for theirs. */
static char *
worker_reason (GrSessionObject *self,
               const GrWorker *worker,
               gint64 now,
               guint64 *time)
{
  const GrGsyncdReason *reason;

  *time = 0;
  if (worker->status == GR_WORKER_STATUS_OFFLINE)
    return g_strdup_printf ("%s did not answer: its glusterd is down or the "
                            "node is unreachable, so this worker's state is "
                            "not known",
                            worker->primary_node);
  if (self->node_uuid == NULL ||
      g_strcmp0 (worker->primary_node_uuid, self->node_uuid) != 0)
    return remote_worker_reason (self, worker, time);
  reason = self->log_watch == NULL
               ? NULL
               : gr_gsyncd_reasons_get (
                     gr_gsyncd_watch_get_reasons (self->log_watch),
                     worker->primary_brick);
  if (reason == NULL)
    return stalled_reason (worker, now, time);
  *time = (guint64) (reason->time / G_USEC_PER_SEC);
  return g_strdup (reason->message);
}

static GVariant *
workers_to_variant (GrSessionObject *self, GPtrArray *workers)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; workers && i < workers->len; i++)
    {
      guint64 time;
      g_autofree char *reason =
          worker_reason (self, workers->pdata[i], now, &time);

      g_variant_builder_add_value (
          &builder,
          gr_worker_to_variant (workers->pdata[i], reason, time,
                                gr_lag_worker (workers->pdata[i], now)));
    }
  return g_variant_builder_end (&builder);
}

static void
set_workers (GrSessionObject *self)
{
  g_autoptr (GVariant) workers = flattened (
      workers_to_variant (self, self->status ? self->status->workers : NULL));

  gr_session_set_workers (GR_SESSION (self), workers);
}

/* The generated setters go through GObject's property machinery even
 * when the value is the same; at a thousand steady sessions that was
 * most of a refresh's apply step. */
static void
set_string (GrSession *iface,
            const char *(*get) (GrSession *),
            void (*set) (GrSession *, const char *),
            const char *value)
{
  if (g_strcmp0 (get (iface), value) != 0)
    set (iface, value);
}

static void
set_uint64 (GrSession *iface,
            guint64 (*get) (GrSession *),
            void (*set) (GrSession *, guint64),
            guint64 value)
{
  if (get (iface) != value)
    set (iface, value);
}

static void
apply_summary (GrSessionObject *self, const GrStatusSummary *summary)
{
  GrSession *iface = GR_SESSION (self);

  set_uint64 (iface, gr_session_get_last_synced, gr_session_set_last_synced,
              summary->last_synced);
  set_uint64 (iface, gr_session_get_failures, gr_session_set_failures,
              summary->failures);
  /* The config has the checkpoint as soon as it is set; the workers
   * report it only once gsyncd picked it up. */
  set_uint64 (iface, gr_session_get_checkpoint_time,
              gr_session_set_checkpoint_time,
              MAX (summary->checkpoint_time, self->config_checkpoint));
  if (gr_session_get_checkpoint_completed (iface) !=
      summary->checkpoint_completed)
    gr_session_set_checkpoint_completed (iface, summary->checkpoint_completed);
  set_uint64 (iface, gr_session_get_checkpoint_completion_time,
              gr_session_set_checkpoint_completion_time,
              summary->checkpoint_completion_time);
}

/* The secondary user is known from gluster's status only: the identity
 * follows it, so that commands name the session as gluster does. */
static void
apply_user (GrSessionObject *self, const char *user)
{
  GrSessionId *id = self->id;

  if (user == NULL)
    user = "root";
  if (g_str_equal (id->user, user))
    return;
  self->id = gr_session_id_new_with_user (id, user);
  gr_session_id_unref (id);
  gr_session_set_secondary_user (GR_SESSION (self), user);
}

/* gsyncd's "nothing pending" against the record of this node's bricks
 * (gr-changelog-index.h): read only where the lag would otherwise be 0. */
static void
read_unsynced_changes (GrSessionObject *self, GPtrArray *workers)
{
  if (self->node_uuid == NULL)
    self->node_uuid = gr_status_file_read_node_uuid (
        gr_context_get_config (self->context)->glusterd_dir);
  for (guint i = 0; i < workers->len; i++)
    {
      GrWorker *worker = workers->pdata[i];

      worker->unsynced_change = 0;
      if (self->node_uuid == NULL ||
          !g_str_equal (worker->primary_node_uuid, self->node_uuid) ||
          worker->status != GR_WORKER_STATUS_ACTIVE ||
          worker->crawl_status != GR_CRAWL_STATUS_CHANGELOG ||
          worker->entry + worker->data + worker->meta != 0)
        continue;
      worker->unsynced_change = gr_changelog_index_oldest_unsynced (
          worker->primary_brick, worker->last_synced);
    }
}

void
gr_session_object_apply_status (GrSessionObject *self,
                                GrSessionStatus *status,
                                const GrVolumeInfo *volume)
{
  GrSession *iface = GR_SESSION (self);
  GrStatusSummary summary;
  GrLagSummary lag;
  gboolean same_workers;

  /* Before comparing: the known status has its Offline workers too. */
  if (self->status != status)
    gr_status_add_offline_workers (status->workers, volume);
  read_unsynced_changes (self, status->workers);
  /* Most refreshes find most sessions as they were: comparing the structs
   * is far cheaper than building the Workers variant to compare that.
   * The status files update the known status in place (same pointer). */
  same_workers = self->status != NULL && self->status != status &&
                 gr_workers_equal (self->status->workers, status->workers);

  if (self->status != status)
    {
      g_clear_pointer (&self->status, gr_session_status_free);
      self->status = status;
    }

  gr_status_summarize (status->workers, &summary);
  apply_user (self, status->secondary_user);
  self->state = gr_status_aggregate (status->workers, volume);
  set_string (iface, gr_session_get_status, gr_session_set_status,
              gr_session_state_to_string (self->state));
  gr_lag_summarize (status->workers, volume,
                    g_get_real_time () / G_USEC_PER_SEC, &lag);
  /* The workers' lags grow with the clock although gluster's words stay
   * the same: their entries are rebuilt when the session's moved much;
   * rebuilding them at every refresh of a lagging session doubled a
   * refresh's cost (docs/performance.md). */
  if (!same_workers || gr_lag_moved_much (gr_session_get_lag (iface), lag.lag))
    set_workers (self);
  if (gr_session_get_lag (iface) != lag.lag)
    gr_session_set_lag (iface, lag.lag);
  apply_summary (self, &summary);
}

void
gr_session_object_set_unknown (GrSessionObject *self)
{
  self->state = GR_SESSION_STATE_UNKNOWN;
  gr_session_set_status (GR_SESSION (self),
                         gr_session_state_to_string (self->state));
  if (gr_session_get_lag (GR_SESSION (self)) != GR_LAG_UNKNOWN)
    gr_session_set_lag (GR_SESSION (self), GR_LAG_UNKNOWN);
}

static void
on_reasons_changed (GrGsyncdWatch *watch, gpointer data)
{
  set_workers (GR_SESSION_OBJECT (data));
}

/* gsyncd's log is where its config says (log-file). */
static void
watch_log (GrSessionObject *self, GVariant *config)
{
  const char *log_file = gr_effective_config_lookup (config, "log-file");

  if (log_file == NULL || !g_path_is_absolute (log_file) ||
      g_strcmp0 (log_file, self->log_file) == 0)
    return;
  g_clear_pointer (&self->log_watch, gr_gsyncd_watch_free);
  g_free (self->log_file);
  self->log_file = g_strdup (log_file);
  if (self->node_uuid == NULL)
    self->node_uuid = gr_status_file_read_node_uuid (
        gr_context_get_config (self->context)->glusterd_dir);
  self->log_watch = gr_gsyncd_watch_new (log_file, on_reasons_changed, self);
}

GPtrArray *
gr_session_object_read_local_workers (GrSessionObject *self)
{
  GPtrArray *workers =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gr_worker_free);

  for (guint i = 0; self->status && i < self->status->workers->len; i++)
    {
      const GrWorker *known = self->status->workers->pdata[i];
      GrWorker *worker;

      if (self->node_uuid == NULL ||
          g_strcmp0 (known->primary_node_uuid, self->node_uuid) != 0)
        continue;
      worker = gr_worker_new ();
      g_free (worker->primary_brick);
      worker->primary_brick = g_strdup (known->primary_brick);
      /* A brick of this node whose status file is still empty (gsyncd
       * has not written it, or its monitor died first) is not running:
       * it must not read as "no brick here". */
      if (!gr_status_file_read_brick (self->id->dir, worker))
        worker->status = GR_WORKER_STATUS_UNKNOWN;
      g_ptr_array_add (workers, worker);
    }
  return workers;
}

GrGsyncdWatch *
gr_session_object_get_log_watch (GrSessionObject *self)
{
  return self->log_watch;
}

void
gr_session_object_apply_config (GrSessionObject *self,
                                GVariant *config,
                                GVariant *set_config,
                                gint64 mtime)
{
  GrSession *iface = GR_SESSION (self);
  const char *checkpoint;

  g_clear_pointer (&self->effective_config, g_variant_unref);
  self->effective_config = g_variant_ref (config);
  watch_log (self, config);
  gr_session_set_config (iface, set_config);
  checkpoint = gr_effective_config_lookup (config, "checkpoint");
  self->config_checkpoint =
      checkpoint ? g_ascii_strtoull (checkpoint, NULL, 10) : 0;
  if (self->status != NULL)
    gr_session_set_checkpoint_time (
        iface,
        MAX (gr_session_get_checkpoint_time (iface), self->config_checkpoint));
  gr_session_object_update_health (self);
}

void
gr_session_object_apply_snapshot (GrSessionObject *self,
                                  GrSessionSnapshot *snapshot)
{
  gr_session_object_apply_status (
      self, gr_session_snapshot_steal_status (snapshot), snapshot->volume);
  if (snapshot->config != NULL)
    gr_session_object_apply_config (
        self, snapshot->config, snapshot->set_config, snapshot->config_mtime);
}

/* Whether two tables of remote reasons say the same (NULL: none). */
static gboolean
remote_reasons_equal (GHashTable *a, GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (a == NULL || b == NULL)
    return (a == NULL || g_hash_table_size (a) == 0) &&
           (b == NULL || g_hash_table_size (b) == 0);
  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GVariant *other = g_hash_table_lookup (b, key);

      if (other == NULL || !g_variant_equal (value, other))
        return FALSE;
    }
  return TRUE;
}

void
gr_session_object_set_remote_reasons (GrSessionObject *self,
                                      GHashTable *reasons,
                                      gboolean shared_storage)
{
  /* Read after every refresh: most of the time nothing changed, and a
   * thousand sessions' Workers are not rebuilt for nothing. */
  if (self->shared_storage == shared_storage &&
      remote_reasons_equal (self->remote_reasons, reasons))
    return;
  g_clear_pointer (&self->remote_reasons, g_hash_table_unref);
  self->remote_reasons = reasons ? g_hash_table_ref (reasons) : NULL;
  self->shared_storage = shared_storage;
  set_workers (self);
}
