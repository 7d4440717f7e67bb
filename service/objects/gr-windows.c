/* georepd: scheduled sync windows (gr-windows.h). */
#include "gr-error.h"
#include "gr-jobs.h"
#include "gr-log.h"
#include "gr-schedule-spec.h"
#include "gr-window-store.h"
#include "gr-windows.h"

#define WINDOWS_KEY "gr-windows"
#define ENTRY_KEY "gr-window"
#define RETRY_S 60

struct _GrWindows {
  GrRefresher *refresher;
  GrRegistry *registry;
  GrWindowStore *store;
  gulong handlers[2];
};

/* What the schedule keeps per session (as object data). */
typedef struct {
  GrWindows *windows;
  GrSessionObject *session; /* not a reference: the data dies with it */
  guint timer;
} GrWindowEntry;

static void
window_entry_free (GrWindowEntry *entry)
{
  g_clear_handle_id (&entry->timer, g_source_remove);
  g_free (entry);
}

static const char *
label_of (GrSessionObject *session)
{
  return gr_session_object_get_id (session)->label;
}

static gint64
last_start (GrWindows *self, GrSessionObject *session)
{
  g_autoptr (GVariant) last =
      gr_window_store_get_last_run (self->store, label_of (session));
  guint64 start = 0;

  g_variant_lookup (last, "start", "t", &start);
  return (gint64) start;
}

static gboolean on_timer (gpointer data);

/* Sets NextRun and the timer from the schedule. */
static void
arm (GrWindowEntry *entry)
{
  GrWindows *self = entry->windows;
  guint timeout = 0;
  const char *text = gr_window_store_get_schedule (
      self->store, label_of (entry->session), &timeout);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GrScheduleSpec spec;
  gint64 next;

  g_clear_handle_id (&entry->timer, g_source_remove);
  gr_session_set_schedule (GR_SESSION (entry->session), text ? text : "");
  if (text == NULL || !gr_schedule_spec_parse (text, &spec, NULL))
    {
      gr_session_set_next_run (GR_SESSION (entry->session), 0);
      return;
    }
  next = gr_schedule_spec_next (&spec, now, last_start (self, entry->session));
  gr_session_set_next_run (GR_SESSION (entry->session), (guint64) next);
  entry->timer =
      g_timeout_add_seconds ((guint) MAX (1, next - now), on_timer, entry);
}

static gboolean
on_timer (gpointer data)
{
  GrWindowEntry *entry = data;
  g_autoptr (GError) error = NULL;
  guint timeout = GR_WINDOW_TIMEOUT_DEFAULT;

  entry->timer = 0;
  gr_window_store_get_schedule (entry->windows->store,
                                label_of (entry->session), &timeout);
  if (gr_windows_run (entry->windows, entry->session, "schedule",
                      timeout ? timeout : GR_WINDOW_TIMEOUT_DEFAULT,
                      &error) == NULL)
    {
      /* Busy (another job works on the session): try again later
       * rather than at once. */
      g_warning ("Session %s: the scheduled sync window does not run: %s",
                 label_of (entry->session), error->message);
      gr_session_set_next_run (
          GR_SESSION (entry->session),
          (guint64) (g_get_real_time () / G_USEC_PER_SEC + RETRY_S));
      entry->timer = g_timeout_add_seconds (RETRY_S, on_timer, entry);
    }
  return G_SOURCE_REMOVE;
}

static void
on_session_added (GrRegistry *registry, GrSessionObject *session, gpointer data)
{
  GrWindows *self = data;
  GrWindowEntry *entry = g_new0 (GrWindowEntry, 1);

  entry->windows = self;
  entry->session = session;
  g_object_set_data_full (G_OBJECT (session), ENTRY_KEY, entry,
                          (GDestroyNotify) window_entry_free);
  gr_session_set_last_run (
      GR_SESSION (session),
      gr_window_store_get_last_run (self->store, label_of (session)));
  arm (entry);
}

/* A deleted session's schedule and runs go with it. */
static void
on_session_removed (GrRegistry *registry,
                    GrSessionObject *session,
                    gpointer data)
{
  GrWindows *self = data;

  g_object_set_data (G_OBJECT (session), ENTRY_KEY, NULL);
  gr_window_store_forget (self->store, label_of (session));
}

