/* georepd: the full refresh and polling.
 *
 * A full refresh asks gluster for the volumes, the status of every
 * session and the config of each session that changed, then hands it
 * all on in one go (a snapshot per session), so that each object emits
 * at most one PropertiesChanged. */
#include "gr-error.h"
#include "gr-refresh-private.h"
#include "gr-gluster-result.h"
#include "gr-xml-geo-status.h"
#include "gr-xml-volume-info.h"

struct _GrRefresher {
  GObject parent;
  GrConfig *config;
  GrGluster *gluster;
  GHashTable *known;   /* label → GrRefreshKnown * */
  GHashTable *volumes; /* name → GrVolumeInfo * (owned) */
  GStrv volume_names;  /* sorted as gluster lists them */
  gboolean running;
  GPtrArray *waiting; /* GTask *: served by the next full refresh */
  GPtrArray *current; /* GTask *: served by the running one */
  guint poll_id;
  guint poll_interval;
  gboolean changed; /* a status changed in the last refresh */
  gboolean glusterd_running;
  char *gluster_version; /* "" until known */
  guint64 last_refresh;  /* µs since the epoch */
  gint64 full_started;   /* monotonic µs, of the running full refresh */
  GrRefreshStats stats;  /* for /metrics */
};

enum {
  PROP_0,
  PROP_GLUSTERD_RUNNING,
  PROP_GLUSTER_VERSION,
  PROP_LAST_REFRESH,
  PROP_VOLUME_NAMES,
  N_PROPS,
};

enum {
  SESSION_SNAPSHOT,
  SESSION_GONE,
  N_SIGNALS,
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GrRefresher, gr_refresher, G_TYPE_OBJECT)

static void full_begin (GrRefresher *self);
static void schedule_poll (GrRefresher *self);

