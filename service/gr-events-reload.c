/* georepd: keeping glustereventsd's webhooks current.
 *
 * glustereventsd reads webhooks.json at start and on SIGUSR2 only (its
 * posting process keeps the list it was started with). gluster-eventsapi
 * webhook-add copies the file to every node and then asks each node to
 * reload, but that reload looks for glustereventsd's pid file, which
 * glustereventsd removes right after it started (README.md, "Gluster
 * events"): no node reloads. So georepd does it for its node, as
 * `systemctl reload glustereventsd` would: after its own registration,
 * and whenever the copy of webhooks.json on its node changes (another
 * node's georepd registered). A node without georepd needs `systemctl
 * reload glustereventsd` by hand. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "gr-events-reload.h"

#define SETTLE_MS 500

struct _GrEventsReload {
  GFileMonitor *monitor;
  char *file;
  char *digest; /* of the content last seen; NULL: no file */
  guint settle_id;
};

static char *
read_link (const char *pid, const char *name)
{
  g_autofree char *path = g_build_filename ("/proc", pid, name, NULL);

  return g_file_read_link (path, NULL);
}

static char *
read_comm (const char *pid)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "comm", NULL);
  char *comm = NULL;

  if (!g_file_get_contents (path, &comm, NULL, NULL))
    return NULL;
  return g_strchomp (comm);
}

/* The parent's pid, as /proc/PID/stat gives it after the command. */
static char *
read_parent (const char *pid)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "stat", NULL);
  g_autofree char *stat = NULL;
  const char *after;

  if (!g_file_get_contents (path, &stat, NULL, NULL) ||
      (after = strrchr (stat, ')')) == NULL || strlen (after) < 4)
    return NULL;
  return g_strdup_printf ("%d", atoi (after + 4));
}

static gboolean
is_glustereventsd (const char *pid)
{
  g_autofree char *comm = read_comm (pid);

  return g_strcmp0 (comm, "glustereventsd") == 0;
}

/* The main glustereventsd process of this node (its webhook process is
 * its child, with the same name). */
static gboolean
is_main_glustereventsd (const char *pid, const char *own_net)
{
  g_autofree char *net = NULL;
  g_autofree char *parent = NULL;

  if (!g_ascii_isdigit (pid[0]) || !is_glustereventsd (pid))
    return FALSE;
  net = read_link (pid, "ns/net");
  parent = read_parent (pid);
  return g_strcmp0 (net, own_net) == 0 && parent != NULL &&
         !is_glustereventsd (parent);
}

guint
gr_events_reload_glustereventsd (void)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  g_autofree char *own_net = read_link ("self", "ns/net");
  const char *pid;
  guint signalled = 0;

  while (proc != NULL && (pid = g_dir_read_name (proc)) != NULL)
    if (is_main_glustereventsd (pid, own_net) &&
        kill ((pid_t) atoi (pid), SIGUSR2) == 0)
      {
        g_message ("Reloaded glustereventsd (pid %s): webhooks changed", pid);
        signalled++;
      }
  return signalled;
}

static char *
digest_of (const char *file)
{
  g_autofree char *content = NULL;
  gsize len = 0;

  if (!g_file_get_contents (file, &content, &len, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) content, len);
}

static gboolean
on_settled (gpointer data)
{
  GrEventsReload *reload = data;
  g_autofree char *digest = digest_of (reload->file);

  reload->settle_id = 0;
  if (g_strcmp0 (digest, reload->digest) == 0)
    return G_SOURCE_REMOVE;
  g_free (reload->digest);
  reload->digest = g_steal_pointer (&digest);
  gr_events_reload_glustereventsd ();
  return G_SOURCE_REMOVE;
}

static void
on_changed (GFileMonitor *monitor,
            GFile *file,
            GFile *other,
            GFileMonitorEvent event,
            gpointer data)
{
  GrEventsReload *reload = data;

  /* gluster writes the file in steps: look once it is quiet. */
  g_clear_handle_id (&reload->settle_id, g_source_remove);
  reload->settle_id = g_timeout_add (SETTLE_MS, on_settled, reload);
}

GrEventsReload *
gr_events_reload_new (const char *glusterd_dir)
{
  GrEventsReload *reload = g_new0 (GrEventsReload, 1);
  g_autofree char *dir = g_build_filename (glusterd_dir, "events", NULL);
  g_autoptr (GFile) directory = g_file_new_for_path (dir);
  g_autoptr (GError) error = NULL;

  reload->file = g_build_filename (dir, "webhooks.json", NULL);
  reload->digest = digest_of (reload->file);
  /* The directory: the file is replaced, not written in place. */
  reload->monitor =
      g_file_monitor_directory (directory, G_FILE_MONITOR_NONE, NULL, &error);
  if (reload->monitor == NULL)
    g_debug ("Not watching %s: %s", reload->file, error->message);
  else
    g_signal_connect (reload->monitor, "changed", G_CALLBACK (on_changed),
                      reload);
  return reload;
}

void
gr_events_reload_free (GrEventsReload *reload)
{
  g_clear_handle_id (&reload->settle_id, g_source_remove);
  if (reload->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (reload->monitor, reload);
      g_file_monitor_cancel (reload->monitor);
      g_object_unref (reload->monitor);
    }
  g_free (reload->file);
  g_free (reload->digest);
  g_free (reload);
}
