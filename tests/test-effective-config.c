/* Unit tests of the effective configs whose entries sessions share
 * (service/gr-effective-config.h). */
#include "gr-effective-config.h"

static GHashTable *
config_new (const char *log_file)
{
  GHashTable *config = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (config, "sync-method", "rsync");
  g_hash_table_insert (config, "checkpoint", "1795649558");
  g_hash_table_insert (config, "log-file", (gpointer) log_file);
  g_hash_table_insert (config, "allow-network", "");
  return config;
}

static void
test_lookup (void)
{
  g_autoptr (GHashTable) pool = gr_effective_config_pool_new ();
  g_autoptr (GHashTable) options = config_new ("/var/log/a.log");
  g_autoptr (GVariant) config = gr_effective_config_new (options, pool);
  g_autoptr (GVariant) sent = g_variant_ref_sink (g_variant_new_parsed (
      "{'allow-network': '', 'checkpoint': '1795649558', "
      "'log-file': '/var/log/a.log', 'sync-method': 'rsync'}"));

  g_assert_true (g_variant_is_of_type (config, G_VARIANT_TYPE ("a{ss}")));
  g_assert_false (g_variant_is_floating (config));
  g_assert_cmpuint (g_variant_n_children (config), ==, 4);
  /* The first, the last, one between, an empty value, and absent keys
   * before, between and after them. */
  g_assert_cmpstr (gr_effective_config_lookup (config, "allow-network"), ==,
                   "");
  g_assert_cmpstr (gr_effective_config_lookup (config, "sync-method"), ==,
                   "rsync");
  g_assert_cmpstr (gr_effective_config_lookup (config, "log-file"), ==,
                   "/var/log/a.log");
  g_assert_cmpstr (gr_effective_config_lookup (config, "checkpoint"), ==,
                   "1795649558");
  g_assert_null (gr_effective_config_lookup (config, "aaa"));
  g_assert_null (gr_effective_config_lookup (config, "log"));
  g_assert_null (gr_effective_config_lookup (config, "zzz"));
  /* As GetEffectiveConfig sends it: sorted by key. */
  g_assert_true (g_variant_equal (config, sent));
}

/* Two sessions of one refresh share the entries they have in common,
 * and reading them does not make private copies. */
static void
test_shared (void)
{
  g_autoptr (GHashTable) pool = gr_effective_config_pool_new ();
  g_autoptr (GHashTable) options_a = config_new ("/var/log/a.log");
  g_autoptr (GHashTable) options_b = config_new ("/var/log/b.log");
  g_autoptr (GVariant) a = gr_effective_config_new (options_a, pool);
  g_autoptr (GVariant) b = gr_effective_config_new (options_b, pool);
  g_autoptr (GVariant) sync_a = NULL;
  g_autoptr (GVariant) sync_b = NULL;
  g_autoptr (GVariant) log_a = NULL;
  g_autoptr (GVariant) log_b = NULL;

  g_assert_cmpstr (gr_effective_config_lookup (b, "log-file"), ==,
                   "/var/log/b.log");
  g_assert_cmpstr (gr_effective_config_lookup (a, "sync-method"), ==, "rsync");
  /* Sorted: allow-network, checkpoint, log-file, sync-method. */
  sync_a = g_variant_get_child_value (a, 3);
  sync_b = g_variant_get_child_value (b, 3);
  log_a = g_variant_get_child_value (a, 2);
  log_b = g_variant_get_child_value (b, 2);
  g_assert_true (sync_a == sync_b);
  g_assert_false (log_a == log_b);
  g_assert_cmpuint (g_hash_table_size (pool), ==, 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/effective-config/lookup", test_lookup);
  g_test_add_func ("/effective-config/shared", test_shared);
  return g_test_run ();
}
