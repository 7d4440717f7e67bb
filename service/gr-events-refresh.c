/* georepd: coalescing of the refreshes events ask for.
 *
 * Each event would otherwise queue CLI runs: a burst of events (or a
 * local user posting thousands) left thousands of runs queued and the
 * polls starved. Per session there is at most one refresh under way and
 * one asked for after it, because an event during a refresh may describe
 * a change that refresh read too early. Too many sessions at once become
 * one refresh of everything.
 *
 * An event for a session the refresher does not know costs no command of
 * its own (anyone on this machine can post thousands of made-up names):
 * such events fold into one refresh of everything, at most one per poll
 * interval (counted from georepd's start, which refreshes everything),
 * which finds a session created elsewhere. */
#include "gr-events-refresh.h"
#include "gr-label.h"

#define SESSIONS_MAX 64
#define ALL_KEY ""

typedef enum {
  RUNNING,
  RUNNING_AND_AGAIN,
} EntryState;

struct _GrEventRefresh {
  GrRefresher *refresher;
  GHashTable *entries; /* key → EntryState */
  gboolean freed;      /* callbacks still due after free */
  guint callbacks_due;
  gint64 interval;    /* µs between refreshes for unknown sessions */
  gint64 unknown_ran; /* monotonic µs of the last one, or of the start */
  guint unknown_id;   /* the timeout of the next one, 0 if none due */
};

typedef struct {
  GrEventRefresh *self;
  char *key;
} Pending;

GrEventRefresh *
gr_event_refresh_new (GrRefresher *refresher, guint interval_seconds)
{
  GrEventRefresh *self = g_new0 (GrEventRefresh, 1);

  self->refresher = refresher;
  self->interval = (gint64) MAX (interval_seconds, 1) * G_USEC_PER_SEC;
  /* georepd refreshes everything as it starts: a made-up name posted
   * right after costs nothing either. */
  self->unknown_ran = g_get_monotonic_time ();
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
gr_event_refresh_free (GrEventRefresh *self)
{
  g_hash_table_remove_all (self->entries);
  g_clear_handle_id (&self->unknown_id, g_source_remove);
  self->freed = TRUE;
  if (self->callbacks_due == 0)
    {
      g_hash_table_unref (self->entries);
      g_free (self);
    }
}

static void start (GrEventRefresh *self, const char *key);

static void
on_refreshed (GObject *source, GAsyncResult *res, gpointer data)
{
  Pending *pending = data;
  GrEventRefresh *self = pending->self;
  g_autofree char *key = pending->key;
  g_autoptr (GError) error = NULL;
  gpointer state;

  g_free (pending);
  if (g_task_get_source_tag (G_TASK (res)) == gr_refresher_refresh_async)
    gr_refresher_refresh_finish (self->refresher, res, &error);
  else
    gr_refresher_refresh_session_finish (self->refresher, res, &error);
  if (error != NULL)
    g_debug ("Refresh after an event failed: %s", error->message);
  self->callbacks_due--;
  if (self->freed)
    {
      gr_event_refresh_free (self);
      return;
    }
  if (!g_hash_table_lookup_extended (self->entries, key, NULL, &state))
    return;
  if (GPOINTER_TO_INT (state) == RUNNING_AND_AGAIN)
    start (self, key);
  else
    g_hash_table_remove (self->entries, key);
}

/* The session of @parts (primary, host, secondary): the events name no
 * secondary user, so it is the one gluster reported last. */
static GrSessionId *
session_id (GrEventRefresh *self, char **parts)
{
  g_autofree char *label = gr_session_label (parts[0], parts[1], parts[2]);
  GrSessionId *known = gr_refresher_known_session_id (self->refresher, label);

  if (known != NULL)
    return known;
  return gr_refresher_new_session_id (self->refresher, parts[0], NULL, parts[1],
                                      parts[2]);
}

/* Runs the refresh @key names: "" is everything, else
 * "primary\nhost\nsecondary". */
static void
start (GrEventRefresh *self, const char *key)
{
  Pending *pending = g_new0 (Pending, 1);
  g_auto (GStrv) parts = g_strsplit (key, "\n", 3);

  pending->self = self;
  pending->key = g_strdup (key);
  self->callbacks_due++;
  g_hash_table_insert (self->entries, g_strdup (key),
                       GINT_TO_POINTER (RUNNING));
  if (g_strv_length (parts) == 3)
    {
      g_autoptr (GrSessionId) id = session_id (self, parts);

      gr_refresher_refresh_session_async (self->refresher, id, on_refreshed,
                                          pending);
    }
  else
    gr_refresher_refresh_async (self->refresher, on_refreshed, pending);
}

static gboolean
is_known (GrEventRefresh *self,
          const char *primary,
          const char *host,
          const char *secondary)
{
  g_autofree char *label = gr_session_label (primary, host, secondary);

  return gr_refresher_knows_session (self->refresher, label);
}

static void
refresh_for_unknown (GrEventRefresh *self)
{
  self->unknown_ran = g_get_monotonic_time ();
  gr_event_refresh_request (self, NULL, NULL, NULL);
}

static gboolean
on_unknown_due (gpointer data)
{
  GrEventRefresh *self = data;

  self->unknown_id = 0;
  refresh_for_unknown (self);
  return G_SOURCE_REMOVE;
}

/* Now if the last such refresh is an interval old, else once at its end. */
static void
request_for_unknown (GrEventRefresh *self)
{
  gint64 wait = self->unknown_ran + self->interval - g_get_monotonic_time ();

  if (self->unknown_id != 0)
    return;
  if (wait <= 0)
    refresh_for_unknown (self);
  else
    self->unknown_id = g_timeout_add_seconds (
        (guint) ((wait + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC), on_unknown_due,
        self);
}

void
gr_event_refresh_request (GrEventRefresh *self,
                          const char *primary,
                          const char *host,
                          const char *secondary)
{
  g_autofree char *key = primary
                             ? g_strjoin ("\n", primary, host, secondary, NULL)
                             : g_strdup (ALL_KEY);
  gpointer state;

  if (primary != NULL && !is_known (self, primary, host, secondary))
    {
      request_for_unknown (self);
      return;
    }
  if (g_hash_table_lookup_extended (self->entries, key, NULL, &state))
    {
      g_hash_table_insert (self->entries, g_strdup (key),
                           GINT_TO_POINTER (RUNNING_AND_AGAIN));
      return;
    }
  if (*key != '\0' && g_hash_table_size (self->entries) >= SESSIONS_MAX)
    {
      gr_event_refresh_request (self, NULL, NULL, NULL);
      return;
    }
  start (self, key);
}
