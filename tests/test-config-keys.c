/* Unit tests: the allowlist of geo-replication config keys. */
#include <string.h>

#include "gr-config-keys.h"
#include "gr-error.h"
#include "gr-xml-geo-config.h"

static void
assert_class (const char *key, GrConfigKeyClass expected, const char *canonical)
{
  g_autofree char *name = NULL;

  g_test_message ("%s", key ? key : "(null)");
  g_assert_cmpint (gr_config_key_classify (key, &name), ==, expected);
  g_assert_cmpstr (name, ==, canonical);
  g_assert_cmpint (gr_config_key_classify (key, NULL), ==, expected);
}

static void
test_ordinary (void)
{
  assert_class ("sync-jobs", GR_CONFIG_KEY_ORDINARY, "sync-jobs");
  assert_class ("sync_jobs", GR_CONFIG_KEY_ORDINARY, "sync-jobs");
  assert_class ("checkpoint", GR_CONFIG_KEY_ORDINARY, "checkpoint");
  assert_class ("ssh-port", GR_CONFIG_KEY_ORDINARY, "ssh-port");
  assert_class ("use_meta_volume", GR_CONFIG_KEY_ORDINARY, "use-meta-volume");
  assert_class ("log-level", GR_CONFIG_KEY_ORDINARY, "log-level");
  assert_class ("sync-method", GR_CONFIG_KEY_ORDINARY, "sync-method");
  assert_class ("ignore-deletes", GR_CONFIG_KEY_ORDINARY, "ignore-deletes");
}

static void
test_command (void)
{
  static const char *const commands[] = {
    "ssh-command",
    "ssh-options",
    "ssh-options-tar",
    "rsync-command",
    "rsync-options",
    "rsync-ssh-options",
    "tar-command",
    "gluster-command",
    "gluster-command-dir",
    "secondary-gluster-command-dir",
    "remote-gsyncd",
    "gluster-params",
    "secondary-gluster-params",
    "meta-volume-mnt",
    "gluster-cli-options",
    "glusterd-workdir",
    "gluster-logdir",
    "gluster-rundir",
    "gsyncd-miscdir",
    "changelog-archive-format",
    "stime-xattr-prefix",
    NULL,
  };

  for (guint i = 0; commands[i]; i++)
    assert_class (commands[i], GR_CONFIG_KEY_COMMAND, commands[i]);
  assert_class ("ssh_command", GR_CONFIG_KEY_COMMAND, "ssh-command");
  assert_class ("remote_gsyncd", GR_CONFIG_KEY_COMMAND, "remote-gsyncd");
}

static void
test_read_only (void)
{
  static const char *const read_only[] = {
    "primary-bricks",
    "secondary-bricks",
    "primary-volume-id",
    "secondary-volume-id",
    "primary-replica-count",
    "primary-disperse-count",
    "primary-distribution-count",
    "pid-file",
    "state-file",
    "georep-session-working-dir",
    "working-dir",
    "log-file",
    "cli-log-file",
    "changelog-log-file",
    "gluster-log-file",
    "secondary-log-file",
    "secondary-gluster-log-file",
    "secondary-gluster-log-file-mbr",
    NULL,
  };

  for (guint i = 0; read_only[i]; i++)
    assert_class (read_only[i], GR_CONFIG_KEY_READ_ONLY, read_only[i]);
  assert_class ("state_socket_unencoded", GR_CONFIG_KEY_READ_ONLY,
                "state-socket-unencoded");
}

static void
test_legacy_aliases (void)
{
  assert_class ("slave-timeout", GR_CONFIG_KEY_ORDINARY, "secondary-timeout");
  assert_class ("slave_log_level", GR_CONFIG_KEY_ORDINARY,
                "secondary-log-level");
  assert_class ("isolated-slaves", GR_CONFIG_KEY_ORDINARY,
                "isolated-secondarys");
  assert_class ("slave-access-mount", GR_CONFIG_KEY_ORDINARY,
                "secondary-access-mount");
  assert_class ("slave-gluster-command-dir", GR_CONFIG_KEY_COMMAND,
                "secondary-gluster-command-dir");
  assert_class ("slave_gluster_params", GR_CONFIG_KEY_COMMAND,
                "secondary-gluster-params");
  assert_class ("master-bricks", GR_CONFIG_KEY_READ_ONLY, "primary-bricks");
  assert_class ("master_replica_count", GR_CONFIG_KEY_READ_ONLY,
                "primary-replica-count");
  assert_class ("slave-volume-id", GR_CONFIG_KEY_READ_ONLY,
                "secondary-volume-id");
}

