/* georepd: watching a session's gsyncd.log (gr-gsyncd-watch.h). */
#include <gio/gio.h>

#include "gr-gsyncd-watch.h"
#include "gr-log-follower.h"

struct _GrGsyncdWatch {
  GrLogFollower *follower;
  GrGsyncdReasons *reasons;
  GFileMonitor *monitor; /* on the directory: the file may be replaced */
  char *basename;
  guint idle_id; /* reading the rest of a burst */
  gboolean changed;
  GrGsyncdWatchFunc func;
  gpointer user_data;
};

static void
feed_line (const char *line, gsize len, gpointer data)
{
  GrGsyncdWatch *watch = data;

  if (gr_gsyncd_reasons_feed (watch->reasons, line, len))
    watch->changed = TRUE;
}

/* One bounded slice; TRUE when more waits. */
static gboolean
read_slice (GrGsyncdWatch *watch)
{
  return gr_log_follower_poll (watch->follower, 0, feed_line, watch);
}

static void
report (GrGsyncdWatch *watch)
{
  if (!watch->changed)
    return;
  watch->changed = FALSE;
  if (watch->func != NULL)
    watch->func (watch, watch->user_data);
}

static gboolean
on_idle (gpointer data)
{
  GrGsyncdWatch *watch = data;
  gboolean more = read_slice (watch);

  report (watch);
  if (more)
    return G_SOURCE_CONTINUE;
  watch->idle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule_read (GrGsyncdWatch *watch)
{
  if (watch->idle_id == 0)
    watch->idle_id = g_idle_add (on_idle, watch);
}

static void
on_directory_changed (GFileMonitor *monitor,
                      GFile *file,
                      GFile *other,
                      GFileMonitorEvent event,
                      gpointer data)
{
  GrGsyncdWatch *watch = data;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *other_name = other ? g_file_get_basename (other) : NULL;

  if (g_strcmp0 (name, watch->basename) == 0 ||
      g_strcmp0 (other_name, watch->basename) == 0)
    schedule_read (watch);
}

static GFileMonitor *
monitor_directory (const char *log_file, GrGsyncdWatch *watch)
{
  g_autofree char *dir_path = g_path_get_dirname (log_file);
  g_autoptr (GFile) dir = g_file_new_for_path (dir_path);
  g_autoptr (GError) error = NULL;
  GFileMonitor *monitor =
      g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);

  if (monitor == NULL)
    {
      g_debug ("Not watching %s: %s", dir_path, error->message);
      return NULL;
    }
  g_signal_connect (monitor, "changed", G_CALLBACK (on_directory_changed),
                    watch);
  return monitor;
}

GrGsyncdWatch *
gr_gsyncd_watch_new (const char *log_file,
                     GrGsyncdWatchFunc changed,
                     gpointer user_data)
{
  GrGsyncdWatch *watch = g_new0 (GrGsyncdWatch, 1);

  watch->follower = gr_log_follower_new (log_file, GR_GSYNCD_WATCH_TAIL);
  watch->reasons = gr_gsyncd_reasons_new ();
  watch->basename = g_path_get_basename (log_file);
  watch->func = changed;
  watch->user_data = user_data;
  watch->monitor = monitor_directory (log_file, watch);
  schedule_read (watch);
  return watch;
}

void
gr_gsyncd_watch_free (GrGsyncdWatch *watch)
{
  if (watch == NULL)
    return;
  g_clear_handle_id (&watch->idle_id, g_source_remove);
  if (watch->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (watch->monitor, watch);
      g_file_monitor_cancel (watch->monitor);
      g_object_unref (watch->monitor);
    }
  gr_log_follower_free (watch->follower);
  gr_gsyncd_reasons_free (watch->reasons);
  g_free (watch->basename);
  g_free (watch);
}

gboolean
gr_gsyncd_watch_catch_up (GrGsyncdWatch *watch)
{
  gboolean changed;

  while (read_slice (watch))
    ;
  changed = watch->changed;
  watch->changed = FALSE;
  return changed;
}

GrGsyncdReasons *
gr_gsyncd_watch_get_reasons (GrGsyncdWatch *watch)
{
  return watch->reasons;
}
