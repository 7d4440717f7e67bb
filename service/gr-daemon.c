/* georepd: creating and exporting the service's objects. */
#include "config.h"

#include "gr-daemon.h"
#include "gr-destinations.h"
#include "gr-events.h"
#include "gr-gluster-types.h"
#include "gr-manager-methods.h"
#include "gr-names.h"
#include "gr-refresh.h"
#include "gr-session-object.h"
#include "gr-watch.h"

GrDaemon *
gr_daemon_new (GrConfig *config)
{
  g_autofree char *hooks_dir =
      g_build_filename (config->glusterd_dir, "hooks", NULL);
  GrDaemon *daemon = g_new0 (GrDaemon, 1);

  daemon->config = config;
  daemon->gluster = gr_gluster_new (config->gluster_command,
                                    config->command_timeout, hooks_dir);
  daemon->sessions = g_hash_table_new_full (
      g_str_hash, g_str_equal, NULL, (GDestroyNotify) gr_session_object_free);
  daemon->volumes = g_hash_table_new_full (
      g_str_hash, g_str_equal, NULL, (GDestroyNotify) gr_volume_info_free);
  daemon->object_manager = g_dbus_object_manager_server_new (GR_DBUS_PATH);
  daemon->manager = gr_manager_skeleton_new ();
  gr_manager_set_version (daemon->manager, GR_VERSION);
  gr_manager_set_gluster_version (daemon->manager, "");
  daemon->refresher = gr_refresher_new (daemon);
  gr_destinations_new (daemon);
  daemon->watch = gr_watch_new (daemon);
  gr_manager_connect_methods (daemon);
  return daemon;
}

void
gr_daemon_free (GrDaemon *daemon)
{
  g_clear_pointer (&daemon->events, gr_events_free);
  g_clear_pointer (&daemon->watch, gr_watch_free);
  g_clear_pointer (&daemon->refresher, gr_refresher_free);
  g_clear_pointer (&daemon->sessions, g_hash_table_unref);
  g_clear_pointer (&daemon->destinations, gr_destinations_free);
  g_clear_pointer (&daemon->volumes, g_hash_table_unref);
  g_clear_object (&daemon->manager);
  g_clear_object (&daemon->object_manager);
  g_clear_object (&daemon->connection);
  /* The runner is not freed: a gluster child may still report back while
   * the process exits, and the kernel reclaims it anyway. */
  g_free (daemon);
}

void
gr_daemon_export (GrDaemon *daemon, GDBusConnection *connection)
{
  g_autoptr (GError) error = NULL;

  daemon->connection = g_object_ref (connection);
  /* The Manager shares the root path with the ObjectManager, which only
   * manages objects below it: it is exported on its own. */
  if (!g_dbus_interface_skeleton_export (
          G_DBUS_INTERFACE_SKELETON (daemon->manager), connection, GR_DBUS_PATH,
          &error))
    g_error ("Cannot export the Manager: %s", error->message);
  g_dbus_object_manager_server_set_connection (daemon->object_manager,
                                               connection);
  daemon->events = gr_events_new (daemon);
  gr_refresher_start (daemon->refresher);
}
