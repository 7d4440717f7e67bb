/* georepd: periodic and after-checkpoint verification, and their state
 * across restarts (gr-verify-schedule.h). */
#include <json-glib/json-glib.h>

#include "gr-session-object.h"
#include "gr-verify-schedule.h"

struct _GrVerifySchedule {
  char *store_path;
  GrRegistry *registry;
  JsonObject *stored; /* label → { interval, last } as last saved */
  gint64 started;     /* Unix seconds: older checkpoints are not ours */
  gulong handlers[2];
};

/* What the schedule keeps per session (as object data). */
typedef struct {
  GrVerifySchedule *schedule;
  GrSessionObject *session; /* not a reference: the data dies with it */
  guint timer;
  gboolean running;
  guint64 checkpoint_verified; /* the completion time verified last */
} GrSessionSchedule;

#define SCHEDULE_KEY "gr-verify-schedule"

static void
session_schedule_free (GrSessionSchedule *entry)
{
  g_clear_handle_id (&entry->timer, g_source_remove);
  g_free (entry);
}

/* --- the store ---------------------------------------------------------- */

static JsonObject *
load_store (const char *path)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("%s is not read: %s", path, error->message);
      return json_object_new ();
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

static void
save_store (GrVerifySchedule *schedule)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (schedule->store_path);

  json_node_set_object (root, schedule->stored);
  text = json_to_string (root, TRUE);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (schedule->store_path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT |
                                     G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    g_warning ("Cannot save %s: %s", schedule->store_path,
               error ? error->message : g_strerror (errno));
}

static void
store_session (GrVerifySchedule *schedule, GrSessionObject *session)
{
  GrSession *iface = GR_SESSION (session);
  JsonObject *entry = json_object_new ();

  json_object_set_int_member (entry, "interval",
                              gr_session_get_verify_interval (iface));
  json_object_set_member (
      entry, "last",
      json_gvariant_serialize (gr_session_get_last_verification (iface)));
  json_object_set_object_member (
      schedule->stored, gr_session_object_get_id (session)->label, entry);
  save_store (schedule);
}

/* LastVerification's members and their types: JSON keeps numbers, not
 * their D-Bus types, and a damaged file must not put anything else on
 * the bus. */
static const struct {
  const char *key;
  const char *type;
} last_members[] = {
  { "time", "t" },        { "files-checked", "u" }, { "mismatches", "u" },
  { "duration-ms", "u" }, { "error", "s" },         { "trigger", "s" },
  { "end", "s" },
};

