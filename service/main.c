/* georepd: entry point. Reads the configuration, connects to the system
 * bus, exports the objects, then takes the name. */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "gr-config.h"
#include "gr-daemon.h"
#include "gr-error.h"
#include "gr-log.h"
#include "gr-names.h"

typedef struct {
  char *config_path;
  char *state_dir;
  gboolean verbose;
  gboolean version;
} GrArgs;

static gboolean
parse_args (int *argc, char ***argv, GrArgs *args, GError **error)
{
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &args->config_path,
      "Configuration file (default " GR_CONFIG_FILE ")", "FILE" },
    { "state-dir", 's', 0, G_OPTION_ARG_FILENAME, &args->state_dir,
      "State directory (overrides the configuration)", "DIR" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &args->verbose,
      "Log debug messages", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &args->version,
      "Print the version and exit", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new ("- GlusterFS geo-replication service");

  g_option_context_add_main_entries (context, entries, NULL);
  return g_option_context_parse (context, argc, argv, error);
}

static GrConfig *
load_config (const GrArgs *args, GError **error)
{
  g_autoptr (GrConfig) config = gr_config_new_default ();

  if (!gr_config_load (config,
                       args->config_path ? args->config_path : GR_CONFIG_FILE,
                       error))
    return NULL;
  if (args->state_dir != NULL)
    {
      g_free (config->state_directory);
      config->state_directory = g_canonicalize_filename (args->state_dir, NULL);
    }
  return g_steal_pointer (&config);
}

static void
on_name_acquired (GDBusConnection *connection, const char *name, gpointer data)
{
  g_message ("Acquired the name %s", name);
  /* The objects were exported before the name was taken: ready now. */
  sd_notify (0, "READY=1");
}

static void
on_name_lost (GDBusConnection *connection, const char *name, gpointer data)
{
  GrDaemon *daemon = data;

  /* Another instance owns it, or the bus went away: either way this one
   * must not keep serving. */
  g_warning ("Lost or could not acquire the name %s", name);
  g_main_loop_quit (daemon->loop);
}

static gboolean
on_signal (gpointer data)
{
  GrDaemon *daemon = data;

  g_message ("Stopping on signal");
  sd_notify (0, "STOPPING=1");
  g_main_loop_quit (daemon->loop);
  return G_SOURCE_REMOVE;
}

static int
run (GrConfig *config)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) connection = NULL;
  g_autoptr (GrDaemon) daemon = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint owner;

  connection = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  if (connection == NULL)
    {
      g_critical ("Cannot connect to the system bus: %s", error->message);
      return 1;
    }
  daemon = gr_daemon_new (config);
  daemon->loop = loop;
  gr_daemon_export (daemon, connection);
  owner = g_bus_own_name_on_connection (
      connection, GR_DBUS_NAME, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
      on_name_acquired, on_name_lost, daemon, NULL);
  g_unix_signal_add (SIGTERM, on_signal, daemon);
  g_unix_signal_add (SIGINT, on_signal, daemon);
  g_main_loop_run (loop);
  g_bus_unown_name (owner);
  g_dbus_connection_flush_sync (connection, NULL, NULL);
  return 0;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GrConfig) config = NULL;
  GrArgs args = { 0 };
  int status;

  setlocale (LC_ALL, "");
  if (!parse_args (&argc, &argv, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (args.version)
    {
      g_print ("georepd %s\n", GR_VERSION);
      return 0;
    }
  gr_log_setup (args.verbose);
  /* Registers the error domain before any error crosses the bus. */
  g_type_ensure (G_TYPE_DBUS_CONNECTION);
  (void) GR_ERROR;
  config = load_config (&args, &error);
  if (config == NULL)
    {
      g_critical ("Invalid configuration: %s", error->message);
      return 1;
    }
  /* Wherever it was started from, the service (and every gluster it
   * runs) works from the root directory; paths were read by now. */
  if (chdir ("/") != 0)
    return 1;
  status = run (config);
  g_free (args.config_path);
  g_free (args.state_dir);
  return status;
}