static void
gr_refresher_finalize (GObject *object)
{
  GrRefresher *self = GR_REFRESHER (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_pointer (&self->current, g_ptr_array_unref);
  g_free (self->gluster_version);
  g_hash_table_unref (self->known);
  g_hash_table_unref (self->volumes);
  g_strfreev (self->volume_names);
  G_OBJECT_CLASS (gr_refresher_parent_class)->finalize (object);
}

static void
gr_refresher_get_property (GObject *object,
                           guint id,
                           GValue *value,
                           GParamSpec *pspec)
{
  GrRefresher *self = GR_REFRESHER (object);

  switch (id)
    {
      case PROP_GLUSTERD_RUNNING:
        g_value_set_boolean (value, self->glusterd_running);
        break;
      case PROP_GLUSTER_VERSION:
        g_value_set_string (value, self->gluster_version);
        break;
      case PROP_LAST_REFRESH:
        g_value_set_uint64 (value, self->last_refresh);
        break;
      case PROP_VOLUME_NAMES:
        g_value_set_boxed (value, self->volume_names);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
gr_refresher_class_init (GrRefresherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags =
      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gr_refresher_finalize;
  object_class->get_property = gr_refresher_get_property;
  props[PROP_GLUSTERD_RUNNING] =
      g_param_spec_boolean ("glusterd-running", NULL, NULL, FALSE, flags);
  props[PROP_GLUSTER_VERSION] =
      g_param_spec_string ("gluster-version", NULL, NULL, "", flags);
  props[PROP_LAST_REFRESH] = g_param_spec_uint64 ("last-refresh", NULL, NULL, 0,
                                                  G_MAXUINT64, 0, flags);
  props[PROP_VOLUME_NAMES] =
      g_param_spec_boxed ("volume-names", NULL, NULL, G_TYPE_STRV, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
  signals[SESSION_SNAPSHOT] =
      g_signal_new ("session-snapshot", GR_TYPE_REFRESHER, G_SIGNAL_RUN_LAST, 0,
                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SESSION_GONE] =
      g_signal_new ("session-gone", GR_TYPE_REFRESHER, G_SIGNAL_RUN_LAST, 0,
                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
known_free (GrRefreshKnown *known)
{
  gr_session_id_unref (known->id);
  g_free (known);
}

static void
gr_refresher_init (GrRefresher *self)
{
  const char *const none[] = { NULL };

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->gluster_version = g_strdup ("");
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) known_free);
  self->volumes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) gr_volume_info_free);
  self->volume_names = g_strdupv ((char **) none);
}

GrRefresher *
gr_refresher_new (GrConfig *config, GrGluster *gluster)
{
  GrRefresher *self = g_object_new (GR_TYPE_REFRESHER, NULL);

  self->config = config;
  self->gluster = gluster;
  self->poll_interval = config->poll_interval_min;
  return self;
}

const GrConfig *
gr_refresher_get_config (GrRefresher *self)
{
  return self->config;
}

GrGluster *
gr_refresher_get_gluster (GrRefresher *self)
{
  return self->gluster;
}

gboolean
gr_refresher_get_glusterd_running (GrRefresher *self)
{
  return self->glusterd_running;
}

GrSessionId *
gr_refresher_new_session_id (GrRefresher *self,
                             const char *primary,
                             const char *user,
                             const char *host,
                             const char *secondary)
{
  return gr_session_id_new (self->config, primary, user, host, secondary);
}

gboolean
gr_refresher_knows_session (GrRefresher *self, const char *label)
{
  return g_hash_table_contains (self->known, label);
}

GrSessionId *
gr_refresher_known_session_id (GrRefresher *self, const char *label)
{
  GrRefreshKnown *known = g_hash_table_lookup (self->known, label);

  return known ? gr_session_id_ref (known->id) : NULL;
}

GrRefreshKnown *
gr_refresher_lookup_known (GrRefresher *self, const char *label)
{
  return g_hash_table_lookup (self->known, label);
}

GrRefreshKnown *
gr_refresher_emit_snapshot (GrRefresher *self, GrSessionSnapshot *snapshot)
{
  GrRefreshKnown *known =
      g_hash_table_lookup (self->known, snapshot->id->label);

  if (known == NULL)
    {
      known = g_new0 (GrRefreshKnown, 1);
      known->id = gr_session_id_ref (snapshot->id);
      known->config_mtime = -1;
      g_hash_table_insert (self->known, g_strdup (snapshot->id->label), known);
    }
  else if (!g_str_equal (known->id->user, snapshot->id->user))
    {
      gr_session_id_unref (known->id);
      known->id = gr_session_id_ref (snapshot->id);
    }
  if (snapshot->config != NULL)
    {
      known->config_mtime = snapshot->config_mtime;
      known->config_checkpoint =
          gr_session_snapshot_config_checkpoint (snapshot);
    }
  known->state = snapshot->state;
  known->seen = TRUE;
  known->misses = 0;
  g_signal_emit (self, signals[SESSION_SNAPSHOT], 0, snapshot);
  return known;
}

void
gr_refresher_forget (GrRefresher *self, const char *label)
{
  g_autofree char *held = g_strdup (label);

  g_hash_table_remove (self->known, held);
  g_signal_emit (self, signals[SESSION_GONE], 0, held);
}

static void
set_volumes (GrRefresher *self, GPtrArray *volumes)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;

  g_hash_table_remove_all (self->volumes);
  for (guint i = 0; i < volumes->len; i++)
    {
      GrVolumeInfo *volume = volumes->pdata[i];

      g_strv_builder_add (names, volume->name);
      g_hash_table_insert (self->volumes, volume->name, volume);
    }
  /* The table now owns the volumes. */
  g_ptr_array_set_free_func (volumes, NULL);
  list = g_strv_builder_end (names);
  if (g_strv_equal ((const char *const *) list,
                    (const char *const *) self->volume_names))
    return;
  g_strfreev (self->volume_names);
  self->volume_names = g_steal_pointer (&list);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_VOLUME_NAMES]);
}

