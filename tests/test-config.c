/* Unit tests of the service configuration (service/gr-config.c): values
 * out of range are refused at load, not silently changed. */
#include <glib/gstdio.h>
#include <unistd.h>

#include "gr-config.h"
#include "gr-error.h"

static gboolean
load (const char *contents, GrConfig *config, GError **error)
{
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("georepd-conf-XXXXXX", &path, NULL);
  gboolean ok;

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  ok = gr_config_load (config, path, error);
  g_unlink (path);
  return ok;
}

static void
test_events_port (void)
{
  const char *const refused[] = { "0", "65536", "89546", "-1", "x" };
  g_autoptr (GrConfig) config = gr_config_new_default ();
  g_autoptr (GError) error = NULL;

  g_assert_true (load ("[georepd]\nEventsPort=65535\n", config, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (config->events_port, ==, 65535);
  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *text =
          g_strdup_printf ("[georepd]\nEventsPort=%s\n", refused[i]);

      g_assert_false (load (text, config, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_cmpuint (config->events_port, ==, 65535);
    }
}

static void
test_intervals (void)
{
  g_autoptr (GrConfig) config = gr_config_new_default ();
  g_autoptr (GError) error = NULL;

  g_assert_true (load ("[georepd]\nPollInterval=600\nCommandTimeout=30\n",
                       config, &error));
  g_assert_cmpuint (config->poll_interval, ==, 600);
  g_assert_false (load ("[georepd]\nPollInterval=0\n", config, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
}

static void
test_hooks_directory (void)
{
  g_autoptr (GrConfig) config = gr_config_new_default ();
  g_autoptr (GError) error = NULL;

  g_assert_null (config->hooks_dir);
  g_assert_true (
      load ("[georepd]\nGlusterHooksDirectory=/srv/hooks\n", config, &error));
  g_assert_cmpstr (config->hooks_dir, ==, "/srv/hooks");
  g_assert_false (
      load ("[georepd]\nGlusterHooksDirectory=hooks\n", config, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (config->hooks_dir, ==, "/srv/hooks");
}

/* History, health alerts and /metrics (service/monitor/): defaults, a
 * day a minute apart, off; out of range refused. */
static void
test_monitoring (void)
{
  g_autoptr (GrConfig) config = gr_config_new_default ();
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (config->history_interval, ==, 60);
  g_assert_cmpuint (config->history_size, ==, 1440);
  g_assert_cmpuint (config->health_alert_delay, ==, 300);
  g_assert_null (config->metrics_listen_address);
  g_assert_true (load ("[georepd]\nHistoryInterval=2\nHistorySize=10\n"
                       "HealthAlertDelay=3\n"
                       "MetricsListenAddress=127.0.0.1:9713\n",
                       config, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (config->history_interval, ==, 2);
  g_assert_cmpuint (config->history_size, ==, 10);
  g_assert_cmpuint (config->health_alert_delay, ==, 3);
  g_assert_cmpstr (config->metrics_listen_address, ==, "127.0.0.1:9713");
  g_assert_false (load ("[georepd]\nHistorySize=0\n", config, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (load ("[georepd]\nHistoryInterval=-5\n", config, &error));
  g_assert_nonnull (error);
}

/* Where the events listener listens: an address, never a name. */
static void
test_events_listen_address (void)
{
  const char *const refused[] = { "localhost", "10.0.0", "", "-1", "::1x" };
  g_autoptr (GrConfig) config = gr_config_new_default ();
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (config->events_listen_address, ==, "127.0.0.1");
  g_assert_true (
      load ("[georepd]\nEventsListenAddress=10.213.0.1\n", config, &error));
  g_assert_cmpstr (config->events_listen_address, ==, "10.213.0.1");
  g_assert_true (load ("[georepd]\nEventsListenAddress=::\n", config, &error));
  g_assert_cmpstr (config->events_listen_address, ==, "::");
  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *text =
          g_strdup_printf ("[georepd]\nEventsListenAddress=%s\n", refused[i]);

      g_assert_false (load (text, config, &error));
      g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
      g_assert_cmpstr (config->events_listen_address, ==, "::");
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/config/events-port", test_events_port);
  g_test_add_func ("/config/events-listen-address", test_events_listen_address);
  g_test_add_func ("/config/intervals", test_intervals);
  g_test_add_func ("/config/monitoring", test_monitoring);
  g_test_add_func ("/config/hooks-directory", test_hooks_directory);
  return g_test_run ();
}
