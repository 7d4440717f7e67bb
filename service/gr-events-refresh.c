/* georepd: coalescing of the refreshes events ask for.
 *
 * Each event would otherwise queue CLI runs: a burst of events (or a
 * local user posting thousands) left thousands of runs queued and the
 * polls starved. Per session there is at most one refresh under way and
 * one asked for after it, because an event during a refresh may describe
 * a change that refresh read too early. Too many sessions at once become
 * one refresh of everything. */
#include "gr-events-refresh.h"

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
};

typedef struct {
  GrEventRefresh *self;
  char *key;
} Pending;

GrEventRefresh *
gr_event_refresh_new (GrRefresher *refresher)
{
  GrEventRefresh *self = g_new0 (GrEventRefresh, 1);

  self->refresher = refresher;
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
gr_event_refresh_free (GrEventRefresh *self)
{
  g_hash_table_remove_all (self->entries);
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
    gr_refresher_refresh_session_async (self->refresher, parts[0], NULL,
                                        parts[1], parts[2], on_refreshed,
                                        pending);
  else
    gr_refresher_refresh_async (self->refresher, on_refreshed, pending);
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