const GrVolumeInfo *
gr_refresher_lookup_volume (GrRefresher *self, const char *name)
{
  return g_hash_table_lookup (self->volumes, name);
}

static void
set_glusterd_running (GrRefresher *self, gboolean running)
{
  if (self->glusterd_running == running)
    return;
  self->glusterd_running = running;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_GLUSTERD_RUNNING]);
}

/* --- full refresh --- */

static void
finish_full (GrRefreshRun *run, const GError *error)
{
  GrRefresher *self = run->refresher;
  g_autoptr (GPtrArray) served = g_steal_pointer (&self->current);

  for (guint i = 0; i < served->len; i++)
    {
      GTask *task = served->pdata[i];

      if (error)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
  gr_refresh_run_free (run);
  self->running = FALSE;
  /* A failed refresh is retried soon, not after a backed-off interval:
   * glusterd coming back should show within seconds. */
  if (error != NULL)
    self->changed = TRUE;
  if (self->waiting->len > 0)
    full_begin (self);
  else
    schedule_poll (self);
}

/* A session gluster no longer lists is gone once its directory is gone;
 * while the directory stays, one answer without it is not trusted (in the
 * sandbox a started session once vanished from georepd while gluster
 * still had it), two in a row are. */
static void
forget_unseen (GrRefresher *self)
{
  g_autoptr (GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  GrRefreshKnown *known;

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &known))
    {
      if (known->seen)
        continue;
      self->changed = TRUE;
      if (++known->misses >= 2 || !gr_session_id_dir_exists (known->id))
        g_ptr_array_add (gone, g_strdup (known->id->label));
    }
  for (guint i = 0; i < gone->len; i++)
    gr_refresher_forget (self, gone->pdata[i]);
}

static void
mark_unseen (GrRefresher *self)
{
  GHashTableIter iter;
  GrRefreshKnown *known;

  g_hash_table_iter_init (&iter, self->known);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &known))
    known->seen = FALSE;
}

static void
apply_full (GrRefreshRun *run)
{
  GrRefresher *self = run->refresher;

  mark_unseen (self);
  /* The snapshots take the statuses over. */
  g_ptr_array_set_free_func (run->statuses, NULL);
  for (guint i = 0; i < run->statuses->len; i++)
    if (gr_refresh_report (run, run->statuses->pdata[i]))
      self->changed = TRUE;
  forget_unseen (self);
  self->stats.refreshes++;
  self->stats.last_duration_us =
      (guint64) (g_get_monotonic_time () - self->full_started);
  self->last_refresh = (guint64) g_get_real_time ();
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LAST_REFRESH]);
  finish_full (run, NULL);
}

static void
on_status (GObject *source, GAsyncResult *res, gpointer data)
{
  GrRefreshRun *run = data;
  GrRefresher *self = run->refresher;
  g_autoptr (GError) error = NULL;

  run->statuses = gr_gluster_run_parsed_finish (self->gluster, res, &error);
  if (run->statuses == NULL &&
      g_error_matches (error, GR_ERROR, GR_ERROR_GLUSTER_FAILED) &&
      !gr_session_id_any_dir (self->config,
                              (const char *const *) self->volume_names))
    {
      /* gluster answers "geo-replication command failed", without XML,
       * when no volume of the cluster has a session (a directory left by
       * a deleted volume is none). */
      g_clear_error (&error);
      run->statuses = g_ptr_array_new ();
    }
  if (run->statuses == NULL)
    {
      g_warning ("Cannot read the geo-replication status: %s", error->message);
      finish_full (run, error);
      return;
    }
  gr_refresh_query_configs (run, apply_full);
}

static void
query_status (GrRefreshRun *run)
{
  const char *args[] = { "volume", "geo-replication", "status", NULL };

  gr_gluster_run_parsed_async (
      run->refresher->gluster, args, gr_xml_read_geo_status,
      (GDestroyNotify) g_ptr_array_unref, NULL, on_status, run);
}

