/* georepd: the Session object and how gluster's status maps onto it. */
#include "gr-label.h"
#include "gr-session-object.h"
#include "gr-status.h"

GrSessionObject *
gr_session_object_new (GrDaemon *daemon,
                       const char *primary,
                       const char *host,
                       const char *secondary)
{
  GrSessionObject *session = g_new0 (GrSessionObject, 1);

  session->daemon = daemon;
  session->config_mtime = -1;
  session->primary = g_strdup (primary);
  session->host = g_strdup (host);
  session->secondary = g_strdup (secondary);
  session->label = gr_session_label (primary, host, secondary);
  session->path = gr_session_path (primary, host, secondary);
  session->object = gr_object_skeleton_new (session->path);
  session->iface = gr_session_skeleton_new ();
  gr_session_set_primary_volume (session->iface, primary);
  gr_session_set_secondary_host (session->iface, host);
  gr_session_set_secondary_volume (session->iface, secondary);
  gr_session_set_secondary_user (session->iface, "root");
  gr_session_set_destination (session->iface, "/");
  gr_session_set_status (session->iface, "unknown");
  gr_session_set_workers (
      session->iface, g_variant_new_array (G_VARIANT_TYPE_VARDICT, NULL, 0));
  gr_session_set_config (
      session->iface, g_variant_new_array (G_VARIANT_TYPE ("{ss}"), NULL, 0));
  gr_object_skeleton_set_session (session->object, session->iface);
  gr_session_object_connect_methods (session);
  return session;
}

void
gr_session_object_free (GrSessionObject *session)
{
  g_free (session->label);
  g_free (session->path);
  g_free (session->primary);
  g_free (session->host);
  g_free (session->secondary);
  g_clear_pointer (&session->status, gr_session_status_free);
  gr_session_object_disconnect_methods (session);
  g_clear_object (&session->iface);
  g_clear_object (&session->object);
  g_free (session);
}

GVariant *
gr_worker_to_variant (const GrWorker *worker)
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

static GVariant *
workers_to_variant (GPtrArray *workers)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; workers && i < workers->len; i++)
    g_variant_builder_add_value (&builder,
                                 gr_worker_to_variant (workers->pdata[i]));
  return g_variant_builder_end (&builder);
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
apply_summary (GrSessionObject *session, const GrStatusSummary *summary)
{
  GrSession *iface = session->iface;

  set_uint64 (iface, gr_session_get_last_synced, gr_session_set_last_synced,
              summary->last_synced);
  set_uint64 (iface, gr_session_get_failures, gr_session_set_failures,
              summary->failures);
  /* The config has the checkpoint as soon as it is set; the workers
   * report it only once gsyncd picked it up. */
  set_uint64 (iface, gr_session_get_checkpoint_time,
              gr_session_set_checkpoint_time,
              MAX (summary->checkpoint_time, session->config_checkpoint));
  if (gr_session_get_checkpoint_completed (iface) !=
      summary->checkpoint_completed)
    gr_session_set_checkpoint_completed (iface, summary->checkpoint_completed);
  set_uint64 (iface, gr_session_get_checkpoint_completion_time,
              gr_session_set_checkpoint_completion_time,
              summary->checkpoint_completion_time);
}

void
gr_session_object_apply_status (GrSessionObject *session,
                                GrSessionStatus *status,
                                const GrVolumeInfo *volume)
{
  GrSession *iface = session->iface;
  GrStatusSummary summary;
  /* Most refreshes find most sessions as they were: comparing the structs
   * is far cheaper than building the Workers variant to compare that.
   * The status files update the known status in place (same pointer). */
  gboolean same_workers =
      session->status != NULL && session->status != status &&
      gr_workers_equal (session->status->workers, status->workers);

  if (session->status != status)
    {
      g_clear_pointer (&session->status, gr_session_status_free);
      session->status = status;
    }

  gr_status_summarize (status->workers, &summary);
  set_string (iface, gr_session_get_secondary_user,
              gr_session_set_secondary_user,
              status->secondary_user ? status->secondary_user : "root");
  set_string (iface, gr_session_get_status, gr_session_set_status,
              gr_session_state_to_string (
                  gr_status_aggregate (status->workers, volume)));
  if (!same_workers)
    {
      g_autoptr (GVariant) workers =
          flattened (workers_to_variant (status->workers));

      gr_session_set_workers (iface, workers);
    }
  apply_summary (session, &summary);
}

void
gr_session_object_set_unknown (GrSessionObject *session)
{
  gr_session_set_status (session->iface, "unknown");
}

GVariant *
gr_session_config_to_variant (GHashTable *config)
{
  g_autoptr (GList) keys =
      g_list_sort (g_hash_table_get_keys (config), (GCompareFunc) g_strcmp0);
  GVariantBuilder builder;

  /* Sorted, so that the same config is the same variant and no change is
   * announced when nothing changed. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (GList *l = keys; l; l = l->next)
    g_variant_builder_add (&builder, "{ss}", l->data,
                           g_hash_table_lookup (config, l->data));
  return flattened (g_variant_builder_end (&builder));
}

void
gr_session_object_apply_config (GrSessionObject *session, GVariant *config)
{
  const char *checkpoint = NULL;

  gr_session_set_config (session->iface, config);
  g_variant_lookup (config, "checkpoint", "&s", &checkpoint);
  session->config_checkpoint =
      checkpoint ? g_ascii_strtoull (checkpoint, NULL, 10) : 0;
  if (session->status != NULL)
    gr_session_set_checkpoint_time (
        session->iface, MAX (gr_session_get_checkpoint_time (session->iface),
                             session->config_checkpoint));
}
