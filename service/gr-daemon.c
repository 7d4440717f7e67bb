/* georepd: creating and exporting the service's parts. The daemon owns
 * the parts that the others share (configuration, gluster queue,
 * refresher, registry, destinations) and hands them on as one context
 * (objects/gr-context.h), as udisks' daemon object is handed on. */
#include "config.h"

#include "gr-context.h"
#include "gr-daemon.h"
#include "gr-destinations.h"
#include "gr-events-apply.h"
#include "gr-events.h"
#include "gr-jobs.h"
#include "gr-manager.h"
#include "gr-metrics-server.h"
#include "gr-monitor.h"
#include "gr-names.h"
#include "gr-reasons-shared.h"
#include "gr-refresh.h"
#include "gr-registry.h"
#include "gr-session-sync.h"
#include "gr-verify-schedule.h"
#include "gr-session-status-watch.h"
#include "gr-windows.h"

struct _GrDaemon {
  GrConfig *config;
  GDBusConnection *connection;
  GrGluster *gluster;
  GrRegistry *registry;
  GrRefresher *refresher;
  GrContext *context;
  GrSessionSync *session_sync;
  GrDestinations *destinations;
  GrWatch *watch;
  GrManagerObject *manager;
  GrEvents *events;
  GrVerifySchedule *verify_schedule;
  GrMonitor *monitor;
  GrMetricsServer *metrics;
  GrJobs *jobs;
  GrWindows *windows;
  GrReasonsShared *reasons_shared;
};

GrDaemon *
gr_daemon_new (GrConfig *config)
{
  /* Separate from GlusterdDirectory for a georepd that reads another
   * glusterd directory but runs the real gluster: it must still see the
   * real glusterd's hooks (see gluster/gr-gluster-hooks.c). */
  g_autofree char *hooks_dir =
      config->hooks_dir
          ? g_strdup (config->hooks_dir)
          : g_build_filename (config->glusterd_dir, "hooks", NULL);
  GrDaemon *daemon = g_new0 (GrDaemon, 1);

  daemon->config = config;
  daemon->gluster = gr_gluster_new (config->gluster_command,
                                    config->command_timeout, hooks_dir);
  daemon->registry = gr_registry_new ();
  daemon->refresher = gr_refresher_new (config, daemon->gluster);
  daemon->context = gr_context_new (config, daemon->gluster, daemon->refresher,
                                    daemon->registry);
  daemon->session_sync = gr_session_sync_new (daemon->context);
  /* Subscribers first: they follow the registry from its first object. */
  daemon->watch = gr_watch_new (daemon->context);
  daemon->reasons_shared = gr_reasons_shared_new (daemon->context);
  daemon->destinations = gr_destinations_new (config, daemon->registry);
  gr_context_set_destinations (daemon->context, daemon->destinations);
  daemon->verify_schedule = gr_verify_schedule_new (config, daemon->registry);
  daemon->monitor = gr_monitor_new (daemon->context);
  daemon->jobs = gr_jobs_new (daemon->context);
  daemon->windows = gr_windows_new (daemon->context);
  daemon->manager = gr_manager_object_new (daemon->context);
  return daemon;
}

void
gr_daemon_free (GrDaemon *daemon)
{
  if (daemon->events != NULL)
    {
      g_signal_handlers_disconnect_by_data (daemon->refresher, daemon->events);
      g_signal_handlers_disconnect_by_data (daemon->events,
                                            daemon->reasons_shared);
    }
  g_clear_pointer (&daemon->metrics, gr_metrics_server_free);
  g_clear_object (&daemon->manager);
  g_clear_object (&daemon->events);
  /* Saves the histories while the sessions are still there. */
  g_clear_pointer (&daemon->monitor, gr_monitor_free);
  g_clear_pointer (&daemon->watch, gr_watch_free);
  g_clear_pointer (&daemon->reasons_shared, gr_reasons_shared_free);
  g_clear_pointer (&daemon->verify_schedule, gr_verify_schedule_free);
  g_clear_pointer (&daemon->windows, gr_windows_free);
  g_clear_pointer (&daemon->jobs, gr_jobs_free);
  g_clear_pointer (&daemon->destinations, gr_destinations_free);
  g_clear_pointer (&daemon->session_sync, gr_session_sync_free);
  g_clear_object (&daemon->refresher);
  g_clear_object (&daemon->registry);
  g_clear_pointer (&daemon->context, gr_context_free);
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
  g_dbus_object_manager_server_set_connection (
      gr_registry_get_object_manager (daemon->registry), connection);
  daemon->events = gr_events_new (daemon->config, daemon->refresher);
  g_signal_connect (daemon->events, "worker-event",
                    G_CALLBACK (gr_events_apply), daemon->registry);
  gr_manager_object_set_events (daemon->manager, daemon->events);
  /* Another node's worker changed: its reason may be on the way. */
  g_signal_connect_swapped (daemon->events, "worker-changed",
                            G_CALLBACK (gr_reasons_shared_read_soon),
                            daemon->reasons_shared);
  g_object_bind_property (daemon->events, "error", daemon->manager,
                          "events-listener-error", G_BINDING_SYNC_CREATE);
  /* A listener that could not listen tries again at each refresh. */
  g_signal_connect_swapped (daemon->refresher, "notify::last-refresh",
                            G_CALLBACK (gr_events_listen_again),
                            daemon->events);
  daemon->metrics = gr_metrics_server_new (daemon->context);
  gr_refresher_start (daemon->refresher);
}
