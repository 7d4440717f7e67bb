/* georepd: configuration file parsing. A missing file means the defaults;
 * a file that exists but cannot be parsed is an error, because silently
 * running with defaults could point the service at the wrong gluster. */
#include "config.h"

#include <gio/gio.h>

#include "gr-config.h"
#include "gr-error.h"

#define GROUP "georepd"

GrConfig *
gr_config_new_default (void)
{
  GrConfig *config = g_new0 (GrConfig, 1);

  config->gluster_command = g_strdup ("/usr/sbin/gluster");
  config->command_timeout = 120;
  config->poll_interval = 30;
  config->poll_interval_min = 2;
  config->state_directory =
      g_strdup (g_getenv ("STATE_DIRECTORY") ?: GR_STATE_DIR);
  config->glusterd_dir = g_strdup ("/var/lib/glusterd");
  /* gsyncd's gluster_rundir default (/etc/glusterfs/gsyncd.conf). */
  config->gluster_run_dir = g_strdup ("/var/run/gluster");
  config->events_port = 24010;
  config->events_listen_address = g_strdup ("127.0.0.1");
  config->eventsapi_command = g_strdup ("/usr/sbin/gluster-eventsapi");
  config->shared_storage_dir = g_strdup ("/run/gluster/shared_storage");
  config->verify_interval_min = 300;
  /* A sample a minute for a day (service/monitor/gr-history.h). */
  config->history_interval = 60;
  config->history_size = 1440;
  config->health_alert_delay = 300;
  return config;
}

void
gr_config_free (GrConfig *config)
{
  g_free (config->gluster_command);
  g_free (config->state_directory);
  g_free (config->glusterd_dir);
  g_free (config->gluster_run_dir);
  g_free (config->hooks_dir);
  g_free (config->metrics_listen_address);
  g_free (config->events_listen_address);
  g_free (config->eventsapi_command);
  g_free (config->shared_storage_dir);
  g_free (config);
}

/* Seconds: up to about 45 days. */
#define SECONDS_MAX (G_MAXUINT16 * 60u)

static gboolean
read_uint (GKeyFile *file,
           const char *key,
           guint min,
           guint max,
           guint *out,
           GError **error)
{
  g_autoptr (GError) local = NULL;
  guint64 value;

  if (!g_key_file_has_key (file, GROUP, key, NULL))
    return TRUE;
  value = g_key_file_get_uint64 (file, GROUP, key, &local);
  if (local == NULL && (value < min || value > max))
    g_set_error (&local, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                 "%s must be between %u and %u", key, min, max);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
read_path (GKeyFile *file, const char *key, char **out, GError **error)
{
  g_autofree char *value = NULL;

  if (!g_key_file_has_key (file, GROUP, key, NULL))
    return TRUE;
  value = g_key_file_get_string (file, GROUP, key, error);
  if (value == NULL)
    return FALSE;
  if (!g_path_is_absolute (value))
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                   "%s must be an absolute path", key);
      return FALSE;
    }
  g_free (*out);
  *out = g_steal_pointer (&value);
  return TRUE;
}

/* History, health alerts and /metrics (service/monitor/). */
static gboolean
read_monitoring (GKeyFile *file, GrConfig *config, GError **error)
{
  if (!read_uint (file, "HistoryInterval", 1, SECONDS_MAX,
                  &config->history_interval, error) ||
      !read_uint (file, "HistorySize", 1, 100000, &config->history_size,
                  error) ||
      !read_uint (file, "HealthAlertDelay", 1, SECONDS_MAX,
                  &config->health_alert_delay, error))
    return FALSE;
  if (!g_key_file_has_key (file, GROUP, "MetricsListenAddress", NULL))
    return TRUE;
  g_free (config->metrics_listen_address);
  config->metrics_listen_address =
      g_key_file_get_string (file, GROUP, "MetricsListenAddress", error);
  return config->metrics_listen_address != NULL;
}

/* An IPv4 or IPv6 address: where to listen is no name to resolve. */
static gboolean
read_address (GKeyFile *file, const char *key, char **out, GError **error)
{
  g_autofree char *value = NULL;
  g_autoptr (GInetAddress) address = NULL;

  if (!g_key_file_has_key (file, GROUP, key, NULL))
    return TRUE;
  value = g_key_file_get_string (file, GROUP, key, error);
  if (value == NULL)
    return FALSE;
  g_strstrip (value);
  address = g_inet_address_new_from_string (value);
  if (address == NULL)
    {
      g_set_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT,
                   "%s must be an IPv4 or IPv6 address", key);
      return FALSE;
    }
  g_free (*out);
  *out = g_inet_address_to_string (address);
  return TRUE;
}

gboolean
gr_config_load (GrConfig *config, const char *path, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                  "%s: ", path);
      return FALSE;
    }
  if (!read_path (file, "GlusterCommand", &config->gluster_command, error) ||
      !read_path (file, "StateDirectory", &config->state_directory, error) ||
      !read_path (file, "GlusterdDirectory", &config->glusterd_dir, error) ||
      !read_path (file, "GlusterRunDirectory", &config->gluster_run_dir,
                  error) ||
      !read_path (file, "GlusterHooksDirectory", &config->hooks_dir, error) ||
      !read_path (file, "GlusterEventsapiCommand", &config->eventsapi_command,
                  error) ||
      !read_path (file, "SharedStorageDirectory", &config->shared_storage_dir,
                  error) ||
      !read_address (file, "EventsListenAddress",
                     &config->events_listen_address, error) ||
      !read_uint (file, "CommandTimeout", 1, SECONDS_MAX,
                  &config->command_timeout, error) ||
      !read_uint (file, "PollInterval", 1, SECONDS_MAX, &config->poll_interval,
                  error) ||
      !read_uint (file, "PollIntervalMin", 1, SECONDS_MAX,
                  &config->poll_interval_min, error) ||
      !read_uint (file, "VerifyIntervalMin", 1, SECONDS_MAX,
                  &config->verify_interval_min, error) ||
      /* A port beyond 65535 would be cut to another one when listening. */
      !read_uint (file, "EventsPort", 1, G_MAXUINT16, &config->events_port,
                  error) ||
      !read_monitoring (file, config, error))
    return FALSE;
  if (g_key_file_has_key (file, GROUP, "EventsListener", NULL))
    {
      config->events_listener =
          g_key_file_get_boolean (file, GROUP, "EventsListener", &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  config->poll_interval_min =
      MIN (config->poll_interval_min, config->poll_interval);
  return TRUE;
}