static void
test_unknown (void)
{
  g_autofree char *long_key = g_strnfill (65, 'a');
  static const char *const unknown[] = {
    "no-such-key",
    "",
    "-ssh-command",
    "--ssh-command",
    "Ssh-Command",
    "ssh command",
    "ssh-command;",
    "!ssh-command",
    "ssh-command\n",
    "ssh-port=22",
    "slave",
    "master-",
    "use-tarssh",
    "ssh\xc3\xa9",
    NULL,
  };

  for (guint i = 0; unknown[i]; i++)
    assert_class (unknown[i], GR_CONFIG_KEY_UNKNOWN, NULL);
  assert_class (NULL, GR_CONFIG_KEY_UNKNOWN, NULL);
  assert_class (long_key, GR_CONFIG_KEY_UNKNOWN, NULL);
}

static void
assert_valid (const char *key, gboolean for_write, const char *canonical)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_true (gr_config_key_validate (key, for_write, &name, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, canonical);
  g_assert_true (gr_config_key_validate (key, for_write, NULL, NULL));
}

static void
assert_invalid (const char *key, gboolean for_write, const char *message_part)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_false (gr_config_key_validate (key, for_write, &name, &error));
  g_assert_error (error, GR_ERROR, GR_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_null (name);
}

static void
test_validate (void)
{
  assert_valid ("sync_jobs", TRUE, "sync-jobs");
  assert_valid ("ssh-command", TRUE, "ssh-command");
  assert_valid ("slave-timeout", TRUE, "secondary-timeout");
  assert_valid ("primary-bricks", FALSE, "primary-bricks");
  assert_invalid ("primary-bricks", TRUE, "read-only");
  assert_invalid ("master_bricks", TRUE, "'primary-bricks' is read-only");
  assert_invalid ("no-such-key", FALSE, "Unknown");
  assert_invalid ("-ssh-command", FALSE, "Invalid config key");
  assert_invalid ("ssh command", TRUE, "Invalid config key");
  assert_invalid ("SSH-COMMAND", TRUE, "Invalid config key");
  assert_invalid ("", TRUE, "Invalid config key");
  assert_invalid (NULL, TRUE, "Invalid config key");
}

static void
test_legacy_names (void)
{
  static const char *const cases[][2] = {
    { "secondary-timeout", "slave-timeout" },
    { "isolated-secondarys", "isolated-slaves" },
    { "primary-bricks", "master-bricks" },
    { "secondary-gluster-log-file-mbr", "slave-gluster-log-file-mbr" },
    { "sync-jobs", "sync-jobs" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *legacy = gr_config_key_to_legacy (cases[i][0]);
      g_autofree char *back = NULL;

      g_assert_cmpstr (legacy, ==, cases[i][1]);
      gr_config_key_classify (legacy, &back);
      g_assert_cmpstr (back, ==, cases[i][0]);
    }
}

static GHashTable *
recorded_config (const char *name)
{
  g_autofree char *path =
      g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  GHashTable *config;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  config = gr_xml_read_geo_config (data, len, NULL, &error);
  g_assert_no_error (error);
  return config;
}

/* Every key a real `config` lists is known, under either naming. */
static void
test_recorded_keys_known (void)
{
  const char *names[] = { "geo-config-started.xml", "v9-geo-config.xml" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GHashTable) config = recorded_config (names[i]);
      GHashTableIter iter;
      const char *key;

      g_assert_cmpuint (g_hash_table_size (config), >, 60);
      g_hash_table_iter_init (&iter, config);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
        {
          g_test_message ("%s", key);
          g_assert_cmpint (gr_config_key_classify (key, NULL), !=,
                           GR_CONFIG_KEY_UNKNOWN);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/config-keys/ordinary", test_ordinary);
  g_test_add_func ("/config-keys/command", test_command);
  g_test_add_func ("/config-keys/read-only", test_read_only);
  g_test_add_func ("/config-keys/legacy-aliases", test_legacy_aliases);
  g_test_add_func ("/config-keys/unknown", test_unknown);
  g_test_add_func ("/config-keys/validate", test_validate);
  g_test_add_func ("/config-keys/legacy-names", test_legacy_names);
  g_test_add_func ("/config-keys/recorded-keys-known",
                   test_recorded_keys_known);
  return g_test_run ();
}
