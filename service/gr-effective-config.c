/* georepd: effective configs whose entries are shared between sessions. */
#include <string.h>

#include "gr-effective-config.h"

GHashTable *
gr_effective_config_pool_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_variant_unref);
}

/* One flat entry per distinct option and value. */
static GVariant *
pooled_entry (GHashTable *pool, const char *key, const char *value)
{
  g_autofree char *name = g_strconcat (key, "=", value, NULL);
  GVariant *entry = g_hash_table_lookup (pool, name);

  if (entry == NULL)
    {
      entry = g_variant_ref_sink (g_variant_new ("{ss}", key, value));
      (void) g_variant_get_data (entry);
      g_hash_table_insert (pool, g_steal_pointer (&name), entry);
    }
  return entry;
}

GVariant *
gr_effective_config_new (GHashTable *config, GHashTable *pool)
{
  g_autoptr (GList) keys =
      g_list_sort (g_hash_table_get_keys (config), (GCompareFunc) strcmp);
  g_autofree GVariant **entries =
      g_new (GVariant *, g_hash_table_size (config) + 1);
  gsize n = 0;

  /* Sorted, so that the same config is the same variant (and lookups
   * can halve). */
  for (GList *l = keys; l; l = l->next)
    entries[n++] =
        pooled_entry (pool, l->data, g_hash_table_lookup (config, l->data));
  return g_variant_ref_sink (
      g_variant_new_array (G_VARIANT_TYPE ("{ss}"), entries, n));
}

const char *
gr_effective_config_lookup (GVariant *config, const char *key)
{
  gsize low = 0, high = g_variant_n_children (config);

  while (low < high)
    {
      gsize middle = low + (high - low) / 2;
      g_autoptr (GVariant) entry = g_variant_get_child_value (config, middle);
      const char *name, *value;
      int order;

      g_variant_get (entry, "{&s&s}", &name, &value);
      order = strcmp (key, name);
      if (order == 0)
        return value;
      if (order < 0)
        high = middle;
      else
        low = middle + 1;
    }
  return NULL;
}