static void
on_volume_info (GObject *source, GAsyncResult *res, gpointer data)
{
  GrRefreshRun *run = data;
  GrRefresher *self = run->refresher;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) volumes =
      gr_gluster_run_parsed_finish (self->gluster, res, &error);

  if (volumes == NULL)
    {
      if (g_error_matches (error, GR_ERROR, GR_ERROR_GLUSTERD_UNAVAILABLE))
        set_glusterd_running (self, FALSE);
      g_warning ("Cannot read the volumes: %s", error->message);
      finish_full (run, error);
      return;
    }
  set_volumes (self, volumes);
  set_glusterd_running (self, TRUE);
  query_status (run);
}

static void
query_volume_info (GrRefreshRun *run)
{
  const char *args[] = { "volume", "info", NULL };

  gr_gluster_run_parsed_async (
      run->refresher->gluster, args, gr_xml_read_volume_info,
      (GDestroyNotify) g_ptr_array_unref, NULL, on_volume_info, run);
}

static void
on_version (GObject *source, GAsyncResult *res, gpointer data)
{
  GrRefreshRun *run = data;
  GrRefresher *self = run->refresher;
  g_autoptr (GError) error = NULL;
  g_autofree char *text =
      gr_gluster_run_text_finish (self->gluster, res, &error);
  g_autofree char *version = text ? gr_gluster_parse_version (text) : NULL;

  if (version != NULL && !g_str_equal (version, self->gluster_version))
    {
      g_free (self->gluster_version);
      self->gluster_version = g_steal_pointer (&version);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_GLUSTER_VERSION]);
    }
  else if (version == NULL)
    g_warning ("Cannot read the gluster version: %s",
               error ? error->message : "unexpected output");
  query_volume_info (run);
}

static void
query_version (GrRefreshRun *run)
{
  const char *args[] = { "--version", NULL };

  gr_gluster_run_text_async (run->refresher->gluster, args, NULL, on_version,
                             run);
}

static void
full_begin (GrRefresher *self)
{
  GrRefreshRun *run = gr_refresh_run_new (self);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->running = TRUE;
  self->changed = FALSE;
  self->full_started = g_get_monotonic_time ();
  self->current = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  /* The version is asked again after glusterd was away: it may have been
   * upgraded meanwhile. */
  if (*self->gluster_version == '\0' || !self->glusterd_running)
    query_version (run);
  else
    query_volume_info (run);
}

const GrRefreshStats *
gr_refresher_get_stats (GrRefresher *self)
{
  return &self->stats;
}

void
gr_refresher_refresh_async (GrRefresher *self,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, gr_refresher_refresh_async);
  g_ptr_array_add (self->waiting, task);
  if (!self->running)
    full_begin (self);
}

gboolean
gr_refresher_refresh_finish (GrRefresher *self,
                             GAsyncResult *result,
                             GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- polling --- */

static gboolean
on_poll (gpointer data)
{
  GrRefresher *self = data;

  self->poll_id = 0;
  if (!self->running)
    full_begin (self);
  return G_SOURCE_REMOVE;
}

static void
poll_in (GrRefresher *self, guint seconds)
{
  self->poll_interval = seconds;
  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->poll_id = g_timeout_add_seconds (seconds, on_poll, self);
}

static void
schedule_poll (GrRefresher *self)
{
  /* Often while something changes, backing off while all is steady. */
  if (self->changed)
    poll_in (self, self->config->poll_interval_min);
  else
    poll_in (self, MIN (self->poll_interval * 2, self->config->poll_interval));
}

void
gr_refresher_poll_soon (GrRefresher *self)
{
  self->changed = TRUE;
  if (!self->running)
    poll_in (self, self->config->poll_interval_min);
}

void
gr_refresher_start (GrRefresher *self)
{
  if (!self->running)
    full_begin (self);
}