void
gr_windows_free (GrWindows *self)
{
  g_object_set_data (G_OBJECT (self->registry), WINDOWS_KEY, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
    g_clear_signal_handler (&self->handlers[i], self->registry);
  gr_window_store_free (self->store);
  g_free (self);
}

GrWindows *
gr_windows_new (GrContext *context)
{
  GrWindows *self = g_new0 (GrWindows, 1);

  self->refresher = gr_context_get_refresher (context);
  self->registry = gr_context_get_registry (context);
  self->store =
      gr_window_store_new (gr_context_get_config (context)->state_directory);
  self->handlers[0] = g_signal_connect (self->registry, "session-added",
                                        G_CALLBACK (on_session_added), self);
  self->handlers[1] = g_signal_connect (self->registry, "session-removed",
                                        G_CALLBACK (on_session_removed), self);
  g_object_set_data (G_OBJECT (self->registry), WINDOWS_KEY, self);
  return self;
}

GrWindows *
gr_windows_get (GrRegistry *registry)
{
  return g_object_get_data (G_OBJECT (registry), WINDOWS_KEY);
}

gboolean
gr_windows_set_schedule (GrWindows *self,
                         GrSessionObject *session,
                         const char *schedule,
                         guint timeout,
                         GError **error)
{
  GrWindowEntry *entry = g_object_get_data (G_OBJECT (session), ENTRY_KEY);
  GrScheduleSpec spec;

  if (schedule != NULL && !gr_schedule_spec_parse (schedule, &spec, error))
    return FALSE;
  gr_window_store_set_schedule (self->store, label_of (session), schedule,
                                timeout);
  /* A session object the registry let go of and took back has lost
   * its entry with session-removed: it gets a new one. */
  if (entry == NULL)
    on_session_added (self->registry, session, self);
  else
    arm (entry);
  return TRUE;
}

GrJobObject *
gr_windows_run (GrWindows *self,
                GrSessionObject *session,
                const char *trigger,
                guint timeout,
                GError **error)
{
  GHashTable *params =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_hash_table_insert (params, g_strdup ("session"),
                       g_strdup (label_of (session)));
  g_hash_table_insert (params, g_strdup ("trigger"), g_strdup (trigger));
  g_hash_table_insert (params, g_strdup ("timeout"),
                       g_strdup_printf ("%u", timeout));
  return gr_jobs_begin (
      gr_jobs_get (self->registry), &gr_dr_sync_window_operation,
      gr_session_object_get_id (session)->path, params, error);
}

GVariant *
gr_windows_get_runs (GrWindows *self, GrSessionObject *session)
{
  return gr_window_store_get_runs (self->store, label_of (session));
}

static const char *
run_result (const GrJobRecord *record)
{
  switch (record->state)
    {
      case GR_JOB_STATE_COMPLETED:
        return "succeeded";
      case GR_JOB_STATE_ABORTED:
        return "aborted";
      default:
        return "failed";
    }
}

static GVariant *
run_variant (GrJobObject *job)
{
  const GrJobRecord *record = gr_job_object_get_record (job);
  const char *trigger = gr_job_object_get (job, "trigger");
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (
      &builder, "{sv}", "start",
      g_variant_new_uint64 (record->start_time / G_USEC_PER_SEC));
  g_variant_builder_add (
      &builder, "{sv}", "end",
      g_variant_new_uint64 (record->end_time / G_USEC_PER_SEC));
  g_variant_builder_add (&builder, "{sv}", "result",
                         g_variant_new_string (run_result (record)));
  g_variant_builder_add (&builder, "{sv}", "reason",
                         g_variant_new_string (record->error));
  g_variant_builder_add (
      &builder, "{sv}", "checkpoint-time",
      g_variant_new_uint64 (gr_job_object_get_uint (job, "checkpoint-time")));
  g_variant_builder_add (&builder, "{sv}", "trigger",
                         g_variant_new_string (trigger ? trigger : "call"));
  g_variant_builder_add (
      &builder, "{sv}", "job",
      g_variant_new_object_path (gr_job_object_get_path (job)));
  return g_variant_builder_end (&builder);
}

void
gr_windows_record_run (GrJobObject *job)
{
  GrRegistry *registry = gr_jobs_get_registry (gr_job_object_get_jobs (job));
  GrWindows *self = gr_windows_get (registry);
  const char *label = gr_job_object_get (job, "session");
  const GrJobRecord *record = gr_job_object_get_record (job);
  GrSessionObject *session = gr_registry_lookup_session (registry, label);
  GrWindowEntry *entry =
      session ? g_object_get_data (G_OBJECT (session), ENTRY_KEY) : NULL;
  g_autoptr (GVariant) run = g_variant_ref_sink (run_variant (job));

  gr_window_store_add_run (self->store, label, run);
  if (record->state != GR_JOB_STATE_COMPLETED)
    gr_log_event (GR_MESSAGE_SYNC_WINDOW_FAILED, GR_LOG_FIELD_SESSION, label,
                  "Session %s: the sync window (job %s) %s: %s", label,
                  record->id, run_result (record),
                  *record->error ? record->error : "aborted by an admin");
  else
    g_message ("Session %s: sync window (job %s) done, checkpoint completed",
               label, record->id);
  if (session == NULL)
    return;
  gr_session_set_last_run (GR_SESSION (session),
                           gr_window_store_get_last_run (self->store, label));
  if (entry != NULL)
    arm (entry);
  g_dbus_interface_skeleton_flush (G_DBUS_INTERFACE_SKELETON (session));
}
