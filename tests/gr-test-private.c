/* A private georepd for tests that need to control its gluster or its
 * polling. */
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gr-names.h"
#include "gr-test-private.h"
#include "gr-test-util.h"

/* Like Debian's system bus, but with no policy to speak of: the tests
 * run as root and nothing else connects. */
static const char bus_config[] =
    "<busconfig><type>system</type><listen>unix:path=%s/bus</listen>"
    "<auth>EXTERNAL</auth><policy context=\"default\">"
    "<allow user=\"root\"/><allow own=\"*\"/>"
    "<allow send_type=\"method_call\"/><allow send_type=\"signal\"/>"
    "<allow send_type=\"method_return\"/><allow send_type=\"error\"/>"
    "<allow receive_type=\"method_call\"/><allow receive_type=\"signal\"/>"
    "<allow receive_type=\"method_return\"/><allow receive_type=\"error\"/>"
    "</policy></busconfig>";

GrPrivateService *
gr_private_service_new (const char *name)
{
  GrPrivateService *service = g_new0 (GrPrivateService, 1);
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", name);

  service->dir =
      g_build_filename (gr_test_env ("GEOREP_SANDBOX_DIR"), template, NULL);
  g_assert_nonnull (g_mkdtemp (service->dir));
  return service;
}

char *
gr_private_service_path (GrPrivateService *service, const char *name)
{
  return g_build_filename (service->dir, name, NULL);
}

void
gr_private_service_write (GrPrivateService *service,
                          const char *name,
                          const char *contents)
{
  g_autofree char *path = gr_private_service_path (service, name);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

guint
gr_private_service_count_lines (GrPrivateService *service, const char *name)
{
  g_autofree char *path = gr_private_service_path (service, name);
  g_autofree char *text = NULL;
  guint lines = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p; p++)
    lines += *p == '\n';
  return lines;
}

void
gr_private_service_install_standin (GrPrivateService *service)
{
  g_autofree char *script =
      g_build_filename (g_getenv ("G_TEST_SRCDIR"), "gluster-standin.sh", NULL);
  g_autofree char *data =
      g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", NULL);
  g_autofree char *gluster = gr_private_service_path (service, "gluster");
  g_autofree char *data_link = gr_private_service_path (service, "data");

  g_assert_cmpint (symlink (script, gluster), ==, 0);
  g_assert_cmpint (symlink (data, data_link), ==, 0);
  gr_private_service_write (service, "mode", "answer");
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Runs @argv; with @listen_fd > 0, as systemd runs a service of a
 * socket unit: the socket as descriptor 3, LISTEN_FDS and LISTEN_PID
 * (the shell's pid is the program's after exec). */
static GPid
spawn (const char *const *argv, const char *const *envp, int listen_fd)
{
  const char *activate[] = { "/bin/sh", "-c",
                             "LISTEN_PID=$$ LISTEN_FDS=1 exec \"$@\"", "sh",
                             NULL };
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) command = NULL;
  int target = 3;
  g_autoptr (GError) error = NULL;
  GPid pid = 0;

  if (listen_fd > 0)
    g_strv_builder_addv (builder, activate);
  g_strv_builder_addv (builder, (const char **) argv);
  command = g_strv_builder_end (builder);
  g_spawn_async_with_pipes_and_fds (
      NULL, (const char *const *) command, envp,
      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, die_with_parent, NULL,
      -1, -1, -1, listen_fd > 0 ? &listen_fd : NULL,
      listen_fd > 0 ? &target : NULL, listen_fd > 0 ? 1 : 0, &pid, NULL, NULL,
      NULL, &error);
  g_assert_no_error (error);
  return pid;
}

static gboolean
bus_connects (gpointer data)
{
  GrPrivateService *service = data;
  g_autofree char *address = g_strdup_printf ("unix:path=%s/bus", service->dir);

  service->bus = g_dbus_connection_new_for_address_sync (
      address,
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
          G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, NULL);
  return service->bus != NULL;
}

static void
start_bus (GrPrivateService *service)
{
  g_autofree char *config = g_strdup_printf (bus_config, service->dir);
  g_autofree char *path = gr_private_service_path (service, "bus.conf");
  const char *argv[] = { "dbus-daemon",   "--nofork", "--nopidfile",
                         "--config-file", path,       NULL };

  gr_private_service_write (service, "bus.conf", config);
  service->bus_pid = spawn (argv, NULL, 0);
  g_assert_true (gr_test_wait_for (bus_connects, service, 10000));
}

static gboolean
service_ready (gpointer data)
{
  GrPrivateService *service = data;

  return gr_manager_get_last_refresh (service->manager) != 0;
}

static void start_georepd (GrPrivateService *service);

void
gr_private_service_start (GrPrivateService *service, const char *config_body)
{
  g_autofree char *config = g_strdup_printf ("[georepd]\n%s", config_body);

  start_bus (service);
  gr_private_service_write (service, "georepd.conf", config);
  start_georepd (service);
}

void
gr_private_service_restart (GrPrivateService *service)
{
  kill (service->service_pid, SIGTERM);
  waitpid (service->service_pid, NULL, 0);
  g_clear_object (&service->manager);
  start_georepd (service);
}

static void
start_georepd (GrPrivateService *service)
{
  g_autofree char *georepd = g_build_filename (g_getenv ("GEOREP_BUILD_ROOT"),
                                               "service", "georepd", NULL);
  g_autofree char *config_path =
      gr_private_service_path (service, "georepd.conf");
  g_autofree char *state = gr_private_service_path (service, "state");
  g_autofree char *address = g_strdup_printf (
      "DBUS_SYSTEM_BUS_ADDRESS=unix:path=%s/bus", service->dir);
  const char *argv[] = {
    georepd,     "--config",
    config_path, "--state-dir",
    state,       g_getenv ("GEOREP_TEST_VERBOSE") ? "--verbose" : NULL,
    NULL
  };
  const char *envp[] = { address, "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                         service->extra_env, NULL };
  g_autoptr (GStrvBuilder) command = g_strv_builder_new ();
  g_auto (GStrv) command_argv = NULL;
  g_autoptr (GError) error = NULL;

  if (service->prefix != NULL)
    g_strv_builder_addv (command, (const char **) service->prefix);
  g_strv_builder_addv (command, argv);
  command_argv = g_strv_builder_end (command);
  service->service_pid =
      spawn ((const char *const *) command_argv, envp, service->listen_fd);
  service->manager =
      gr_manager_proxy_new_sync (service->bus, G_DBUS_PROXY_FLAGS_NONE,
                                 GR_DBUS_NAME, GR_DBUS_PATH, NULL, &error);
  g_assert_no_error (error);
  g_dbus_proxy_set_default_timeout (G_DBUS_PROXY (service->manager), 300000);
  g_assert_true (gr_test_wait_for (service_ready, service, 60000));
}

void
gr_private_service_stop (GrPrivateService *service)
{
  const char *argv[] = { "rm", "-rf", service->dir, NULL };

  /* georepd writes its state (the histories) on its way out: the
   * directory goes once it is gone. */
  if (service->service_pid)
    {
      kill (service->service_pid, SIGTERM);
      waitpid (service->service_pid, NULL, 0);
    }
  if (service->bus_pid)
    kill (service->bus_pid, SIGTERM);
  g_clear_object (&service->manager);
  g_clear_object (&service->bus);
  g_free (gr_test_run (NULL, argv));
  g_free (service->dir);
  g_free (service->extra_env);
  g_strfreev (service->prefix);
  g_free (service);
}