static GVariant *
member_value (JsonObject *last, const char *key, const char *type)
{
  JsonNode *node = json_object_get_member (last, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (*type == 's')
    return json_node_get_value_type (node) == G_TYPE_STRING
               ? g_variant_new_string (json_node_get_string (node))
               : NULL;
  if (json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    return NULL;
  return *type == 't' ? g_variant_new_uint64 (json_node_get_int (node))
                      : g_variant_new_uint32 ((guint32) MIN (
                            json_node_get_int (node), G_MAXUINT32));
}

static GVariant *
restore_last (JsonObject *entry)
{
  JsonObject *last = json_object_has_member (entry, "last")
                         ? json_object_get_object_member (entry, "last")
                         : NULL;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; last != NULL && i < G_N_ELEMENTS (last_members); i++)
    {
      GVariant *value =
          member_value (last, last_members[i].key, last_members[i].type);

      if (value != NULL)
        g_variant_builder_add (&builder, "{sv}", last_members[i].key, value);
    }
  return g_variant_builder_end (&builder);
}

static void
restore_session (GrVerifySchedule *schedule, GrSessionObject *session)
{
  const char *label = gr_session_object_get_id (session)->label;
  JsonObject *entry;

  if (!json_object_has_member (schedule->stored, label) ||
      (entry = json_object_get_object_member (schedule->stored, label)) == NULL)
    return;
  gr_session_set_verify_interval (
      GR_SESSION (session),
      (guint64) MAX (
          0, json_object_get_int_member_with_default (entry, "interval", 0)));
  gr_session_set_last_verification (GR_SESSION (session), restore_last (entry));
  gr_session_object_update_health (session);
}

/* --- runs ------------------------------------------------------------- */

static void
on_periodic_done (GObject *source, GAsyncResult *res, gpointer data)
{
  GrSessionObject *session = GR_SESSION_OBJECT (source);
  GrSessionSchedule *entry = g_object_get_data (source, SCHEDULE_KEY);

  gr_session_object_verify_finish (session, res, NULL);
  if (entry != NULL)
    entry->running = FALSE;
}

static gboolean
on_timer (gpointer data)
{
  GrSessionSchedule *entry = data;

  if (!entry->running)
    {
      entry->running = TRUE;
      gr_session_object_verify_async (entry->session, "periodic",
                                      on_periodic_done, NULL);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_first_timer (gpointer data)
{
  GrSessionSchedule *entry = data;
  guint interval =
      (guint) gr_session_get_verify_interval (GR_SESSION (entry->session));

  entry->timer =
      interval ? g_timeout_add_seconds (interval, on_timer, entry) : 0;
  on_timer (entry);
  return G_SOURCE_REMOVE;
}

/* The next run comes an interval after the last verification, so that a
 * restart does not postpone it. */
static void
arm (GrSessionSchedule *entry)
{
  GrSession *iface = GR_SESSION (entry->session);
  guint64 interval = gr_session_get_verify_interval (iface);
  guint64 last = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 due;

  g_clear_handle_id (&entry->timer, g_source_remove);
  if (interval == 0)
    return;
  g_variant_lookup (gr_session_get_last_verification (iface), "time", "t",
                    &last);
  due = last ? (gint64) (last + interval) : now + (gint64) interval;
  entry->timer = g_timeout_add_seconds (
      (guint) CLAMP (due - now, 1, (gint64) interval), on_first_timer, entry);
}

static void
on_checkpoint_verified (GObject *source, GAsyncResult *res, gpointer data)
{
  GrSession *iface = GR_SESSION (source);
  g_autoptr (GError) error = NULL;
  guint32 mismatches = 0;

  if (!gr_session_object_verify_finish (GR_SESSION_OBJECT (source), res,
                                        &error))
    {
      gr_session_set_checkpoint_verification (iface, "failed");
      return;
    }
  g_variant_lookup (gr_session_get_last_verification (iface), "mismatches", "u",
                    &mismatches);
  gr_session_set_checkpoint_verification (iface,
                                          mismatches ? "mismatch" : "clean");
}

/* A checkpoint completed while georepd watched: is it really complete?
 * Called for CheckpointCompleted and CheckpointCompletionTime, in
 * whichever order a refresh sets them; each completion is verified once. */
static void
on_checkpoint_changed (GObject *object, GParamSpec *pspec, gpointer data)
{
  GrSessionSchedule *entry = data;
  GrSession *iface = GR_SESSION (object);
  guint64 completed_at = gr_session_get_checkpoint_completion_time (iface);

  if (!gr_session_get_checkpoint_completed (iface) ||
      (gint64) completed_at < entry->schedule->started ||
      completed_at == entry->checkpoint_verified)
    return;
  entry->checkpoint_verified = completed_at;
  gr_session_set_checkpoint_verification (iface, "pending");
  gr_session_object_verify_async (entry->session, "checkpoint",
                                  on_checkpoint_verified, NULL);
}

static void
on_interval_changed (GObject *object, GParamSpec *pspec, gpointer data)
{
  GrSessionSchedule *entry = data;

  arm (entry);
  store_session (entry->schedule, entry->session);
}

static void
on_last_changed (GObject *object, GParamSpec *pspec, gpointer data)
{
  GrSessionSchedule *entry = data;

  store_session (entry->schedule, entry->session);
}

/* One handler for the four properties: a connection costs each of a
 * thousand sessions some 200 bytes (docs/performance.md). */
static void
on_notify (GObject *object, GParamSpec *pspec, gpointer data)
{
  if (g_str_equal (pspec->name, "verify-interval"))
    on_interval_changed (object, pspec, data);
  else if (g_str_equal (pspec->name, "last-verification"))
    on_last_changed (object, pspec, data);
  else if (g_str_equal (pspec->name, "checkpoint-completed") ||
           g_str_equal (pspec->name, "checkpoint-completion-time"))
    on_checkpoint_changed (object, pspec, data);
}

static void
on_session_added (GrRegistry *registry, GrSessionObject *session, gpointer data)
{
  GrVerifySchedule *schedule = data;
  GrSessionSchedule *entry = g_new0 (GrSessionSchedule, 1);

  entry->schedule = schedule;
  entry->session = session;
  g_object_set_data_full (G_OBJECT (session), SCHEDULE_KEY, entry,
                          (GDestroyNotify) session_schedule_free);
  restore_session (schedule, session);
  arm (entry);
  g_signal_connect (session, "notify", G_CALLBACK (on_notify), entry);
}

/* A deleted session's record goes with it: a new session of the same
 * name starts afresh. */
static void
on_session_removed (GrRegistry *registry,
                    GrSessionObject *session,
                    gpointer data)
{
  GrVerifySchedule *schedule = data;
  GrSessionSchedule *entry =
      g_object_get_data (G_OBJECT (session), SCHEDULE_KEY);

  if (entry != NULL)
    g_signal_handlers_disconnect_by_data (session, entry);
  g_object_set_data (G_OBJECT (session), SCHEDULE_KEY, NULL);
  if (json_object_has_member (schedule->stored,
                              gr_session_object_get_id (session)->label))
    {
      json_object_remove_member (schedule->stored,
                                 gr_session_object_get_id (session)->label);
      save_store (schedule);
    }
}

GrVerifySchedule *
gr_verify_schedule_new (const GrConfig *config, GrRegistry *registry)
{
  GrVerifySchedule *schedule = g_new0 (GrVerifySchedule, 1);

  schedule->store_path =
      g_build_filename (config->state_directory, GR_VERIFY_STORE_FILE, NULL);
  schedule->registry = registry;
  schedule->stored = load_store (schedule->store_path);
  schedule->started = g_get_real_time () / G_USEC_PER_SEC;
  schedule->handlers[0] = g_signal_connect (
      registry, "session-added", G_CALLBACK (on_session_added), schedule);
  schedule->handlers[1] = g_signal_connect (
      registry, "session-removed", G_CALLBACK (on_session_removed), schedule);
  return schedule;
}

void
gr_verify_schedule_free (GrVerifySchedule *schedule)
{
  for (guint i = 0; i < G_N_ELEMENTS (schedule->handlers); i++)
    g_clear_signal_handler (&schedule->handlers[i], schedule->registry);
  json_object_unref (schedule->stored);
  g_free (schedule->store_path);
  g_free (schedule);
}
